package liftsys.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import liftsys.wire.Wire;

/**
 * An intervention applied in the traced code itself: the definitions {@code definitionIds} get,
 * where they are made and before anything reads them, their value plus {@code amount}
 * ({@link Mode#SHIFT}), {@code amount} itself ({@link Mode#SET}), or, in an experiment
 * ({@link Mode#VALUES}), the value execution i takes from the definition's table of
 * {@code values}: draws made independently of the definition's inputs (a permutation of the values
 * it took in a trace, for instance), so that what it feeds can be told apart from what it is
 * computed from. Parameters are changed on entry; locals at a plain definition (a declaration with
 * an initializer, or an assignment statement). A definition that cannot be changed this way (a loop
 * summary, a field, a type that is not a number, a char, a boolean or a String, a value its type cannot hold) makes
 * the trace fail as UNSUPPORTED, with the reason. A String is set to {@code text} (chars are
 * numbers: their codes).
 *
 * @param definitionIds graph definition ids of the subject
 * @param mode shift, set or values
 * @param amount the shift, or the value set (booleans: 0 or 1); 0 for values and when {@code text} is set
 * @param values with {@link Mode#VALUES}, per definition id the value of each execution, by its index
 *     in draw order (repeated from the start when there are fewer values than executions); else empty
 * @param text the String the subject is set to, or null when the intervention is a number
 */
public record TraceIntervention(List<String> definitionIds, Mode mode, double amount, Map<String, double[]> values,
                                String text) {
    /** How the value changes. */
    public enum Mode { SHIFT, SET, VALUES }

    public TraceIntervention {
        definitionIds = List.copyOf(definitionIds);
        Objects.requireNonNull(mode, "mode");
        if (text != null && mode != Mode.SET) {
            throw new IllegalArgumentException("a String can only be set, not shifted");
        }
        if (definitionIds.isEmpty()) {
            throw new IllegalArgumentException("an intervention needs at least one definition");
        }
        if (!Double.isFinite(amount)) {
            throw new IllegalArgumentException("the intervention's amount must be finite: " + amount);
        }
        Map<String, double[]> copy = new LinkedHashMap<>();
        values.forEach((id, drawn) -> copy.put(id, drawn.clone()));
        values = java.util.Collections.unmodifiableMap(copy);
        if (mode == Mode.VALUES) {
            for (String id : definitionIds) {
                double[] drawn = copy.get(id);
                if (drawn == null || drawn.length == 0) {
                    throw new IllegalArgumentException("no values to set " + id + " to");
                }
                for (double v : drawn) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("the values of " + id + " must be finite: " + v);
                    }
                }
            }
        }
    }

    /** A numeric intervention. */
    public TraceIntervention(List<String> definitionIds, Mode mode, double amount) {
        this(definitionIds, mode, amount, Map.of(), null);
    }

    public static TraceIntervention shift(List<String> definitionIds, double by) {
        return new TraceIntervention(definitionIds, Mode.SHIFT, by);
    }

    public static TraceIntervention set(List<String> definitionIds, double value) {
        return new TraceIntervention(definitionIds, Mode.SET, value);
    }

    /** An experiment: each definition takes, in execution i, its {@code values.get(id)[i]}. */
    public static TraceIntervention values(Map<String, double[]> values) {
        return new TraceIntervention(List.copyOf(values.keySet()), Mode.VALUES, 0, values, null);
    }

    /** Sets a String subject to {@code text}. */
    public static TraceIntervention setText(List<String> definitionIds, String text) {
        return new TraceIntervention(definitionIds, Mode.SET, 0, Map.of(), Objects.requireNonNull(text, "text"));
    }

    /** The values a definition takes in an experiment, a copy. */
    double[] valuesOf(String id) {
        return values.get(id).clone();
    }

    /** The mode as the worker's protocol names it. */
    Wire.ForceMode forceMode() {
        return switch (mode) {
            case SHIFT -> Wire.ForceMode.SHIFT;
            case SET -> Wire.ForceMode.SET;
            case VALUES -> Wire.ForceMode.VALUES;
        };
    }
}
