package liftsys.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real-code evaluation: released libraries (Commons Math 3.6.1, Commons Lang 3.12.0) opened as
 * the Maven projects they are, in a fresh real server ({@code ./liftsys serve}) with the project
 * as workspace root and no settings, as a new user would; the first parameter of each chosen
 * method quantified ({@code liftsys/causalImpact}, quantify true). Writes per method the status
 * (fitted, degraded with its cause, error), the message's first line and the time to answer, and
 * a summary: fitted rate per set, counts by cause, median and p95 time.
 *
 * <pre>./liftsys bench --real [--smoke] [--only math|lang] [--files N] [--per-file M] [--any K]
 *                        [--question-timeout SECONDS] [--hand-classpath] [--label NAME]
 *                        [--library name=groupId:artifactId:version,...]
 * ./liftsys bench --real --summarize bench/results/realcode.json</pre>
 * Defaults: 40 files with up to 5 simple methods each (24 of Math, 16 of Lang), 50 methods of any
 * type (30 and 20); {@code --smoke}: 2 Lang files with 2 methods each and 2 of any type.
 * {@code --hand-classpath} is the comparison a user could make before the server knew the build:
 * the library's own jar set by hand in the {@code classpath} setting (the only setting it sets);
 * it writes {@code realcode-hand-classpath.json}. {@code --label NAME} writes realcode-NAME.json.
 */
final class RealCode {
    private final Path root;
    private final boolean smoke;
    private final Map<String, String> options;
    private final boolean handClassPath;

    private RealCode(Path root, List<String> args) {
        this.root = root;
        this.smoke = args.contains("--smoke");
        this.handClassPath = args.contains("--hand-classpath");
        this.options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).startsWith("--") && !args.get(i + 1).startsWith("--")) {
                options.put(args.get(i).substring(2), args.get(i + 1));
            }
        }
    }

    static int run(Path root, List<String> args) throws Exception {
        if (args.contains("--summarize")) {
            return summarize(Path.of(args.get(args.indexOf("--summarize") + 1)));
        }
        return new RealCode(root, args).run();
    }

    /**
     * Reads a results file again and recounts its causes with today's rules (causes follow the
     * server's messages, which change), rewriting its JSON and table.
     */
    @SuppressWarnings("unchecked")
    private static int summarize(Path file) throws Exception {
        Map<String, Object> results = new com.google.gson.Gson().fromJson(Files.readString(file), Map.class);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) results.get("methods");
        for (Map<String, Object> r : rows) {
            if (r.get("status").equals("degraded")) {
                r.put("cause", RealCodeOutcome.causeOf((String) r.get("reason"), (String) r.get("message")));
            }
        }
        results.put("summary", summary(rows));
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(results)
                + "\n");
        String table = table(rows, results);
        Files.writeString(file.resolveSibling(file.getFileName().toString().replace(".json", ".txt")), table);
        System.out.print(table.substring(table.indexOf("\nsummary")));
        return 0;
    }

    private int option(String name, int otherwise) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : otherwise;
    }

    private int run() throws Exception {
        int files = option("files", smoke ? 2 : 40);
        int perFile = option("per-file", smoke ? 2 : 5);
        int any = option("any", smoke ? 2 : 50);
        int questionTimeout = option("question-timeout", 120);
        String only = options.getOrDefault("only", smoke ? "lang" : "");
        List<RealCodeProjects.Library> known = options.containsKey("library")
                ? RealCodeProjects.parse(options.get("library")) : RealCodeProjects.LIBRARIES;
        List<RealCodeProjects.Library> libraries = known.stream()
                .filter(l -> only.isEmpty() || l.name().equals(only)).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        long start = System.nanoTime();
        for (RealCodeProjects.Library library : libraries) {
            // Math gets 60% of the files and methods, Lang 40% (Math has about twice the classes).
            double share = libraries.size() == 1 ? 1.0 : !options.containsKey("library")
                    ? (library.name().equals("math") ? 0.6 : 0.4) : 1.0 / libraries.size();
            Path project = RealCodeProjects.prepare(root, library);
            List<RealCodeMethods.Question> questions = RealCodeMethods.choose(library.name(),
                    project.resolve("src/main/java"), (int) Math.round(files * share), perFile,
                    (int) Math.round(any * share), Set.of());
            System.err.printf("realcode: %s: %d methods in %s%n", library.name(), questions.size(), project);
            rows.addAll(ask(project, library, questions, questionTimeout));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", Machine.describe());
        results.put("mode", smoke ? "smoke" : "full");
        results.put("libraries", libraries.stream().map(l -> l.coordinates("sources")).toList());
        results.put("settings", handClassPath ? "classpath set by hand to the library's jar"
                : "none (fresh server, project folder as workspace root)");
        results.put("wallSeconds", Stats.round((System.nanoTime() - start) / 1e9));
        results.put("summary", summary(rows));
        results.put("methods", rows);
        String label = options.containsKey("label") ? "-" + options.get("label") : "";
        Path out = root.resolve("bench/results").resolve("realcode" + (handClassPath ? "-hand-classpath" : "")
                + label + (smoke ? "-smoke" : "") + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(results)
                + "\n");
        String table = table(rows, results);
        Files.writeString(out.resolveSibling(out.getFileName().toString().replace(".json", ".txt")), table);
        System.out.print(table);
        System.out.println("wrote " + root.relativize(out));
        // The smoke fails when a question got no answer (a JSON-RPC error or none in time).
        boolean unanswered = rows.isEmpty() || rows.stream().anyMatch(r -> r.get("status").equals("error"));
        return smoke && unanswered ? 1 : 0;
    }

    private List<Map<String, Object>> ask(Path project, RealCodeProjects.Library library,
                                          List<RealCodeMethods.Question> questions, int timeoutSeconds)
            throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        Path log = root.resolve(".liftsys/realcode/server-" + library.name() + ".log");
        Set<Path> opened = new HashSet<>();
        String settings = null;
        if (handClassPath) {
            String jar = RealCodeProjects.binaryJar(root, library).toString();
            settings = "{\"liftsys\": {\"classpath\": [\"" + jar.replace("\\", "\\\\") + "\"]}}";
        }
        try (BenchClient client = BenchClient.startInWorkspace(root, project, log, settings)) {
            for (RealCodeMethods.Question q : questions) {
                String uri = q.file().toUri().toString();
                if (opened.add(q.file())) {
                    client.open(uri, Files.readString(q.file()));
                }
                RealCodeOutcome outcome = quantify(client, uri, q, timeoutSeconds);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("set", q.set());
                row.put("library", q.library());
                row.put("file", project.resolve("src/main/java").relativize(q.file()).toString());
                row.put("method", q.method());
                row.put("signature", q.signature());
                row.put("parameter", q.parameter());
                row.put("status", outcome.status());
                row.put("reason", outcome.reason());
                row.put("cause", outcome.cause());
                row.put("message", outcome.message());
                row.put("millis", Stats.round(outcome.millis()));
                rows.add(row);
                System.err.printf("realcode: %-5s %-45s %-9s %7.0f ms  %s%n", q.set(), q.method(), outcome.status(),
                        outcome.millis(), outcome.cause());
            }
        }
        return rows;
    }

    private static RealCodeOutcome quantify(BenchClient client, String uri, RealCodeMethods.Question q,
                                            int timeoutSeconds) {
        JsonObject params = JsonParser.parseString("{\"textDocument\": {\"uri\": \"" + uri + "\"}, \"position\": "
                + "{\"line\": " + q.line() + ", \"character\": " + q.character() + "}, \"quantify\": true}")
                .getAsJsonObject();
        long t = System.nanoTime();
        try {
            JsonObject answer = client.server.causalImpact(params).get(timeoutSeconds, TimeUnit.SECONDS);
            double ms = (System.nanoTime() - t) / 1e6;
            JsonObject model = answer.getAsJsonObject("model");
            String status = model == null ? "missing" : model.get("status").getAsString();
            if (status.equals("fitted")) {
                return RealCodeOutcome.fitted(ms);
            }
            JsonObject degraded = answer.has("degraded") && answer.get("degraded").isJsonObject()
                    ? answer.getAsJsonObject("degraded") : new JsonObject();
            return RealCodeOutcome.degraded(degraded.has("reason") ? degraded.get("reason").getAsString() : status,
                    degraded.has("message") ? degraded.get("message").getAsString() : "", ms);
        } catch (TimeoutException e) {
            return RealCodeOutcome.error("no answer within " + timeoutSeconds + " s", (System.nanoTime() - t) / 1e6);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return RealCodeOutcome.error(cause.getMessage(), (System.nanoTime() - t) / 1e6);
        }
    }

    /** Per set: methods, fitted, rate, counts by cause; times over all answers and over fitted ones. */
    static Map<String, Object> summary(List<Map<String, Object>> rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String set : List.of("simple", "any")) {
            List<Map<String, Object>> of = rows.stream().filter(r -> r.get("set").equals(set)).toList();
            if (of.isEmpty()) {
                continue;
            }
            long fitted = of.stream().filter(r -> r.get("status").equals("fitted")).count();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("methods", of.size());
            s.put("fitted", fitted);
            s.put("fittedRate", Stats.round((double) fitted / of.size()));
            Map<String, Long> causes = new TreeMap<>();
            of.forEach(r -> causes.merge((String) r.get("cause"), 1L, Long::sum));
            s.put("byCause", causes);
            s.put("millisAll", times(of, false));
            s.put("millisFitted", times(of, true));
            out.put(set, s);
        }
        return out;
    }

    private static Map<String, Object> times(List<Map<String, Object>> rows, boolean fittedOnly) {
        double[] ms = rows.stream().filter(r -> !fittedOnly || r.get("status").equals("fitted"))
                .mapToDouble(r -> ((Number) r.get("millis")).doubleValue()).toArray();
        if (ms.length == 0) {
            return Map.of("count", 0);
        }
        Stats s = Stats.of(ms);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", s.count());
        m.put("p50", Stats.round(s.p50()));
        m.put("p95", Stats.round(s.p95()));
        m.put("max", Stats.round(s.max()));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static String table(List<Map<String, Object>> rows, Map<String, Object> results) {
        StringBuilder b = new StringBuilder();
        String format = "%-6s %-5s %-48s %-9s %8s  %-32s %s%n";
        b.append(String.format(format, "set", "lib", "method", "status", "ms", "cause", "message"));
        for (Map<String, Object> r : rows) {
            String message = (String) r.get("message");
            b.append(String.format(format, r.get("set"), r.get("library"), r.get("method"), r.get("status"),
                    String.format("%.0f", ((Number) r.get("millis")).doubleValue()), r.get("cause"),
                    message.length() > 140 ? message.substring(0, 140) + "..." : message));
        }
        b.append("\nsummary (").append(results.get("settings")).append(", ").append(results.get("wallSeconds"))
                .append(" s)\n");
        Map<String, Object> summary = (Map<String, Object>) results.get("summary");
        summary.forEach((set, value) -> {
            Map<String, Object> s = (Map<String, Object>) value;
            b.append(String.format("  %-6s fitted %s of %s (%.0f%%); time to answer %s, fitted %s%n", set,
                    s.get("fitted"), s.get("methods"), 100 * ((Number) s.get("fittedRate")).doubleValue(),
                    s.get("millisAll"), s.get("millisFitted")));
            ((Map<String, Long>) s.get("byCause")).forEach((cause, n) ->
                    b.append(String.format("         %4d  %s%n", n, cause)));
        });
        return b.toString();
    }
}
