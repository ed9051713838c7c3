package liftsys.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import liftsys.wire.Wire;

/**
 * Where a trace's intervention goes and whether it can: the definitions it names split into the
 * parameters the worker changes on entry and the definitions hooked in the code, each checked
 * against its declared type (a char cannot be shifted by 0.5, a String is set to a String).
 */
final class InterventionPlan {
    private InterventionPlan() {
    }

    /** Where an intervention goes: parameters the worker changes on entry, definitions hooked in the code. */
    record Forcing(int[] parameters, List<String> parameterIds, Set<String> hooked) {
        /** An experiment's tables of values, in the worker's order: the hooked slots, then the parameters. */
        double[][] tables(TraceIntervention intervention) {
            if (intervention == null || intervention.mode() != TraceIntervention.Mode.VALUES) {
                return new double[0][];
            }
            List<double[]> tables = new ArrayList<>();
            hooked.forEach(id -> tables.add(intervention.valuesOf(id)));
            parameterIds.forEach(id -> tables.add(intervention.valuesOf(id)));
            return tables.toArray(new double[0][]);
        }
    }

    /**
     * Splits the intervention's definitions: parameters on entry (changed by the worker, by index)
     * and the others (hooked in the code). Fields are not changed.
     */
    static Forcing of(InstrumentedMethod method, TraceIntervention intervention) throws TraceException {
        List<Integer> parameters = new ArrayList<>();
        List<String> parameterIds = new ArrayList<>();
        Set<String> hooked = new java.util.LinkedHashSet<>();
        for (String id : intervention.definitionIds()) {
            Wire.InputSpec input = method.inputs().stream().filter(in -> in.column().equals(id)).findFirst()
                    .orElse(null);
            if (input == null) {
                if (!method.columns().contains(id)) {
                    throw new TraceException(TraceException.Reason.UNSUPPORTED, "no definition " + id
                            + " to intervene on");
                }
                hooked.add(id);
            } else if (input.field()) {
                throw new TraceException(TraceException.Reason.UNSUPPORTED, "`" + input.name() + "` is a field; only "
                        + "parameters and locals are changed in the code");
            } else {
                checkAmount(id, method.inputTypes().getOrDefault(id, "?"), intervention);
                parameters.add(input.parameterIndex());
                parameterIds.add(id);
            }
        }
        return new Forcing(parameters.stream().mapToInt(Integer::intValue).toArray(), parameterIds, hooked);
    }

    /** Fails when the definition's declared type cannot take the intervention as Java would hold it. */
    static void checkAmount(String id, String declaredType, TraceIntervention intervention)
            throws TraceException {
        String type = switch (declaredType) {
            case "Byte" -> "byte";
            case "Short" -> "short";
            case "Integer" -> "int";
            case "Long" -> "long";
            case "Float" -> "float";
            case "Double" -> "double";
            case "Boolean" -> "boolean";
            default -> declaredType;
        };
        if (intervention.mode() == TraceIntervention.Mode.VALUES) {
            for (double v : intervention.valuesOf(id)) {
                checkAmount(id, declaredType, TraceIntervention.set(List.of(id), v));
            }
            return;
        }
        boolean text = type.equals("String") || type.equals("CharSequence") || type.equals("java.lang.String");
        if (intervention.text() != null || text) {
            if (intervention.text() == null) {
                throw new TraceException(TraceException.Reason.UNSUPPORTED, id + " is a String; it is set to a "
                        + "String, not " + (intervention.mode() == TraceIntervention.Mode.SHIFT ? "shifted" : "to a number"));
            }
            if (!text) {
                throw new TraceException(TraceException.Reason.UNSUPPORTED, id + " has type " + declaredType
                        + "; only a String can be set to \"" + intervention.text() + "\"");
            }
            return;
        }
        double amount = intervention.amount();
        boolean shift = intervention.mode() == TraceIntervention.Mode.SHIFT;
        String what = (shift ? "shifted by " : "set to ") + number(amount);
        if (type.equals("char") || type.equals("Character")) {
            if (amount != Math.rint(amount) || (shift ? Math.abs(amount) > Character.MAX_VALUE
                    : amount < 0 || amount > Character.MAX_VALUE)) {
                throw new TraceException(TraceException.Reason.UNSUPPORTED, id + " is a char; it cannot be " + what);
            }
            return;
        }
        double limit = switch (type) {
            case "byte" -> Byte.MAX_VALUE;
            case "short" -> Short.MAX_VALUE;
            case "int" -> Integer.MAX_VALUE;
            case "long" -> 9.007199254740992E15;
            default -> Double.NaN;
        };
        if (type.equals("boolean")) {
            if (shift || (amount != 0 && amount != 1)) {
                throw new TraceException(TraceException.Reason.UNSUPPORTED, id + " is a boolean; it cannot be " + what);
            }
        } else if (!Double.isNaN(limit)) {
            if (amount != Math.rint(amount) || Math.abs(amount) > limit) {
                throw new TraceException(TraceException.Reason.UNSUPPORTED, id + " is " + article(type) + " " + type
                        + "; it cannot be " + what);
            }
        } else if (!type.equals("float") && !type.equals("double")) {
            throw new TraceException(TraceException.Reason.UNSUPPORTED, id + " has type " + declaredType
                    + "; only primitive numbers, chars, booleans and Strings are changed in the code");
        }
    }

    private static String article(String type) {
        return type.equals("int") ? "an" : "a";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
