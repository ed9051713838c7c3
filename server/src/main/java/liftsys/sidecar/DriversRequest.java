package liftsys.sidecar;

import java.util.Objects;

/**
 * What drives a node, on a kept model (dowhy/README.md, {@code drivers}).
 *
 * @param model the key a {@link FitResult} returned
 * @param target the node whose drivers to rank; it must have inputs
 * @param level the intervals' confidence level, strictly between 0 and 1
 * @param seed same seed, same numbers
 * @param bootstrap resamples of the rows behind the intervals (1 to 200); the cost grows with it
 * @param samples rows of the model the measures use (at least 10)
 */
public record DriversRequest(String model, String target, double level, long seed, int bootstrap, int samples) {
    public DriversRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(target, "target");
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be strictly between 0 and 1: " + level);
        }
        if (bootstrap < 1 || bootstrap > 200) {
            throw new IllegalArgumentException("bootstrap must be between 1 and 200: " + bootstrap);
        }
        if (samples < 10) {
            throw new IllegalArgumentException("samples must be at least 10: " + samples);
        }
    }
}
