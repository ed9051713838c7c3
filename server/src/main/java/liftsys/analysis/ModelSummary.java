package liftsys.analysis;

import java.util.List;
import java.util.Map;

/**
 * What the answer's {@code model} says of a fitted model: the engine, how many traced runs fed it,
 * how long the fit took, whether it came from the cache, the held-out R^2 per variable, the
 * variables below {@code minQuality}, the input ranges sampled and how many runs threw.
 */
public record ModelSummary(String engine, int samples, long fitMillis, boolean cached, Map<String, Double> quality,
                           List<String> unreliable, Map<String, String> inputs, int thrown) {
}
