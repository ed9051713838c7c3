package liftsys.sidecar;

import java.util.List;
import java.util.Objects;

/**
 * An effect query on a kept model.
 *
 * @param model the key a {@link FitResult} returned
 * @param intervention what is done to which nodes
 * @param targets the nodes to report; each must be downstream of an intervened node; empty means
 *     every downstream node
 * @param samples how many traced rows the estimate averages over: all of them when at least their
 *     number (exact for the fitted model, no Monte Carlo error), else a seeded subsample
 * @param level the interval's confidence level, strictly between 0 and 1
 * @param seed same seed, same numbers
 */
public record EffectRequest(
        String model, Intervention intervention, List<String> targets, int samples, double level, long seed) {
    public EffectRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(intervention, "intervention");
        targets = List.copyOf(targets);
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be positive: " + samples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be strictly between 0 and 1: " + level);
        }
    }
}
