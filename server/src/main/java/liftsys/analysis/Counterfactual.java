package liftsys.analysis;

import java.util.List;
import java.util.Map;

/**
 * One recorded run of a method replayed with its subject changed ({@code liftsys/counterfactual}):
 * the run (its index among the traced runs, and its input values by variable name), and per
 * downstream variable its recorded value, the value DoWhy's model gives it in the changed run
 * (with the interval of the change), and the value the code itself computes when the run is
 * repeated with the change applied. When the model cannot replay the run ({@code unavailable}
 * says why) the modelled values are null; when the code could not be run so ({@code unmeasured}
 * says why) the measured ones are.
 */
public record Counterfactual(int run, String change, Map<String, Double> inputs, List<Entry> entries,
                             List<EffectReason> reasons, double level, String unavailable, String unmeasured) {
    public Counterfactual {
        inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        entries = List.copyOf(entries);
        reasons = List.copyOf(reasons);
    }

    /**
     * A downstream variable in the run: {@code factual} as recorded; {@code modelled} (with
     * {@code low}, {@code high} bounding the change) from DoWhy; {@code measured} by running the code.
     */
    public record Entry(ImpactEntry entry, double factual, Double modelled, Double low, Double high,
                        Double measured) {
    }
}
