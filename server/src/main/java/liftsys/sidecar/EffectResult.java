package liftsys.sidecar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Average causal effects of an intervention, per target, in the model's topological order.
 *
 * @param effects per target the effect and its interval
 * @param level the confidence level the intervals were actually computed at
 */
public record EffectResult(Map<String, Effect> effects, double level) {
    public EffectResult {
        effects = Collections.unmodifiableMap(new LinkedHashMap<>(effects));
    }

    /** The average causal effect {@code value} with its bootstrap interval [{@code low}, {@code high}]. */
    public record Effect(double value, double low, double high) {}
}
