package liftsys.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import liftsys.analysis.Settings;

/**
 * Reads settings from {@code initializationOptions} or a {@code liftsys} configuration section
 * over the settings in force: keys present win, unknown keys are ignored, and a value of the
 * wrong type gives a warning and the key's default.
 */
final class SettingsReader {
    private static final Set<String> QUALITIES = Set.of("GOOD", "BETTER", "BEST");

    /** The settings read, and one warning per value that was not usable. */
    record Result(Settings settings, List<String> warnings) {
    }

    private SettingsReader() {
    }

    /** Accepts the section itself, or an object holding it under {@code liftsys}. */
    static Result read(JsonElement source, Settings current) {
        List<String> warnings = new ArrayList<>();
        if (source == null || source.isJsonNull()) {
            return new Result(current, warnings);
        }
        if (!source.isJsonObject()) {
            warnings.add("liftsys settings must be an object; ignored " + source);
            return new Result(current, warnings);
        }
        JsonObject o = source.getAsJsonObject();
        if (o.has("liftsys") && o.get("liftsys").isJsonObject()) {
            o = o.getAsJsonObject("liftsys");
        }
        Settings d = Settings.DEFAULTS;
        Reader r = new Reader(o, warnings);
        String python = r.has("python") ? r.nullableString("python", d.python()) : current.python();
        long timeoutMs = r.has("timeoutMs") ? (long) r.positive("timeoutMs", d.timeoutMs()) : current.timeoutMs();
        int samples = r.has("samples") ? (int) r.positive("samples", d.samples()) : current.samples();
        boolean executeCode = r.has("executeCode") ? r.bool("executeCode", d.executeCode()) : current.executeCode();
        List<String> classpath = r.has("classpath") ? r.strings("classpath", d.classpath()) : current.classpath();
        long seed = r.has("seed") ? (long) r.number("seed", d.seed()) : current.seed();
        String quality = r.has("quality") ? r.choice("quality", QUALITIES, d.quality()) : current.quality();
        double minQuality = r.has("minQuality") ? r.number("minQuality", d.minQuality()) : current.minQuality();
        boolean codeLens = r.has("codeLens") ? r.bool("codeLens", d.codeLens()) : current.codeLens();
        boolean inlayHints = r.has("inlayHints") ? r.bool("inlayHints", d.inlayHints()) : current.inlayHints();
        boolean warmUp = r.has("warmUp") ? r.bool("warmUp", d.warmUp()) : current.warmUp();
        return new Result(new Settings(python, timeoutMs, samples, executeCode, classpath, seed, quality,
                minQuality, codeLens, inlayHints, warmUp), warnings);
    }

    /** Typed reads of one object's keys; each wrong value adds a warning and yields the default. */
    private record Reader(JsonObject o, List<String> warnings) {
        boolean has(String key) {
            return o.has(key);
        }

        private <T> T wrong(String key, String expected, T fallback) {
            Object shown = fallback instanceof Double d && d == Math.rint(d) ? (Object) d.longValue() : fallback;
            warnings.add("liftsys setting " + key + " must be " + expected + ", not " + o.get(key)
                    + "; using the default " + shown);
            return fallback;
        }

        String nullableString(String key, String fallback) {
            JsonElement e = o.get(key);
            if (e.isJsonNull()) {
                return null;
            }
            return isString(e) && !e.getAsString().isBlank() ? e.getAsString() : wrong(key, "a string", fallback);
        }

        double number(String key, double fallback) {
            JsonElement e = o.get(key);
            return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() && Double.isFinite(e.getAsDouble())
                    ? e.getAsDouble() : wrong(key, "a number", fallback);
        }

        double positive(String key, double fallback) {
            JsonElement e = o.get(key);
            return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() && e.getAsDouble() >= 1
                    && Double.isFinite(e.getAsDouble()) ? e.getAsDouble() : wrong(key, "a positive number", fallback);
        }

        boolean bool(String key, boolean fallback) {
            JsonElement e = o.get(key);
            return e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean()
                    : wrong(key, "a boolean", fallback);
        }

        String choice(String key, Set<String> allowed, String fallback) {
            JsonElement e = o.get(key);
            return isString(e) && allowed.contains(e.getAsString()) ? e.getAsString()
                    : wrong(key, "one of " + allowed, fallback);
        }

        List<String> strings(String key, List<String> fallback) {
            JsonElement e = o.get(key);
            if (!e.isJsonArray()) {
                return wrong(key, "an array of strings", fallback);
            }
            List<String> out = new ArrayList<>();
            for (JsonElement item : (JsonArray) e) {
                if (!isString(item)) {
                    return wrong(key, "an array of strings", fallback);
                }
                out.add(item.getAsString());
            }
            return out;
        }

        private static boolean isString(JsonElement e) {
            return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
        }
    }
}
