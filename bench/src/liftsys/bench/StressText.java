package liftsys.bench;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Position;

/**
 * The stress client's own model of one document's text. Its line and UTF-16 column arithmetic is
 * written here, apart from the server's, so that a mistake the two shared could not hide: a line
 * ends at {@code \n}, at {@code \r\n} (one break of two characters) or at a lone {@code \r}.
 */
final class StressText {
    /** What a character of the text is part of, by {@link #kinds()}. */
    static final byte CODE = 0;
    static final byte COMMENT = 1;
    static final byte LITERAL = 2;

    private String text;
    private int[] starts;
    private byte[] kinds;

    StressText(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    int length() {
        return text.length();
    }

    char charAt(int i) {
        return text.charAt(i);
    }

    /** Replaces {@code start..end} with {@code with}. */
    void replace(int start, int end, String with) {
        if (start < 0 || end < start || end > text.length()) {
            throw new IllegalArgumentException("bad range " + start + ".." + end + " of " + text.length());
        }
        text = text.substring(0, start) + with + text.substring(end);
        starts = null;
        kinds = null;
    }

    /** Where each line starts. A {@code \r} directly followed by {@code \n} does not end a line by itself. */
    int[] lineStarts() {
        if (starts == null) {
            List<Integer> s = new ArrayList<>();
            s.add(0);
            int n = text.length();
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                boolean ends = c == '\n' || (c == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n'));
                if (ends) {
                    s.add(i + 1);
                }
            }
            starts = s.stream().mapToInt(Integer::intValue).toArray();
        }
        return starts;
    }

    int lineCount() {
        return lineStarts().length;
    }

    int lineStart(int line) {
        return lineStarts()[line];
    }

    /** The offset after the line's last character, before its break. */
    int contentEnd(int line) {
        int[] s = lineStarts();
        if (line + 1 == s.length) {
            return text.length();
        }
        int end = s[line + 1] - 1;
        if (text.charAt(end) == '\n' && end > s[line] && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    /** The line holding an offset (an offset at a line's start belongs to that line). */
    int lineOf(int offset) {
        int[] s = lineStarts();
        int lo = 0;
        int hi = s.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (s[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The LSP position of an offset; the offset must be {@link #expressible}. */
    Position positionOf(int offset) {
        if (!expressible(offset)) {
            throw new IllegalArgumentException("offset " + offset + " has no position");
        }
        int line = lineOf(offset);
        return new Position(line, offset - lineStart(line));
    }

    /** The offset of a position, or -1 when the position is not inside the text. */
    int offsetOf(Position p) {
        if (p.getLine() < 0 || p.getLine() >= lineCount() || p.getCharacter() < 0) {
            return -1;
        }
        int offset = lineStart(p.getLine()) + p.getCharacter();
        return offset <= contentEnd(p.getLine()) ? offset : -1;
    }

    /**
     * Whether an offset can be named by a position: it is in the text and not between the two
     * characters of a {@code \r\n} or of a surrogate pair.
     */
    boolean expressible(int offset) {
        if (offset < 0 || offset > text.length()) {
            return false;
        }
        if (offset == 0 || offset == text.length()) {
            return true;
        }
        char before = text.charAt(offset - 1);
        char at = text.charAt(offset);
        return !(before == '\r' && at == '\n') && !(Character.isHighSurrogate(before) && Character.isLowSurrogate(at));
    }

    /** The nearest expressible offset at or before this one. */
    int snap(int offset) {
        offset = Math.max(0, Math.min(text.length(), offset));
        while (!expressible(offset)) {
            offset--;
        }
        return offset;
    }

    /**
     * What each character is part of: code, a comment, or a string, char or text-block literal. A
     * small lexer of its own; an unterminated literal ends at its line's end, an unterminated
     * comment or text block at the text's end.
     */
    byte[] kinds() {
        if (kinds != null) {
            return kinds;
        }
        int n = text.length();
        byte[] k = new byte[n];
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : 0;
            int end;
            byte kind;
            if (c == '/' && next == '/') {
                end = i;
                while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                    end++;
                }
                kind = COMMENT;
            } else if (c == '/' && next == '*') {
                int close = text.indexOf("*/", i + 2);
                end = close < 0 ? n : close + 2;
                kind = COMMENT;
            } else if (c == '"' && text.startsWith("\"\"\"", i)) {
                end = i + 3;
                while (end < n && !text.startsWith("\"\"\"", end)) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                kind = LITERAL;
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < n && text.charAt(end) != c && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + (end < n && text.charAt(end) == c ? 1 : 0));
                kind = LITERAL;
            } else {
                i++;
                continue;
            }
            for (int j = i; j < end; j++) {
                k[j] = kind;
            }
            i = Math.max(end, i + 1);
        }
        kinds = k;
        return k;
    }

    boolean isCode(int offset) {
        return offset < text.length() && kinds()[offset] == CODE;
    }

    /** Whether an identifier starts at the offset (code points, so supplementary letters count). */
    boolean wordStart(int offset) {
        if (offset >= text.length() || !Character.isJavaIdentifierStart(text.codePointAt(offset))) {
            return false;
        }
        return offset == 0 || !Character.isJavaIdentifierPart(text.codePointBefore(offset));
    }

    /** The end of the identifier starting at the offset. */
    int wordEnd(int offset) {
        int i = offset;
        while (i < text.length() && Character.isJavaIdentifierPart(text.codePointAt(i))) {
            i += Character.charCount(text.codePointAt(i));
        }
        return i;
    }

    /** Offsets where identifiers start in code, between {@code from} and {@code to}. */
    List<Integer> codeWordStarts(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = Math.max(0, from); i < Math.min(to, text.length()); i++) {
            if (isCode(i) && wordStart(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Leading spaces and tabs of a line. */
    int indent(int line) {
        int i = lineStart(line);
        int end = contentEnd(line);
        int n = 0;
        while (i + n < end && (text.charAt(i + n) == ' ' || text.charAt(i + n) == '\t')) {
            n++;
        }
        return n;
    }

    String content(int line) {
        return text.substring(lineStart(line), contentEnd(line));
    }

    /** The break after a line ("" for the last line). */
    String breakAfter(int line) {
        return line + 1 < lineCount() ? text.substring(contentEnd(line), lineStart(line + 1)) : "";
    }
}
