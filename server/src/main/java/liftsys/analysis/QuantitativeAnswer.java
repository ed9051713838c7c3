package liftsys.analysis;

import java.util.Map;

/**
 * The quantitative part of an answer: effects by variable id, and the model they came from; or
 * the degradation that says why there are none. Exactly one of {@code model} and
 * {@code degradation} is set. {@code measures} says, by variable id, what an effect measures when
 * the variable is not a plain number ({@code "length"} of a String or array, {@code "size"} of a
 * collection, {@code "non-null"} of an object, ...).
 */
public record QuantitativeAnswer(Map<String, QuantEffect> effects, ModelSummary model, Degradation degradation,
                                 Map<String, String> measures) {
    /** An answer whose effects are all on plain numbers. */
    public QuantitativeAnswer(Map<String, QuantEffect> effects, ModelSummary model, Degradation degradation) {
        this(effects, model, degradation, Map.of());
    }

    public QuantitativeAnswer {
        measures = measures == null ? Map.of() : Map.copyOf(measures);
    }

    public static QuantitativeAnswer degraded(Degradation d) {
        return new QuantitativeAnswer(Map.of(), null, d);
    }
}
