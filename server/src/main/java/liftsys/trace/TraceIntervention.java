package liftsys.trace;

import java.util.List;
import java.util.Objects;

/**
 * An intervention applied in the traced code itself, for checking an estimated effect against
 * what the code really does: the definitions {@code definitionIds} get, where they are made and
 * before anything reads them, either their value plus {@code amount} ({@link Mode#SHIFT}) or
 * {@code amount} itself ({@link Mode#SET}). Parameters are changed on entry; locals at a plain
 * definition (a declaration with an initializer, or an assignment statement). A definition that
 * cannot be changed this way (a loop summary, a field, a type that is not a number, a char, a
 * boolean or a String, a value its type cannot hold) makes the trace fail as UNSUPPORTED, with the
 * reason. A String is set to {@code text} (chars are numbers: their codes).
 *
 * @param definitionIds graph definition ids of the subject
 * @param mode shift or set
 * @param amount the shift, or the value set (booleans: 0 or 1); 0 when {@code text} is set
 * @param text the String the subject is set to, or null when the intervention is a number
 */
public record TraceIntervention(List<String> definitionIds, Mode mode, double amount, String text) {
    /** How the value changes. */
    public enum Mode { SHIFT, SET }

    /** A numeric intervention. */
    public TraceIntervention(List<String> definitionIds, Mode mode, double amount) {
        this(definitionIds, mode, amount, null);
    }

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
    }

    public static TraceIntervention shift(List<String> definitionIds, double by) {
        return new TraceIntervention(definitionIds, Mode.SHIFT, by);
    }

    public static TraceIntervention set(List<String> definitionIds, double value) {
        return new TraceIntervention(definitionIds, Mode.SET, value);
    }

    /** Sets a String subject to {@code text}. */
    public static TraceIntervention setText(List<String> definitionIds, String text) {
        return new TraceIntervention(definitionIds, Mode.SET, 0, Objects.requireNonNull(text, "text"));
    }

    /** The wire code of the mode: 1 shift, 2 set (0 is "no intervention"). */
    int code() {
        return mode == Mode.SHIFT ? 1 : 2;
    }
}
