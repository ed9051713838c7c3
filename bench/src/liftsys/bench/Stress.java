package liftsys.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * {@code ./liftsys bench --stress [--edits N] [--seed S] [--mirror]}: random incremental edits over open
 * documents, sent to ONE incremental server as {@code didChange} notifications (sometimes several
 * changes each), with a question after each notification so the server keeps its structure and
 * takes the method-local path. At checkpoints, a fresh full-parse server opens the client's own
 * text of every document, and both servers answer {@code liftsys/causalImpact} and hover at random
 * positions; every answer must be equal. Any difference is printed and the run exits non-zero.
 * Other options: {@code --documents}, {@code --checkpoint-every}, {@code --positions}; {@code --mirror}
 * also keeps a full-parse server in step with every edit and compares each after-edit answer, which
 * catches a difference at the edit that makes it (slower; for hunting, not the default).
 */
final class Stress {
    private final Path root;
    private final int totalEdits;
    private final long seed;
    private final int documents;
    private final int checkpointEvery;
    private final int positionsPerDocument;
    /** With --mirror, a full-parse server also follows every edit and answers every after-edit question. */
    private final boolean mirrored;
    private BenchClient mirror;
    private int mirrorComparisons;

    private final List<StressEdits.DocState> docs = new ArrayList<>();
    private final Map<String, List<JsonObject>> events = new LinkedHashMap<>();
    private final List<String> serverMessages = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> probeMillis = new ArrayList<>();
    private int edits;
    private int notifications;
    private int checkpoints;
    private int impactComparisons;
    private int hoverComparisons;
    private int mismatches;
    private int probeErrors;
    private String jar;
    private long generateNanos;
    private long checkpointNanos;
    private boolean jarChanged;

    private Stress(Path root, int totalEdits, long seed, int documents, int checkpointEvery, int positions,
                   boolean mirrored) {
        this.root = root;
        this.mirrored = mirrored;
        this.totalEdits = totalEdits;
        this.seed = seed;
        this.documents = documents;
        this.checkpointEvery = checkpointEvery;
        this.positionsPerDocument = positions;
    }

    /** Runs the stress mode; the exit status is 0 only when every answer matched. */
    static int run(Path root, List<String> args) throws Exception {
        int edits = intOption(args, "--edits", 10_000);
        long seed = intOption(args, "--seed", 20_251_125);
        int documents = intOption(args, "--documents", 20);
        int every = intOption(args, "--checkpoint-every", 1000);
        int positions = intOption(args, "--positions", 100);
        return new Stress(root, edits, seed, documents, every, positions, args.contains("--mirror")).run();
    }

    private static int intOption(List<String> args, String name, int fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Integer.parseInt(args.get(i + 1)) : fallback;
    }

    /** The server jar's size and modification time: other work may rebuild it while a run goes on. */
    private String jarFingerprint() throws Exception {
        Path jar = root.resolve("server/target/liftsys-server.jar");
        return Files.exists(jar) ? Files.size(jar) + "@" + Files.getLastModifiedTime(jar) : "missing";
    }

    private int run() throws Exception {
        long start = System.nanoTime();
        jar = jarFingerprint();
        Random setup = new Random(seed);
        StressEdits generator = new StressEdits(new Random(seed * 31 + 1));
        Random probes = new Random(seed * 31 + 2);
        Random positions = new Random(seed * 31 + 3);
        for (StressDocuments.Doc doc : StressDocuments.create(documents, setup)) {
            docs.add(new StressEdits.DocState(doc.uri(), doc.text()));
            events.put(doc.uri(), new ArrayList<>());
            JsonObject open = new JsonObject();
            open.addProperty("open", doc.text());
            events.get(doc.uri()).add(open);
            if (!generator.parses(doc.text())) {
                System.out.println("stress: note: " + doc.uri() + " does not parse as generated");
            }
        }
        System.out.printf("stress: %d edits over %d documents (%d lines in all), checkpoint every %d edits, "
                        + "%d positions per document, seed %d%n", totalEdits, docs.size(),
                docs.stream().mapToInt(d -> d.text.lineCount()).sum(), checkpointEvery, positionsPerDocument, seed);
        boolean failed = false;
        try (BenchClient client = BenchClient.start(root, "")) {
            client.onMessage(m -> recordMessage("incremental", m));
            for (StressEdits.DocState d : docs) {
                client.open(d.uri, d.text.text());
            }
            if (mirrored) {
                mirror = BenchClient.start(root, "-Dliftsys.incremental=false");
                mirror.onMessage(m -> recordMessage("mirror", m));
                for (StressEdits.DocState d : docs) {
                    mirror.open(d.uri, d.text.text());
                }
            }
            int nextCheckpoint = checkpointEvery;
            int lastCheckpoint = -1;
            while (edits < totalEdits && !failed) {
                StressEdits.DocState d = docs.get(setup.nextInt(docs.size()));
                int burst = 3 + setup.nextInt(25);
                for (int inBurst = 0; inBurst < burst && edits < totalEdits && !failed; ) {
                    int size = Math.min(notificationSize(setup), nextCheckpoint - edits);
                    List<TextDocumentContentChangeEvent> changes = new ArrayList<>();
                    JsonArray logged = new JsonArray();
                    long g0 = System.nanoTime();
                    for (int k = 0; k < size && edits < totalEdits; k++, edits++, inBurst++) {
                        StressEdits.Change c = generator.next(d);
                        changes.add(apply(d, c, setup, logged));
                    }
                    generateNanos += System.nanoTime() - g0;
                    client.change(d.uri, ++d.version, changes);
                    if (mirror != null) {
                        mirror.change(d.uri, d.version, changes);
                    }
                    notifications++;
                    JsonObject event = new JsonObject();
                    event.addProperty("version", d.version);
                    event.add("changes", logged);
                    events.get(d.uri).add(event);
                    // A question after the edit keeps the server's structure of the document, which its next
                    // edit then updates method-locally. In the middle of an episode that broke the syntax the
                    // server can only parse the whole file, so fewer questions are asked there.
                    if (d.episode == null || probes.nextInt(4) == 0) {
                        failed = !probe(client, d, probes);
                    }
                    long s0 = System.nanoTime();
                    generator.settle(d);
                    generateNanos += System.nanoTime() - s0;
                    if (edits >= nextCheckpoint || edits == totalEdits) {
                        failed = !checkpoint(client, positions);
                        lastCheckpoint = edits;
                        while (nextCheckpoint <= edits) {
                            nextCheckpoint += checkpointEvery;
                        }
                    }
                }
            }
            if (!failed && lastCheckpoint != edits) {
                failed = !checkpoint(client, positions);
            }
        } finally {
            if (mirror != null) {
                mirror.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> refused = serverMessages.stream().filter(m -> m.contains("refused")).toList();
        if (!refused.isEmpty()) {
            failed = true;
            System.out.println("stress: the incremental server refused changes the client made:");
            refused.stream().limit(10).forEach(m -> System.out.println("  " + m));
        }
        int reverts = docs.stream().mapToInt(d -> d.reverts).sum();
        Stats probeStats = Stats.of(probeMillis.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf("stress: after-edit questions: %d (%d answered with an error), p50 %.2f ms, p95 %.2f ms, "
                        + "max %.2f ms; server warnings/errors logged: %d; generator reverts to a parsable text: %d%n",
                probeMillis.size(), probeErrors, probeStats.p50(), probeStats.p95(), probeStats.max(),
                serverMessages.size(), reverts);
        System.out.println("stress: changes by kind: " + generator.kinds);
        System.out.printf("stress: time: generating edits %.1f s, after-edit questions %.1f s, checkpoints %.1f s%n",
                generateNanos / 1e9, probeMillis.stream().mapToDouble(Double::doubleValue).sum() / 1e3,
                checkpointNanos / 1e9);
        serverMessages.stream().limit(5).forEach(m -> System.out.println("  server said: " + m));
        if (mirrored) {
            System.out.printf("stress: mirror: %d after-edit questions also answered by a full-parse server that "
                    + "followed the same edits%n", mirrorComparisons);
        }
        System.out.printf("stress: %s: %d edits in %d notifications over %d documents, %d checkpoints, "
                        + "%d comparisons (%d causalImpact + %d hover), %d mismatches, %.1f s, seed %d%n",
                failed ? "FAILED" : "passed", edits, notifications, docs.size(), checkpoints,
                impactComparisons + hoverComparisons, impactComparisons, hoverComparisons, mismatches, seconds, seed);
        if (jarChanged) {
            return 2;
        }
        writeResults(failed, seconds, probeStats, reverts, generator.kinds);
        return failed ? 1 : 0;
    }

    private static int notificationSize(Random random) {
        int r = random.nextInt(100);
        return r < 60 ? 1 : r < 85 ? 2 : r < 95 ? 3 : 5;
    }

    /** Applies one change to the client's text and makes its LSP form, using the client's own arithmetic. */
    private TextDocumentContentChangeEvent apply(StressEdits.DocState d, StressEdits.Change c, Random random,
                                                 JsonArray logged) {
        StressText t = d.text;
        Position start = t.positionOf(c.start());
        Position end = t.positionOf(c.end());
        if (t.offsetOf(start) != c.start() || t.offsetOf(end) != c.end()) {
            throw new IllegalStateException("the client's own line arithmetic does not round-trip at " + c);
        }
        if (c.end() == t.contentEnd(end.getLine()) && random.nextInt(30) == 0) {
            // LSP: a character past the line's end means the line's end.
            end = new Position(end.getLine(), end.getCharacter() + 1 + random.nextInt(5));
        }
        t.replace(c.start(), c.end(), c.text());
        JsonObject change = new JsonObject();
        change.add("range", range(new Range(start, end)));
        change.addProperty("text", c.text());
        logged.add(change);
        return new TextDocumentContentChangeEvent(new Range(start, end), c.text());
    }

    /** A question right after the edit, as an editor asks: it also keeps the server's structure current. */
    /**
     * Asks the incremental server about the edited document; with --mirror, the full-parse mirror
     * answers too and the two must agree (false, after printing both, when they do not).
     */
    private boolean probe(BenchClient client, StressEdits.DocState d, Random random) throws Exception {
        Position p = d.text.positionOf(random.nextInt(10) < 7 ? nameOffset(d.text, random)
                : randomOffset(d.text, random, 0.8));
        JsonObject event = new JsonObject();
        event.add("probe", position(p));
        events.get(d.uri).add(event);
        long t = System.nanoTime();
        String answer = get(impactText(client.impactAsync(d.uri, p)));
        probeMillis.add((System.nanoTime() - t) / 1e6);
        if (answer.startsWith("error")) {
            probeErrors++;
        }
        boolean hover = random.nextInt(5) == 0;
        String hoverAnswer = hover ? get(hoverText(client.hoverAsync(d.uri, p))) : null;
        if (mirror == null) {
            return true;
        }
        mirrorComparisons++;
        String[][] pairs = {
            {"liftsys/causalImpact", answer, get(impactText(mirror.impactAsync(d.uri, p)))},
            {"hover", hoverAnswer, hover ? get(hoverText(mirror.hoverAsync(d.uri, p))) : null},
        };
        boolean same = true;
        for (String[] pair : pairs) {
            if (pair[1] != null && !pair[1].equals(pair[2])) {
                mismatches++;
                if (same) {
                    printDocument(d);
                }
                same = false;
                System.out.printf("MISMATCH right after edit %d (version %d): %s %d:%d (offset %d), %s%n"
                                + "  incremental server: %s%n  full-parse mirror: %s%n",
                        edits, d.version, d.uri, p.getLine(), p.getCharacter(), d.text.offsetOf(p), pair[0],
                        pair[1], pair[2]);
            }
        }
        return same;
    }

    /** Where a variable's name starts in a random body line (or anywhere, when that line has none). */
    private static int nameOffset(StressText t, Random random) {
        List<Integer> body = StressEdits.bodyLines(t);
        for (int attempt = 0; attempt < 5 && !body.isEmpty(); attempt++) {
            int line = body.get(random.nextInt(body.size()));
            List<Integer> names = StressEdits.names(t, t.lineStart(line), t.contentEnd(line));
            if (!names.isEmpty()) {
                return names.get(random.nextInt(names.size()));
            }
        }
        return randomOffset(t, random, 1.0);
    }

    /** An offset: with probability {@code words}, where an identifier starts in code; else anywhere. */
    private static int randomOffset(StressText t, Random random, double words) {
        if (random.nextDouble() < words) {
            List<Integer> body = StressEdits.bodyLines(t);
            if (!body.isEmpty() && random.nextInt(5) > 0) {
                int line = body.get(random.nextInt(body.size()));
                List<Integer> starts = t.codeWordStarts(t.lineStart(line), t.contentEnd(line));
                if (!starts.isEmpty()) {
                    return starts.get(random.nextInt(starts.size()));
                }
            }
            List<Integer> starts = t.codeWordStarts(0, t.length());
            if (!starts.isEmpty()) {
                return starts.get(random.nextInt(starts.size()));
            }
        }
        return t.snap(random.nextInt(t.length() + 1));
    }

    /** Positions to compare: word starts (most), inside and at the end of words, anywhere, and a few edges. */
    private static List<Position> positions(StressText t, Random random, int count) {
        List<Position> out = new ArrayList<>();
        int last = t.lineCount() - 1;
        out.add(new Position(0, 0));
        out.add(t.positionOf(t.length()));
        out.add(new Position(last + 1, 0));
        int line = random.nextInt(t.lineCount());
        out.add(new Position(line, t.contentEnd(line) - t.lineStart(line) + 1 + random.nextInt(3)));
        while (out.size() < count) {
            int r = random.nextInt(100);
            int offset;
            if (r < 30) {
                offset = nameOffset(t, random);
            } else if (r < 60) {
                offset = randomOffset(t, random, 1.0);
            } else if (r < 75) {
                int w = randomOffset(t, random, 1.0);
                offset = t.snap(w + random.nextInt(Math.max(1, t.wordEnd(w) - w) + 1));
            } else {
                offset = randomOffset(t, random, 0.0);
            }
            out.add(t.positionOf(offset));
        }
        return out;
    }

    private boolean checkpoint(BenchClient incremental, Random random) throws Exception {
        if (!jar.equals(jarFingerprint())) {
            jarChanged = true;
            System.out.println("stress: the server jar was rebuilt during the run (" + jar + " -> " + jarFingerprint()
                    + "); a fresh server would not be the same build as the incremental one, so the run stops. "
                    + "Run it again when the jar is stable.");
            return false;
        }
        checkpoints++;
        long start = System.nanoTime();
        int before = mismatches;
        try (BenchClient fresh = BenchClient.start(root, "-Dliftsys.incremental=false")) {
            fresh.onMessage(m -> recordMessage("full-parse", m));
            for (StressEdits.DocState d : docs) {
                fresh.open(d.uri, d.text.text());
            }
            // Every question is sent before any answer is read, so both servers work all the time.
            List<List<Position>> asked = new ArrayList<>();
            List<List<List<CompletableFuture<String>>>> answers = new ArrayList<>();
            for (StressEdits.DocState d : docs) {
                List<Position> ps = positions(d.text, random, positionsPerDocument);
                List<List<CompletableFuture<String>>> perPosition = new ArrayList<>();
                for (Position p : ps) {
                    perPosition.add(List.of(
                            impactText(incremental.impactAsync(d.uri, p)), impactText(fresh.impactAsync(d.uri, p)),
                            hoverText(incremental.hoverAsync(d.uri, p)), hoverText(fresh.hoverAsync(d.uri, p))));
                }
                asked.add(ps);
                answers.add(perPosition);
            }
            for (int doc = 0; doc < docs.size(); doc++) {
                StressEdits.DocState d = docs.get(doc);
                boolean printed = false;
                for (int i = 0; i < asked.get(doc).size(); i++) {
                    List<CompletableFuture<String>> four = answers.get(doc).get(i);
                    String[][] pairs = {
                        {"liftsys/causalImpact", get(four.get(0)), get(four.get(1))},
                        {"hover", get(four.get(2)), get(four.get(3))},
                    };
                    impactComparisons++;
                    hoverComparisons++;
                    for (String[] pair : pairs) {
                        if (!pair[1].equals(pair[2])) {
                            mismatches++;
                            if (!printed) {
                                printDocument(d);
                                printed = true;
                            }
                            Position p = asked.get(doc).get(i);
                            System.out.printf("MISMATCH after %d edits: %s %d:%d (offset %d), %s%n"
                                            + "  incremental server: %s%n  fresh full-parse server: %s%n",
                                    edits, d.uri, p.getLine(), p.getCharacter(), d.text.offsetOf(p), pair[0],
                                    pair[1], pair[2]);
                        }
                    }
                }
            }
        }
        int found = mismatches - before;
        checkpointNanos += System.nanoTime() - start;
        System.out.printf("stress: checkpoint %d after %d edits: %d documents x %d positions, %d mismatches (%.1f s)%n",
                checkpoints, edits, docs.size(), positionsPerDocument, found, (System.nanoTime() - start) / 1e9);
        return found == 0;
    }

    private static String get(CompletableFuture<String> f) throws Exception {
        return f.get(120, TimeUnit.SECONDS);
    }

    /** The answer's JSON without {@code version} and {@code uri}, or the error's message. */
    private static CompletableFuture<String> impactText(CompletableFuture<JsonObject> answer) {
        return answer.handle((json, error) -> {
            if (error != null) {
                return errorText(error);
            }
            JsonObject copy = json.deepCopy();
            copy.remove("version");
            copy.remove("uri");
            return copy.toString();
        });
    }

    private static CompletableFuture<String> hoverText(CompletableFuture<Hover> hover) {
        return hover.handle((h, error) -> {
            if (error != null) {
                return errorText(error);
            }
            if (h == null) {
                return "null";
            }
            String contents = h.getContents().isRight()
                    ? h.getContents().getRight().getKind() + ": " + h.getContents().getRight().getValue()
                    : String.valueOf(h.getContents().getLeft());
            Range r = h.getRange();
            return contents + " @ " + (r == null ? "no range" : r.getStart().getLine() + ":" + r.getStart().getCharacter()
                    + "-" + r.getEnd().getLine() + ":" + r.getEnd().getCharacter());
        });
    }

    private static String errorText(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ResponseErrorException r) {
            return "error " + r.getResponseError().getCode() + ": " + r.getResponseError().getMessage();
        }
        return "error: " + e;
    }

    private void recordMessage(String server, MessageParams m) {
        if (m.getType() == MessageType.Warning || m.getType() == MessageType.Error) {
            serverMessages.add(server + " " + m.getType() + ": " + m.getMessage());
        }
    }

    /** The document with line numbers and its line breaks shown; its raw text and edit log go to a file. */
    private void printDocument(StressEdits.DocState d) throws Exception {
        StressText t = d.text;
        System.out.println("---- " + d.uri + " (version " + d.version + ", " + t.lineCount() + " lines) ----");
        for (int line = 0; line < t.lineCount(); line++) {
            String br = t.breakAfter(line).replace("\r", "\\r").replace("\n", "\\n");
            System.out.printf("%4d| %s%s%n", line, t.content(line), br.isEmpty() || br.equals("\\n") ? "" : "  ⟨" + br + "⟩");
        }
        System.out.println("---- end of " + d.uri + " ----");
        Path dir = root.resolve("bench/results/stress-failure");
        Files.createDirectories(dir);
        String name = d.uri.substring(d.uri.lastIndexOf('/') + 1);
        Files.writeString(dir.resolve(name + ".txt"), t.text());
        JsonObject log = new JsonObject();
        log.addProperty("uri", d.uri);
        JsonArray list = new JsonArray();
        events.get(d.uri).forEach(list::add);
        log.add("events", list);
        Files.writeString(dir.resolve(name + ".events.json"), log.toString());
        System.out.println("(raw text and the document's events since it was opened: " + root.relativize(dir) + "/"
                + name + ".*)");
    }

    private void writeResults(boolean failed, double seconds, Stats probes, int reverts, Map<String, Integer> kinds)
            throws Exception {
        Map<String, Object> stress = new LinkedHashMap<>();
        stress.put("passed", !failed);
        stress.put("seed", seed);
        stress.put("edits", edits);
        stress.put("notifications", notifications);
        stress.put("documents", docs.size());
        stress.put("checkpoints", checkpoints);
        stress.put("positionsPerDocument", positionsPerDocument);
        stress.put("causalImpactComparisons", impactComparisons);
        stress.put("hoverComparisons", hoverComparisons);
        stress.put("mismatches", mismatches);
        if (mirrored) {
            stress.put("mirrorComparisons", mirrorComparisons);
        }
        stress.put("serverWarningsOrErrors", serverMessages.size());
        stress.put("afterEditQuestions", probes.json());
        stress.put("generatorReverts", reverts);
        stress.put("changesByKind", kinds);
        stress.put("seconds", Stats.round(seconds));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", Machine.describe());
        results.put("stress", stress);
        Path out = root.resolve("bench/results/stress.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(results) + "\n");
        System.out.println("wrote " + root.relativize(out));
    }

    private static JsonObject range(Range r) {
        JsonObject o = new JsonObject();
        o.add("start", position(r.getStart()));
        o.add("end", position(r.getEnd()));
        return o;
    }

    private static JsonObject position(Position p) {
        JsonObject o = new JsonObject();
        o.addProperty("line", p.getLine());
        o.addProperty("character", p.getCharacter());
        return o;
    }
}
