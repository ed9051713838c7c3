package liftsys.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Position;

/**
 * The quantitative path, measured through the real server: the first quantified answer for a
 * method of about a dozen nodes with a warm sidecar, the cached answer, and the same method and
 * data through the approach the sidecar replaces (a fresh Python per query that imports DoWhy,
 * auto-assigns, fits and queries), run in the same benchmark. Also how often the effects DoWhy
 * estimates agree with the effects measured by rerunning the code with the intervention applied
 * ({@code observed}, issue 7) on the bench methods: {@code score} of Scoring.java and the Pricing
 * examples, over their parameters and locals.
 */
final class QuantBench {
    private QuantBench() {
    }

    static Map<String, Object> run(Path root, int cachedRepeats) throws Exception {
        Path dumps = Files.createTempDirectory("liftsys-fits");
        String text = Files.readString(root.resolve("bench/inputs/Scoring.java"));
        String uri = "file:///bench/Scoring.java";
        Map<String, Object> out = new LinkedHashMap<>();
        try (BenchClient client = BenchClient.start(root, "-Dliftsys.dumpFitRequests=" + dumps)) {
            client.open(uri, text);
            long t = System.nanoTime();
            JsonObject warm = quantify(client, uri, at(text, "double a", "a"));
            out.put("sidecarColdStartAndFirstFitMs", round((System.nanoTime() - t) / 1e6));
            requireFitted(warm);
            t = System.nanoTime();
            JsonObject first = quantify(client, uri, at(text, "double price", "price"));
            double firstMs = (System.nanoTime() - t) / 1e6;
            requireFitted(first);
            double[] cached = new double[cachedRepeats];
            for (int i = 0; i < cachedRepeats; i++) {
                t = System.nanoTime();
                JsonObject again = quantify(client, uri, at(text, "double price", "price"));
                cached[i] = (System.nanoTime() - t) / 1e6;
                if (!again.getAsJsonObject("model").get("cached").getAsBoolean()) {
                    throw new IllegalStateException("a repeated question was not answered from the cache");
                }
            }
            out.put("nodes", first.getAsJsonObject("model").getAsJsonObject("quality").size());
            out.put("firstQuantifiedMs", round(firstMs));
            out.put("fitMillis", first.getAsJsonObject("model").get("fitMillis").getAsLong());
            out.put("cachedQuantified", Stats.of(cached).json());
            Path request;
            try (Stream<Path> files = Files.list(dumps)) {
                request = files.filter(p -> p.getFileName().toString().startsWith("score-")).findFirst().orElseThrow();
            }
            double perQuery = perQuery(root, request, "price@in");
            out.put("perQuerySubprocessMs", round(perQuery));
            out.put("speedupFirst", round(perQuery / firstMs));
            out.put("speedupCached", round(perQuery / Stats.of(cached).p50()));
            out.put("effects", effects(first));
            out.put("observedAgreement", agreement(client, root, uri, text));
        }
        return out;
    }

    /** Subjects of the agreement run: method, needle and word locating the subject, intervention (null: +1). */
    private record Question(String method, String needle, String word, String intervention) {
    }

    private static final List<Question> SCORING = List.of(
            new Question("score", "double price", "price", null),
            new Question("score", "int qty", "qty", null),
            new Question("score", "double rate", "rate", null),
            new Question("score", "boolean member", "member", "{\"set\": {\"from\": false, \"to\": true}}"),
            new Question("score", "double base", "base", null),
            new Question("score", "double fee", "fee", null),
            new Question("score", "double taxed", "taxed", null),
            new Question("score", "disc = taxed", "disc", null),
            new Question("score", "double net", "net", null),
            new Question("score", "int bucket", "bucket", null),
            new Question("score", "double bonus", "bonus", null),
            new Question("score", "double price", "price", "{\"set\": {\"from\": 10, \"to\": 50}}"));

    private static final List<Question> PRICING = List.of(
            new Question("total", "double price", "price", null),
            new Question("total", "int quantity", "quantity", null),
            new Question("total", "double shipping", "shipping", null),
            new Question("total", "double subtotal", "subtotal", null),
            new Question("total", "double net", "net", null),
            new Question("affine", "double u", "u", null),
            new Question("affine", "double v)", "v", null),
            new Question("affine", "double w", "w", null),
            new Question("affine", "double z", "z", null),
            new Question("affine", "double u", "u", "{\"set\": {\"from\": 0, \"to\": 10}}"),
            new Question("gross", "gross(double net", "net", null),
            new Question("gross", "double vat =", "vat", null),
            new Question("clamp", "int value", "value", null),
            new Question("clamp", "int lo", "lo", null),
            new Question("clamp", "int hi", "hi", null),
            new Question("clamp", "int r", "r", null),
            new Question("sumTo", "int n", "n", null),
            new Question("sumTo", "long step", "step", null));

    /**
     * Every downstream effect with an observed effect beside it, over the questions above: how many
     * were checked, how many agree (their intervals overlap), and each disagreement spelled out.
     */
    static Map<String, Object> agreement(BenchClient client, Path root, String scoringUri, String scoring)
            throws Exception {
        String pricing = Files.readString(root.resolve("examples/Pricing.java"));
        String pricingUri = "file:///bench/Pricing.java";
        client.open(pricingUri, pricing);
        int questions = 0;
        int checked = 0;
        int agree = 0;
        List<String> extrapolated = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        Map<String, Object> byMethod = new LinkedHashMap<>();
        List<Object[]> all = new ArrayList<>();
        SCORING.forEach(q -> all.add(new Object[] {"Scoring", scoringUri, scoring, q}));
        PRICING.forEach(q -> all.add(new Object[] {"Pricing", pricingUri, pricing, q}));
        for (Object[] item : all) {
            String uri = (String) item[1];
            String text = (String) item[2];
            Question q = (Question) item[3];
            String label = item[0] + "." + q.method() + " " + q.word()
                    + (q.intervention() == null ? " +1" : " " + q.intervention().replaceAll("[\\s\"{}]", ""));
            JsonObject answer = quantify(client, uri, at(text, q.needle(), q.word()), q.intervention());
            questions++;
            JsonObject model = answer.getAsJsonObject("model");
            if (!model.get("status").getAsString().equals("fitted")) {
                unchecked.add(label + ": " + answer.get("degraded"));
                continue;
            }
            if (model.has("extrapolated") && model.get("extrapolated").getAsBoolean()) {
                extrapolated.add(label);
            }
            int[] counts = (int[]) byMethod.computeIfAbsent(item[0] + "." + q.method(), k -> new int[2]);
            int checkedHere = 0;
            for (var e : answer.getAsJsonArray("downstream")) {
                JsonObject entry = e.getAsJsonObject();
                if (!entry.get("effect").isJsonObject()) {
                    continue;
                }
                JsonObject effect = entry.getAsJsonObject("effect");
                if (!effect.has("observed") || !effect.get("observed").isJsonObject()) {
                    continue;
                }
                JsonObject observed = effect.getAsJsonObject("observed");
                checked++;
                checkedHere++;
                counts[0]++;
                if (effect.has("disagrees") && effect.get("disagrees").getAsBoolean()) {
                    disagreements.add(label + " -> " + entry.get("name").getAsString() + ": effect "
                            + interval(effect) + ", observed " + interval(observed));
                } else {
                    agree++;
                    counts[1]++;
                }
            }
            if (checkedHere == 0) {
                unchecked.add(label + ": " + model.get("notes"));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("questions", questions);
        out.put("checked", checked);
        out.put("agree", agree);
        out.put("agreeRate", checked == 0 ? 0 : round((double) agree / checked));
        out.put("extrapolated", extrapolated);
        Map<String, Object> methods = new LinkedHashMap<>();
        byMethod.forEach((method, counts) -> {
            int[] c = (int[]) counts;
            methods.put(method, c[1] + "/" + c[0]);
        });
        out.put("agreeByMethod", methods);
        out.put("disagreements", disagreements);
        out.put("unchecked", unchecked);
        return out;
    }

    private static String interval(JsonObject o) {
        return o.get("value").getAsDouble() + " [" + o.get("low").getAsDouble() + ", " + o.get("high").getAsDouble()
                + "]";
    }

    private static JsonObject quantify(BenchClient client, String uri, Position p) throws Exception {
        return quantify(client, uri, p, null);
    }

    /** A quantified question; {@code intervention} is its JSON, or null for the default (+1). */
    private static JsonObject quantify(BenchClient client, String uri, Position p, String intervention)
            throws Exception {
        JsonObject params = JsonParser.parseString("{\"textDocument\": {\"uri\": \"" + uri + "\"}, \"position\": {\"line\": "
                + p.getLine() + ", \"character\": " + p.getCharacter() + "}, \"quantify\": true}").getAsJsonObject();
        if (intervention != null) {
            params.add("intervention", JsonParser.parseString(intervention));
        }
        return client.server.causalImpact(params).get(300, TimeUnit.SECONDS);
    }

    private static void requireFitted(JsonObject answer) {
        String status = answer.getAsJsonObject("model").get("status").getAsString();
        if (!status.equals("fitted")) {
            throw new IllegalStateException("not fitted: " + answer.get("degraded"));
        }
    }

    /** Wall time of the per-query approach on the dumped fit request, in a fresh interpreter. */
    private static double perQuery(Path root, Path request, String subject) throws Exception {
        Path python = root.resolve(".liftsys/dowhy-env/bin/python");
        List<String> command = new ArrayList<>(List.of(python.toString(),
                root.resolve("bench/sidecar/per_query.py").toString(), request.toString(), subject, "1.0"));
        long t = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("per-query approach failed: " + output);
        }
        return (System.nanoTime() - t) / 1e6;
    }

    private static Map<String, Object> effects(JsonObject answer) {
        Map<String, Object> out = new LinkedHashMap<>();
        answer.getAsJsonArray("downstream").forEach(e -> {
            JsonObject entry = e.getAsJsonObject();
            if (entry.get("effect").isJsonObject()) {
                out.put(entry.get("name").getAsString(), JsonParser.parseString(entry.get("effect").toString()));
            }
        });
        return out;
    }

    private static Position at(String text, String needle, String word) {
        return Bench.positionOf(text, text.indexOf(needle) + needle.lastIndexOf(word));
    }

    private static double round(double v) {
        return Stats.round(v);
    }
}
