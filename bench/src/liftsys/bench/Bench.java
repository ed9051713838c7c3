package liftsys.bench;

import com.google.gson.GsonBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * The benchmark harness: the real server over stdio, driven by a real LSP4J client. Prints a
 * table and writes bench/results/latest.json (or smoke.json with --smoke, on tiny sizes).
 * {@code --stress [--edits N] [--seed S]} runs the random-edit stress mode instead ({@link Stress});
 * {@code --real [...]} the real-code evaluation on released libraries ({@link RealCode}). The
 * full run adds the real-project rows on bench/inputs/shop ({@link ProjectBench}); {@code --project}
 * runs those rows alone.
 */
public final class Bench {
    private static final String[] SUBJECTS = {"price", "base", "scaled", "acc", "bonus", "level", "adjust"};

    /** Structural measurements time a server that is not warming its worker and sidecar up. */
    private static final String NO_WARM_UP = "{\"liftsys\": {\"warmUp\": false}}";

    private final Path root;
    private final boolean smoke;
    private final Random random = new Random(7);
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String[]> table = new ArrayList<>();

    private Bench(Path root, boolean smoke) {
        this.root = root;
        this.smoke = smoke;
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        Path root = Path.of(System.getProperty("liftsys.root", ".")).toAbsolutePath().normalize();
        if (List.of(args).contains("--real")) {
            // The real-code evaluation (RealCode.java); it writes bench/results/realcode*.json only.
            System.exit(RealCode.run(root, List.of(args)));
        }
        if (List.of(args).contains("--stress")) {
            // The random-edit stress mode (Stress.java); it writes bench/results/stress.json only.
            System.exit(Stress.run(root, List.of(args)));
        }
        if (List.of(args).contains("--project")) {
            // Only the real-project rows (ProjectBench), printed; nothing is written.
            Bench bench = new Bench(root, false);
            bench.results.put("machine", Machine.describe());
            bench.realProject();
            bench.print();
            return;
        }
        new Bench(root, smoke).run();
    }

    private void run() throws Exception {
        int small = smoke ? 200 : 1000;
        int medium = smoke ? 500 : 5000;
        int large = smoke ? 1000 : 20000;
        int queries = smoke ? 20 : 400;
        int edits = smoke ? 20 : 300;
        int baselineEdits = smoke ? 3 : 15;
        int documents = smoke ? 10 : 200;
        results.put("machine", Machine.describe());
        results.put("mode", smoke ? "smoke" : "full");

        coldStart(small);
        structural(medium, queries);
        editThenAnswer(large, edits, baselineEdits);
        memory(small, documents);
        if (!smoke) {
            quantified();
            realProject();
        }
        print();
        Path out = root.resolve("bench/results").resolve(smoke ? "smoke.json" : "latest.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(results) + "\n");
        System.out.println("wrote " + root.relativize(out));
    }

    /** The quantitative path on a dozen-node method, beside the per-query subprocess approach. */
    @SuppressWarnings("unchecked")
    private void quantified() throws Exception {
        Map<String, Object> q = QuantBench.run(root, 20);
        results.put("quantified", q);
        double first = ((Number) q.get("firstQuantifiedMs")).doubleValue();
        Map<String, Object> cached = (Map<String, Object>) q.get("cachedQuantified");
        double perQuery = ((Number) q.get("perQuerySubprocessMs")).doubleValue();
        row("first quantified answer, warm sidecar", 0, first, first, first, "<= 1500 ms");
        row("quantified answer, cached", 0, ((Number) cached.get("p50")).doubleValue(),
                ((Number) cached.get("p95")).doubleValue(), ((Number) cached.get("p99")).doubleValue(), "<= 5 ms");
        row("per-query subprocess (seed system)", 0, perQuery, perQuery, perQuery, "");
        table.add(new String[] {"speed-up: first / cached", "", String.format("%.0fx", perQuery / first),
                String.format("%.0fx", perQuery / ((Number) cached.get("p50")).doubleValue()), "", ">= 5x / 1000x"});
    }

    /** The sample Maven project: class path resolution, open -> first quantified answer, warm. */
    private void realProject() throws Exception {
        Map<String, Object> p = ProjectBench.run(root);
        results.put("realProject", p);
        double resolveCold = ((Number) p.get("resolveColdMs")).doubleValue();
        double resolveCached = ((Number) p.get("resolveCachedMs")).doubleValue();
        double firstCold = ((Number) p.get("openToFirstQuantifiedMs.coldClassPath")).doubleValue();
        double first = ((Number) p.get("openToFirstQuantifiedMs.cachedClassPath")).doubleValue();
        double warm = ((Number) p.get("warmQuantifiedMs.cachedClassPath")).doubleValue();
        row("sample project: resolve class path, Maven", 0, resolveCold, resolveCold, resolveCold, "");
        row("  same, from the on-disk cache", 0, resolveCached, resolveCached, resolveCached, "");
        row("sample project: open -> first quantified", 0, first, first, first, "<= 5000 ms");
        row("  same, class path never resolved before", 0, firstCold, firstCold, firstCold, "");
        row("  warm: another file's method", 0, warm, warm, warm, "<= 1000 ms");
        System.out.println("sample project answers: first " + p.get("firstStatus.cachedClassPath") + "; warm "
                + p.get("warmStatus.cachedClassPath") + "; first, never resolved: " + p.get("firstStatus.coldClassPath"));
    }

    private void coldStart(int lines) throws Exception {
        String text = JavaFileGenerator.generate(lines, 1);
        long start = System.nanoTime();
        try (BenchClient client = BenchClient.start(root, "")) {
            client.open(uri(lines), text);
            client.impact(uri(lines), subject(text, 0, "price"));
            double ms = (System.nanoTime() - start) / 1e6;
            results.put("coldStartToFirstAnswerMs", Stats.round(ms));
            row("cold start to first structural answer", lines, ms, ms, ms, "<= 1500 ms");
        }
    }

    private void structural(int lines, int queries) throws Exception {
        String text = JavaFileGenerator.generate(lines, 2);
        String uri = uri(lines);
        int methods = methodCount(text);
        try (BenchClient client = BenchClient.start(root, "", NO_WARM_UP)) {
            client.open(uri, text);
            for (int i = 0; i < 200; i++) {
                client.impact(uri, randomSubject(text, methods));
            }
            double[] impact = new double[queries];
            double[] hover = new double[queries];
            for (int i = 0; i < queries; i++) {
                Position p = randomSubject(text, methods);
                long t = System.nanoTime();
                client.impact(uri, p);
                impact[i] = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                client.hover(uri, p);
                hover[i] = (System.nanoTime() - t) / 1e6;
            }
            record("structuralImpact", "structural causalImpact", lines, Stats.of(impact), "p95 <= 5 ms");
            record("hover", "hover", lines, Stats.of(hover), "p99 <= 50 ms");
        }
    }

    private void editThenAnswer(int lines, int edits, int baselineEdits) throws Exception {
        String text = JavaFileGenerator.generate(lines, 3);
        Stats incremental = typing(text, lines, edits, "");
        Stats full = typing(text, lines, baselineEdits, "-Dliftsys.incremental=false");
        record("editThenAnswer", "keystroke edit + answer", lines, incremental, "p95 <= 10 ms");
        record("editThenAnswerFullReparse", "same, full reparse (baseline)", lines, full, "");
        double ratio = full.p50() / Math.max(incremental.p50(), 1e-3);
        results.put("editSpeedupVsFullReparse", Stats.round(ratio));
        table.add(new String[] {"speed-up over full reparse (p50)", Integer.toString(lines),
                String.format("%.0fx", ratio), "", "", ">= 100x"});
    }

    /** Types a character into a random method and takes it out again, asking after every keystroke. */
    private Stats typing(String text, int lines, int edits, String javaOptions) throws Exception {
        String uri = uri(lines);
        int methods = methodCount(text);
        try (BenchClient client = BenchClient.start(root, javaOptions, NO_WARM_UP)) {
            client.open(uri, text);
            client.impact(uri, subject(text, 0, "price"));
            int version = 1;
            int warmUp = javaOptions.isEmpty() ? Math.min(200, edits) : 2;
            double[] millis = new double[edits];
            for (int i = -warmUp; i < edits; i++) {
                int m = random.nextInt(methods);
                Position literal = subject(text, m, "rate;");
                Position at = new Position(literal.getLine(), literal.getCharacter() + 4);
                Position base = subject(text, m, "base");
                long t = System.nanoTime();
                client.change(uri, ++version, List.of(new TextDocumentContentChangeEvent(new Range(at, at), "1")));
                client.impact(uri, base);
                if (i >= 0) {
                    millis[i] = (System.nanoTime() - t) / 1e6;
                }
                Position after = new Position(at.getLine(), at.getCharacter() + 1);
                client.change(uri, ++version, List.of(new TextDocumentContentChangeEvent(new Range(at, after), "")));
            }
            return Stats.of(millis);
        }
    }

    private void memory(int lines, int documents) throws Exception {
        try (BenchClient client = BenchClient.start(root, "", NO_WARM_UP)) {
            List<String> texts = new ArrayList<>();
            for (int d = 0; d < documents; d++) {
                String text = JavaFileGenerator.generate(lines, 100 + d);
                texts.add(text);
                client.open("file:///bench/doc" + d + ".java", text);
            }
            client.impact("file:///bench/doc0.java", subject(texts.get(0), 0, "price"));
            System.gc();
            double opened = client.rssMiB();
            for (int d = 0; d < documents; d++) {
                client.impact("file:///bench/doc" + d + ".java", subject(texts.get(d), 0, "price"));
            }
            double asked = client.rssMiB();
            results.put("rssMiBAfterOpening", Map.of("documents", documents, "lines", lines,
                    "opened", Stats.round(opened), "afterOneQuestionEach", Stats.round(asked)));
            table.add(new String[] {"server RSS, " + documents + " docs opened (MiB)", Integer.toString(lines),
                    String.format("%.0f", opened), "", "", "<= 300 MiB"});
            table.add(new String[] {"  same, after one question each (MiB)", Integer.toString(lines),
                    String.format("%.0f", asked), "", "", ""});
        }
    }

    private void record(String key, String label, int lines, Stats stats, String target) {
        Map<String, Object> m = new LinkedHashMap<>(stats.json());
        m.put("lines", lines);
        results.put(key, m);
        row(label, lines, stats.p50(), stats.p95(), stats.p99(), target);
    }

    private void row(String label, int lines, double p50, double p95, double p99, String target) {
        table.add(new String[] {label, lines == 0 ? "" : Integer.toString(lines), String.format("%.2f", p50),
                String.format("%.2f", p95), String.format("%.2f", p99), target});
    }

    private void print() {
        String format = "| %-40s | %6s | %9s | %9s | %9s | %-13s |%n";
        System.out.printf(format, "measure", "lines", "p50 ms", "p95 ms", "p99 ms", "target");
        System.out.printf(format, "-".repeat(40), "-".repeat(6), "-".repeat(9), "-".repeat(9), "-".repeat(9),
                "-".repeat(13));
        for (String[] r : table) {
            System.out.printf(format, (Object[]) r);
        }
        System.out.println("machine: " + results.get("machine"));
    }

    private Position randomSubject(String text, int methods) {
        return subject(text, random.nextInt(methods), SUBJECTS[random.nextInt(SUBJECTS.length)]);
    }

    /** The position of the first occurrence of a word inside method number m. */
    static Position subject(String text, int m, String word) {
        int start = text.indexOf("double compute" + m + "(");
        return positionOf(text, text.indexOf(word, start + ("double compute" + m + "(").length() - 1));
    }

    /** The LSP position of an offset in generated text, whose lines end with a plain newline. */
    static Position positionOf(String text, int offset) {
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

    private static int methodCount(String text) {
        int count = 0;
        for (int i = text.indexOf("double compute"); i >= 0; i = text.indexOf("double compute", i + 1)) {
            count++;
        }
        return count;
    }

    private static String uri(int lines) {
        return "file:///bench/Generated" + lines + ".java";
    }
}
