package liftsys.analysis;

/**
 * An average effect measured by running the code itself: the mean of paired differences (the
 * same sampled input run with and without the intervention, or with its two settings) over the
 * {@code pairs} inputs that completed in both runs, with a Student t interval at {@code level}.
 * Deterministic code gives a zero-width interval.
 */
public record ObservedEffect(double value, double low, double high, double level, int pairs) {
    /**
     * Whether an estimate's interval [{@code low}, {@code high}] and this one do not overlap,
     * beyond a relative slack of 1e-6 (floating-point noise and the answer's rounding).
     */
    public boolean disagreesWith(double estimate, double low, double high) {
        double scale = Math.max(1, Math.max(Math.abs(estimate), Math.abs(value)));
        double slack = 1e-6 * scale;
        return this.low > high + slack || this.high < low - slack;
    }
}
