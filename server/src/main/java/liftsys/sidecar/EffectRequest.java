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
 * @param minQuality the held-out R^2 below which a mechanism on the way makes the effect unreliable
 */
public record EffectRequest(
        String model, NodeIntervention intervention, List<String> targets, int samples, double level, long seed,
        double minQuality) {
    /** The sidecar's default {@code minQuality}, the setting's default. */
    public static final double DEFAULT_MIN_QUALITY = 0.7;

    /** A query with the default {@code minQuality}. */
    public EffectRequest(String model, NodeIntervention intervention, List<String> targets, int samples, double level,
                         long seed) {
        this(model, intervention, targets, samples, level, seed, DEFAULT_MIN_QUALITY);
    }

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
        if (!(minQuality >= 0 && minQuality <= 1)) {
            throw new IllegalArgumentException("minQuality must be between 0 and 1: " + minQuality);
        }
    }
}
