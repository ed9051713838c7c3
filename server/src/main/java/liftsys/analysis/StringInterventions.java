package liftsys.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liftsys.sidecar.NodeIntervention;

/**
 * An intervention as the fitted model takes it, for subjects that are not plain numbers: a String
 * subject set by value ({@code "EUR"} to {@code "USD"}) sets its length and every feature of it
 * the model has ({@link StringFeatures}); a String subject shifted moves its length alone; a char
 * is a number, its code, and may be set to one-character Strings; a boolean shifted is set from
 * false to true. A String value for a number, numbers for a String, or a shift of an object that
 * offers no number, is refused with a message that says what to ask instead. Stateless.
 */
final class StringInterventions {
    private StringInterventions() {
    }

    /**
     * The intervention as both the model and the code take it: a shift of a subject whose nodes are
     * all booleans sets it from false to true (from true to false for a negative shift), which is
     * what "one more" means for a boolean; anything else as asked.
     */
    static Intervention adapt(List<String> nodes, Intervention asked, FittedMethod fitted) {
        if (!asked.isShift() || asked.shift() == 0 || nodes.isEmpty()
                || !nodes.stream().allMatch(n -> BOOLEAN.equals(fitted.measures().get(n)))) {
            return asked;
        }
        return asked.shift() > 0 ? Intervention.set(0, 1) : Intervention.set(1, 0);
    }

    private static final String BOOLEAN = "share true";
    private static final String PRESENCE = "non-null";

    /** The sidecar's intervention on the subject's nodes. */
    static NodeIntervention wire(List<String> nodes, String subject, Intervention intervention,
                                             FittedMethod fitted) throws DegradedException {
        StringFeatures strings = fitted.strings();
        boolean anyString = nodes.stream().anyMatch(strings::isString);
        if (intervention.isShift()) {
            if (nodes.stream().anyMatch(n -> PRESENCE.equals(fitted.measures().get(n)))) {
                throw new DegradedException(Degradation.Reason.UNSUPPORTED, "`" + subject + "` is an object that "
                        + "offers no number (no getValue(), size(), ...): the model knows it only as present or not, "
                        + "so it cannot be shifted. Quantify a number it is made from, or what it affects.");
            }
            Map<String, Double> by = new LinkedHashMap<>();
            nodes.forEach(n -> by.put(n, intervention.shift()));
            return new NodeIntervention.Shift(by);
        }
        Map<String, NodeIntervention.FromTo> values = new LinkedHashMap<>();
        if (!intervention.isText()) {
            if (anyString) {
                throw new DegradedException(Degradation.Reason.UNSUPPORTED, "`" + subject + "` is a String: set "
                        + "it to Strings, as in {\"set\": {\"from\": \"EUR\", \"to\": \"USD\"}}, or shift it to "
                        + "change its length.");
            }
            nodes.forEach(n -> values.put(n, new NodeIntervention.FromTo(intervention.from(),
                    intervention.to())));
            return new NodeIntervention.SetTo(values);
        }
        for (String n : nodes) {
            if (strings.isString(n)) {
                strings.setTo(n, intervention.fromText(), intervention.toText()).forEach((id, v) ->
                        values.put(id, new NodeIntervention.FromTo(v[0], v[1])));
            } else if ("char code".equals(fitted.measures().get(n)) && intervention.fromText().length() == 1
                    && intervention.toText().length() == 1) {
                values.put(n, new NodeIntervention.FromTo(intervention.fromText().charAt(0),
                        intervention.toText().charAt(0)));
            } else {
                throw new DegradedException(Degradation.Reason.UNSUPPORTED, "`" + subject + "` is not a String"
                        + ("char code".equals(fitted.measures().get(n)) ? " but a char: set it to one-character "
                        + "Strings or to numbers (its code)." : ": set it to numbers, or to true and false."));
            }
        }
        return new NodeIntervention.SetTo(values);
    }

    /** What the answer should say about how the model took the intervention as asked, if anything. */
    static Optional<String> note(List<String> nodes, String subject, Intervention intervention, FittedMethod fitted) {
        if (adapt(nodes, intervention, fitted) != intervention) {
            return Optional.of("`" + subject + "` is a boolean: the shift is read as setting it from "
                    + (intervention.shift() > 0 ? "false to true." : "true to false."));
        }
        StringFeatures strings = fitted.strings();
        String node = nodes.stream().filter(strings::isString).findFirst().orElse(null);
        if (node == null) {
            return Optional.empty();
        }
        List<StringFeatures.Feature> features = strings.byNode().getOrDefault(node, List.of());
        String known = "its length" + (features.isEmpty() ? "" : ", " + String.join(", ", features.stream()
                .map(StringInterventions::describe).toList()));
        if (intervention.isShift()) {
            return Optional.of("`" + subject + "` is a String: the shift moves its length by "
                    + Extrapolation.number(intervention.shift()) + " in the model, its other features held ("
                    + known + "); set it by value to compare two Strings.");
        }
        if (intervention.isText() && java.util.Arrays.equals(signature(strings, node, intervention.fromText()),
                signature(strings, node, intervention.toText()))) {
            return Optional.of("The model knows `" + subject + "` by " + known + ", which are the same for \""
                    + intervention.fromText() + "\" and \"" + intervention.toText() + "\": it cannot tell them apart; "
                    + "the effect measured by running the code can.");
        }
        return Optional.empty();
    }

    private static double[] signature(StringFeatures strings, String node, String value) {
        return strings.setTo(node, value, value).values().stream().mapToDouble(v -> v[0]).toArray();
    }

    private static String describe(StringFeatures.Feature f) {
        return switch (f.kind()) {
            case NULL -> "whether it is null";
            case EQUALS -> "whether it equals \"" + f.literal() + "\"";
            case NUMERIC -> "whether it parses as a number";
            case NUMBER -> "the number it parses to";
        };
    }
}
