package liftsys.analysis;

/**
 * What a quantified question does to its subject: shift it by {@code shift}, or compare setting
 * it to {@code from} with setting it to {@code to}; a String subject is set to the Strings
 * {@code fromText} and {@code toText} instead (then {@code from} and {@code to} are null).
 */
public record Intervention(Double shift, Double from, Double to, String fromText, String toText) {
    /** A numeric intervention. */
    public Intervention(Double shift, Double from, Double to) {
        this(shift, from, to, null, null);
    }

    public static Intervention shiftBy(double d) {
        return new Intervention(d, null, null);
    }

    public static Intervention set(double from, double to) {
        return new Intervention(null, from, to);
    }

    /** Compares the subject set to one String with it set to another. */
    public static Intervention setText(String from, String to) {
        return new Intervention(null, null, null, java.util.Objects.requireNonNull(from, "from"),
                java.util.Objects.requireNonNull(to, "to"));
    }

    public boolean isShift() {
        return shift != null;
    }

    /** Whether the subject is set to Strings. */
    public boolean isText() {
        return fromText != null;
    }
}
