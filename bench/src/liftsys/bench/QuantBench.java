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
 * auto-assigns, fits and queries), run in the same benchmark.
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
        }
        return out;
    }

    private static JsonObject quantify(BenchClient client, String uri, Position p) throws Exception {
        JsonObject params = JsonParser.parseString("{\"textDocument\": {\"uri\": \"" + uri + "\"}, \"position\": {\"line\": "
                + p.getLine() + ", \"character\": " + p.getCharacter() + "}, \"quantify\": true}").getAsJsonObject();
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
        int offset = text.indexOf(needle) + needle.lastIndexOf(word);
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
