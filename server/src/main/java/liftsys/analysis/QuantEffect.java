package liftsys.analysis;

import java.util.List;

/**
 * The effect of the question's intervention on one entry: DoWhy's estimate with its interval at
 * {@code level} ({@code estimate}, null when the model gives no number: an effect experiments
 * could not identify, or one that is not finite), the effect measured by running the code with
 * the intervention applied ({@code observed}, null when it was not checked), whether the two
 * differ by more than the tolerance ({@code disagrees}), every reason not to trust the estimate
 * ({@code reasons}, empty when there is none), whether the estimate's interval has no model-error
 * part ({@code exact}), and the variables an experiment randomised to get it ({@code randomised},
 * empty when it comes from the traced runs alone).
 */
public record QuantEffect(Estimate estimate, double level, ObservedEffect observed, boolean disagrees,
                          List<EffectReason> reasons, boolean exact, List<String> randomised) {
    public QuantEffect {
        reasons = List.copyOf(reasons);
        randomised = List.copyOf(randomised);
    }

    /** An estimate with an interval, nothing checked and nothing to say against it. */
    public QuantEffect(double value, double low, double high, double level) {
        this(new Estimate(value, low, high), level, null, false, List.of(), false, List.of());
    }

    /** DoWhy's average causal effect and its interval, finite. */
    public record Estimate(double value, double low, double high) {
        public Estimate {
            if (!Double.isFinite(value) || !Double.isFinite(low) || !Double.isFinite(high)) {
                throw new IllegalArgumentException("an estimate is finite: " + value + " [" + low + ", " + high + "]");
            }
        }
    }

    /** Whether DoWhy gave a number. */
    public boolean estimated() {
        return estimate != null;
    }

    /** Do not trust the estimate: there is at least one reason. */
    public boolean unreliable() {
        return !reasons.isEmpty();
    }

    /** Whether the code's measured effect should be shown beside the estimate: there is one and it is not the same. */
    public boolean showMeasured() {
        return observed != null && (estimate == null || disagrees || !ObservedEffect.same(observed.value(),
                estimate.value()));
    }
}
