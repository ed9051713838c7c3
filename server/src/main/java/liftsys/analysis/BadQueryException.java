package liftsys.analysis;

/**
 * A question that cannot be answered because of what was asked: an unknown document, a position
 * outside the text, a position on no variable, or inside a method that cannot be read (a syntax
 * error, or nesting too deep). The message says which, for the user, with 1-based positions.
 */
public final class BadQueryException extends Exception {
    public enum Kind { UNKNOWN_DOCUMENT, OUTSIDE_TEXT, NO_VARIABLE, UNREADABLE_METHOD }

    private final Kind kind;

    public BadQueryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
