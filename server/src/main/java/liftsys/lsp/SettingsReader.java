package liftsys.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import liftsys.analysis.Settings;

/**
 * Reads settings from {@code initializationOptions} or a {@code liftsys} configuration section
 * over the settings in force. Keys present win and unknown keys are ignored. A value of the wrong
 * type (or an empty one) changes nothing: the value in force stays, and a warning says which key,
 * what was received and what is used instead. {@code executeCode} fails closed (DESIGN.md
 * invariant 9): a bad value keeps the last value the user gave, or false when the user never gave
 * one, never the default true, since a typo must not start running the user's code.
 */
final class SettingsReader {
    private static final Set<String> QUALITIES = Set.of("GOOD", "BETTER", "BEST");

    /**
     * The settings read, one warning per value that was not usable, and the keys whose value in
     * force the user gave (as opposed to defaults), for the next read.
     */
    record Result(Settings settings, List<String> warnings, Set<String> given) {
    }

    private SettingsReader() {
    }

    /** Accepts the section itself, or an object holding it under {@code liftsys}. */
    static Result read(JsonElement source, Settings current, Set<String> given) {
        List<String> warnings = new ArrayList<>();
        if (source == null || source.isJsonNull()) {
            return new Result(current, warnings, given);
        }
        if (source.isJsonObject() && source.getAsJsonObject().has("liftsys")) {
            source = source.getAsJsonObject().get("liftsys");
        }
        if (!source.isJsonObject()) {
            warnings.add("liftsys settings must be an object, not " + Envelope.abbreviate(source)
                    + "; the settings in force are kept");
            return new Result(current, warnings, given);
        }
        Set<String> nowGiven = new HashSet<>(given);
        Reader r = new Reader(source.getAsJsonObject(), warnings, nowGiven);
        String python = r.nullableString("python", current.python());
        long timeoutMs = (long) r.positive("timeoutMs", current.timeoutMs());
        int samples = (int) r.positive("samples", current.samples());
        boolean executeCode = r.bool("executeCode", current.executeCode(),
                given.contains("executeCode") && current.executeCode(),
                given.contains("executeCode") ? "the last value given" : "nothing runs until executeCode is set to true");
        List<String> classpath = r.strings("classpath", current.classpath());
        long seed = (long) r.number("seed", current.seed());
        String quality = r.choice("quality", QUALITIES, current.quality());
        double minQuality = r.number("minQuality", current.minQuality());
        boolean codeLens = r.bool("codeLens", current.codeLens(), current.codeLens(), "the value in force");
        boolean inlayHints = r.bool("inlayHints", current.inlayHints(), current.inlayHints(), "the value in force");
        boolean warmUp = r.bool("warmUp", current.warmUp(), current.warmUp(), "the value in force");
        return new Result(new Settings(python, timeoutMs, samples, executeCode, classpath, seed, quality,
                minQuality, codeLens, inlayHints, warmUp), warnings, Set.copyOf(nowGiven));
    }

    /**
     * Typed reads of one object's keys. An absent key yields the value in force silently; a usable
     * value is recorded as given; a wrong one adds a warning and yields the fallback.
     */
    private record Reader(JsonObject o, List<String> warnings, Set<String> given) {

        private <T> T usable(String key, T value) {
            given.add(key);
            return value;
        }

        private <T> T wrong(String key, String expected, T fallback, String why) {
            warnings.add("liftsys setting " + key + " must be " + expected + ", not " + received(o.get(key))
                    + "; using " + shown(fallback) + " instead (" + why + ")");
            return fallback;
        }

        private <T> T wrong(String key, String expected, T fallback) {
            return wrong(key, expected, fallback, "the value in force");
        }

        String nullableString(String key, String fallback) {
            if (!o.has(key)) {
                return fallback;
            }
            JsonElement e = o.get(key);
            if (e.isJsonNull()) {
                return usable(key, null);
            }
            return isString(e) && !e.getAsString().isBlank() ? usable(key, e.getAsString())
                    : wrong(key, "a non-empty string (or null for the project's environment)", fallback);
        }

        double number(String key, double fallback) {
            if (!o.has(key)) {
                return fallback;
            }
            JsonElement e = o.get(key);
            return isNumber(e) && Double.isFinite(e.getAsDouble()) ? usable(key, e.getAsDouble())
                    : wrong(key, "a number", fallback);
        }

        double positive(String key, double fallback) {
            if (!o.has(key)) {
                return fallback;
            }
            JsonElement e = o.get(key);
            return isNumber(e) && e.getAsDouble() >= 1 && e.getAsDouble() <= Integer.MAX_VALUE
                    ? usable(key, e.getAsDouble()) : wrong(key, "a positive number", fallback);
        }

        /** {@code inForce} when the key is absent, {@code ifWrong} (and a warning saying {@code why}) when unusable. */
        boolean bool(String key, boolean inForce, boolean ifWrong, String why) {
            if (!o.has(key)) {
                return inForce;
            }
            JsonElement e = o.get(key);
            return e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? usable(key, e.getAsBoolean())
                    : wrong(key, "true or false", ifWrong, why);
        }

        String choice(String key, Set<String> allowed, String fallback) {
            if (!o.has(key)) {
                return fallback;
            }
            JsonElement e = o.get(key);
            return isString(e) && allowed.contains(e.getAsString()) ? usable(key, e.getAsString())
                    : wrong(key, "one of " + String.join(", ", allowed.stream().sorted().toList()), fallback);
        }

        List<String> strings(String key, List<String> fallback) {
            if (!o.has(key)) {
                return fallback;
            }
            JsonElement e = o.get(key);
            if (!e.isJsonArray()) {
                return wrong(key, "an array of paths", fallback);
            }
            List<String> out = new ArrayList<>();
            for (JsonElement item : (JsonArray) e) {
                if (!isString(item) || item.getAsString().isBlank()) {
                    return wrong(key, "an array of non-empty paths", fallback);
                }
                out.add(item.getAsString());
            }
            return usable(key, out);
        }

        private static boolean isString(JsonElement e) {
            return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
        }

        private static boolean isNumber(JsonElement e) {
            return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
        }

        /** What arrived, with its JSON type when the text alone would mislead ("false" is a string). */
        private static String received(JsonElement e) {
            String text = Envelope.abbreviate(e);
            if (e.isJsonNull()) {
                return "null";
            }
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                return e.getAsString().isEmpty() ? "an empty string" : "the string " + text;
            }
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                return "the number " + text;
            }
            return text;
        }

        private static String shown(Object value) {
            if (value == null) {
                return "the project's environment";
            }
            if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            if (value instanceof List<?> list) {
                return list.isEmpty() ? "no extra entries" : String.join(", ", list.stream().map(String::valueOf).toList());
            }
            return String.valueOf(value);
        }
    }
}
