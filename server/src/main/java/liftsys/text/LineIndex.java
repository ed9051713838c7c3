package liftsys.text;

import java.util.Arrays;

/**
 * Maps between UTF-16 offsets and LSP positions for one immutable text. Line breaks are
 * {@code \n}, {@code \r\n} and a lone {@code \r}, as LSP defines them.
 */
public final class LineIndex {
    private final int[] lineStarts;
    private final int length;

    private LineIndex(int[] lineStarts, int length) {
        this.lineStarts = lineStarts;
        this.length = length;
    }

    public static LineIndex of(CharSequence text) {
        int[] starts = new int[64];
        int count = 1;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return new LineIndex(Arrays.copyOf(starts, count), n);
    }

    public int lineCount() {
        return lineStarts.length;
    }

    public int length() {
        return length;
    }

    public int lineStart(int line) {
        return lineStarts[line];
    }

    /** The offset just past the line's last character, before its line break. */
    public int lineContentEnd(int line, CharSequence text) {
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] : length;
        while (end > lineStarts[line] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    /**
     * The offset of a position, or -1 when the position is outside the text. A column past the
     * end of its line is outside; the position just after the last character is inside.
     */
    public int offsetOf(Position p, CharSequence text) {
        if (p.line() < 0 || p.line() >= lineStarts.length || p.character() < 0) {
            return -1;
        }
        int offset = lineStarts[p.line()] + p.character();
        return offset <= lineContentEnd(p.line(), text) ? offset : -1;
    }

    /** Like {@link #offsetOf} but clamps a column past the line's end to that end, as LSP asks of edits. */
    public int clampedOffsetOf(Position p, CharSequence text) {
        if (p.line() < 0 || p.character() < 0) {
            return -1;
        }
        if (p.line() >= lineStarts.length) {
            return length;
        }
        return Math.min(lineStarts[p.line()] + p.character(), lineContentEnd(p.line(), text));
    }

    public Position positionOf(int offset) {
        if (offset < 0 || offset > length) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside 0.." + length);
        }
        int line = Arrays.binarySearch(lineStarts, offset);
        if (line < 0) {
            line = -line - 2;
        }
        return new Position(line, offset - lineStarts[line]);
    }

    public TextRange rangeOf(OffsetRange r) {
        return new TextRange(positionOf(r.start()), positionOf(r.end()));
    }
}
