package liftsys.text;

import java.util.List;

/**
 * One version of one document's text. Immutable: an edit makes a new snapshot, so handlers can
 * read a snapshot while the next version is being built.
 */
public final class DocumentSnapshot {
    private final String uri;
    private final int version;
    private final String text;
    private final LineIndex lines;
    private final List<AppliedEdit> edits;

    public DocumentSnapshot(String uri, int version, String text) {
        this(uri, version, text, List.of());
    }

    private DocumentSnapshot(String uri, int version, String text, List<AppliedEdit> edits) {
        this.uri = uri;
        this.version = version;
        this.text = text;
        this.lines = LineIndex.of(text);
        this.edits = edits;
    }

    /** The edits that made this snapshot from the one before it (empty for an opened document). */
    public List<AppliedEdit> edits() {
        return edits;
    }

    public String uri() {
        return uri;
    }

    public int version() {
        return version;
    }

    public String text() {
        return text;
    }

    public LineIndex lines() {
        return lines;
    }

    /** The offset of a position, or -1 when it lies outside the text. */
    public int offsetOf(Position p) {
        return lines.offsetOf(p, text);
    }

    public Position positionOf(int offset) {
        return lines.positionOf(offset);
    }

    public TextRange rangeOf(OffsetRange r) {
        return lines.rangeOf(r);
    }

    /** Applies the changes in order and returns the next version. */
    public DocumentSnapshot apply(int newVersion, List<TextChange> changes) {
        String current = text;
        LineIndex currentLines = lines;
        List<AppliedEdit> applied = new java.util.ArrayList<>();
        for (TextChange change : changes) {
            if (change.range() == null) {
                applied.add(new AppliedEdit(0, current.length(), change.text()));
                current = change.text();
            } else {
                int start = currentLines.clampedOffsetOf(change.range().start(), current);
                int end = currentLines.clampedOffsetOf(change.range().end(), current);
                if (start < 0 || end < start) {
                    throw new IllegalArgumentException("change range " + change.range() + " is not inside the text");
                }
                applied.add(new AppliedEdit(start, end, change.text()));
                current = current.substring(0, start) + change.text() + current.substring(end);
            }
            if (changes.size() > 1) {
                currentLines = LineIndex.of(current);
            }
        }
        return new DocumentSnapshot(uri, newVersion, current, List.copyOf(applied));
    }
}
