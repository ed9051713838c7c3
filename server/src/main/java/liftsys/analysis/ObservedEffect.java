package liftsys.analysis;

/**
 * An average effect measured by running the code itself: the mean of paired differences (the
 * same sampled input run with and without the intervention, or with its two settings) over the
 * {@code pairs} inputs that completed in both runs, with a Student t interval at {@code level}.
 * Deterministic code gives a zero-width interval.
 */
public record ObservedEffect(double value, double low, double high, double level, int pairs) {
    /** How far DoWhy's estimate may be from the measured effect, relative to the measured effect. */
    public static final double RELATIVE_TOLERANCE = 0.10;
    /**
     * The absolute floor of that tolerance, relative to the typical size of the target's values in
     * the traced runs: rounding in sums over values of that size (a measured effect of 0 is matched
     * by an estimate of 1e-12 when the target is in the hundreds), never a real difference.
     */
    public static final double FLOOR_OF_SCALE = 1e-10;
    /** Two numbers shown to people are the same when they agree to this relative precision. */
    private static final double SAME = 5e-4;

    /**
     * Whether DoWhy's estimate differs from this measured effect by more than
     * {@link #RELATIVE_TOLERANCE} of it, plus the floor ({@link #FLOOR_OF_SCALE} times
     * {@code scale}, the median magnitude of the target's traced values; at least a few rounding
     * errors of the two numbers).
     */
    public boolean differsFrom(double estimate, double scale) {
        double rounding = 1e-12 * Math.max(Math.abs(estimate), Math.abs(value));
        double floor = Math.max(FLOOR_OF_SCALE * (Double.isFinite(scale) ? scale : 0), rounding);
        return !(Math.abs(estimate - value) <= RELATIVE_TOLERANCE * Math.abs(value) + floor);
    }

    /**
     * Whether this measured effect lies outside an estimate's interval [{@code low}, {@code high}],
     * beyond a relative slack of 1e-9 (floating-point noise).
     */
    public boolean outside(double low, double high) {
        double slack = 1e-9 * Math.max(Math.abs(value), Math.max(Math.abs(low), Math.abs(high)));
        return value < low - slack || value > high + slack;
    }

    /** Whether two effects read the same to people (the same in their first three or four digits). */
    static boolean same(double a, double b) {
        return Math.abs(a - b) <= SAME * Math.max(Math.abs(a), Math.abs(b));
    }
}
