package liftsys.analysis;

/**
 * An estimated average causal effect on one entry with its interval at {@code level}.
 * {@code unreliable} marks an effect whose node's mechanism explains held-out rows worse than the
 * {@code minQuality} setting asks. {@code observed} is the effect measured by running the code
 * with the intervention applied (null when it was not checked), and {@code disagrees} says that
 * the two intervals do not overlap.
 */
public record QuantEffect(double value, double low, double high, double level, boolean unreliable,
                          ObservedEffect observed, boolean disagrees) {
    /** An effect that was not checked against the code. */
    public QuantEffect(double value, double low, double high, double level, boolean unreliable) {
        this(value, low, high, level, unreliable, null, false);
    }
}
