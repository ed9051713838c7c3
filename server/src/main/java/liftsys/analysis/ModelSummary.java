package liftsys.analysis;

import java.util.List;
import java.util.Map;

/**
 * What the answer's {@code model} says of a fitted model: the engine, how many traced runs fed it,
 * how long the fit took, whether it came from the cache, the held-out R^2 per variable, the
 * variables below {@code minQuality}, the input ranges sampled, how many runs threw and what became
 * of the planned runs ({@code runs}, null when not known); and of
 * the checked effects: how many entries have an observed effect, how many of those disagree with
 * the estimate, whether the intervention takes the subject outside its sampled range (DoWhy then
 * extrapolates), and short notes that say so or why nothing was checked.
 */
public record ModelSummary(String engine, int samples, long fitMillis, boolean cached, Map<String, Double> quality,
                           List<String> unreliable, Map<String, String> inputs, int thrown, int checked,
                           int disagreements, boolean extrapolated, List<String> notes, RunCounts runs) {
    public ModelSummary {
        notes = List.copyOf(notes);
    }

    /** A summary with nothing checked. */
    public ModelSummary(String engine, int samples, long fitMillis, boolean cached, Map<String, Double> quality,
                        List<String> unreliable, Map<String, String> inputs, int thrown) {
        this(engine, samples, fitMillis, cached, quality, unreliable, inputs, thrown, 0, 0, false, List.of(), null);
    }
}
