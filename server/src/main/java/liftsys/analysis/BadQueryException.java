package liftsys.analysis;

/**
 * A question that cannot be answered because of what was asked: an unknown document, a position
 * outside the text, or a position on no variable. The message says which, for the user.
 */
public final class BadQueryException extends Exception {
    public enum Kind { UNKNOWN_DOCUMENT, OUTSIDE_TEXT, NO_VARIABLE }

    private final Kind kind;

    public BadQueryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
