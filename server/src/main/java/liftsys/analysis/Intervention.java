package liftsys.analysis;

/**
 * What a quantified question does to its subject: shift it by {@code shift}, or compare setting
 * it to {@code from} with setting it to {@code to}.
 */
public record Intervention(Double shift, Double from, Double to) {
    public static Intervention shiftBy(double d) {
        return new Intervention(d, null, null);
    }

    public static Intervention set(double from, double to) {
        return new Intervention(null, from, to);
    }

    public boolean isShift() {
        return shift != null;
    }
}
