package liftsys.analysis;

/**
 * An estimated average causal effect on one entry with its interval at {@code level}.
 * {@code unreliable} marks an effect whose node's mechanism explains held-out rows worse than the
 * {@code minQuality} setting asks.
 */
public record QuantEffect(double value, double low, double high, double level, boolean unreliable) {
}
