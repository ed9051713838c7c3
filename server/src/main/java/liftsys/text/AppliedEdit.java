package liftsys.text;

/**
 * One change as applied: the offsets {@code start..end} of the text it was applied to were
 * replaced by {@code text}. A notification's edits apply one after another.
 */
public record AppliedEdit(int start, int end, String text) {
    /** How much longer the text became. */
    public int delta() {
        return text.length() - (end - start);
    }
}
