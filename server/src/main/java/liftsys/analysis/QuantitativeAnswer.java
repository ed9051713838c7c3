package liftsys.analysis;

import java.util.Map;

/**
 * The quantitative part of an answer: effects by variable id, and the model they came from; or
 * the degradation that says why there are none. Exactly one of {@code model} and
 * {@code degradation} is set.
 */
public record QuantitativeAnswer(Map<String, QuantEffect> effects, ModelSummary model, Degradation degradation) {
    public static QuantitativeAnswer degraded(Degradation d) {
        return new QuantitativeAnswer(Map.of(), null, d);
    }
}
