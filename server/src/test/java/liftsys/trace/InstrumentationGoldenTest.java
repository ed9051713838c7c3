package liftsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import liftsys.ir.Definition;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.MethodGraph;
import liftsys.testing.Corpus;
import liftsys.testing.Fixtures;
import liftsys.testing.GraphText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the instrumenter makes of every method of every whole source the tests know equals what it
 * made before the single lowering (recorded in {@code golden/instrumentation.txt}): the traced copy,
 * its columns, slots, kinds, conditional regions, inputs and sampling hints, or the refusal and its
 * message; and, for every definition, the instrumentation with an intervention hook there (or the
 * refusal). The worker is unchanged, so equal instrumentations record equal traces.
 *
 * <p>Run with {@code -Dliftsys.golden.record=true} to write the golden file from the current code.
 */
class InstrumentationGoldenTest {
    private static final String GOLDEN = "/golden/instrumentation.txt";

    /**
     * Methods whose graph lost a phantom field node for a package qualifier ({@code java} in
     * {@code java.util.List.of}): their columns lose it and the slots after it move down by one.
     */
    private static final Map<String, String> PHANTOMS = Map.of(
            "### /lowering/Qualified.java :: Qualified.sizeOf(int, int) METHOD", "this.java@in",
            "### /lowering/Qualified.java :: Qualified.larger(int, int) METHOD", "this.java@in",
            "### /lowering/Qualified.java :: Qualified.withField(int) METHOD", "this.java@in",
            "### /lowering/Qualified.java :: Qualified.joined(String) METHOD", "this.java@in");

    /**
     * Hooks the old instrumenter crashed on (hooking {@code j} in {@code int j = i++;} left
     * {@code i++} without a parent), now instrumented: the only line allowed to change.
     */
    private static final Map<String, String> CRASHES_FIXED = Map.of(
            "### /trace/Constructs.java :: Constructs.postfix(int) METHOD", "hook j@1");

    static Stream<Corpus.Source> sources() {
        return Corpus.files().stream();
    }

    static Map<String, List<String>> instrumentations(Corpus.Source source) {
        JavaDocument document = new DocumentParser(new GraphCache(256)).parse(source.text());
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Member m : document.members()) {
            MethodGraph graph = document.graphOf(m);
            List<String> lines = new ArrayList<>();
            lines.addAll(describe(() -> instrument(document, m, graph, Set.of()), true));
            for (Definition d : graph.definitions()) {
                lines.add("hook " + d.id());
                lines.addAll(describe(() -> instrument(document, m, graph, Set.of(d.id())), false));
            }
            out.put(GraphText.heading(source.label(), m), lines);
        }
        return out;
    }

    /** The one call into the instrumenter, so the test follows its signature. */
    static InstrumentedMethod instrument(JavaDocument document, Member m, MethodGraph graph, Set<String> hooked)
            throws TraceException {
        return Instrumenter.instrument(document, m, graph, hooked);
    }

    private interface Instrumentation {
        InstrumentedMethod get() throws TraceException;
    }

    private static List<String> describe(Instrumentation call, boolean full) {
        InstrumentedMethod im;
        try {
            im = call.get();
        } catch (TraceException e) {
            return List.of("refused " + e.reason() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return List.of("crashed " + e);
        }
        List<String> out = new ArrayList<>();
        if (!full) {
            out.add("hooks " + im.hookTypes() + " traced " + digest(im.tracedSource()));
            return out;
        }
        out.add("class " + im.className() + " in " + im.sources().get(0).path() + " as " + im.methodName());
        out.add("copy " + im.copyStart() + ".." + im.copyEnd());
        out.add("columns " + im.columns());
        out.add("slotVariable " + Arrays.toString(im.slotVariable()));
        out.add("staticKinds " + Arrays.toString(im.staticKinds()));
        out.add("regions " + Arrays.deepToString(im.regions()));
        for (Wire.InputSpec in : im.inputs()) {
            out.add("input " + in.column() + " " + in.name() + " field=" + in.field() + " index=" + in.parameterIndex()
                    + " numbers=" + Arrays.toString(in.numbers()) + " type=" + im.inputTypes().get(in.column()));
        }
        out.add("inputTypes " + im.inputTypes());
        out.add("numbers " + Arrays.toString(im.numbers()));
        out.add("strings " + im.strings());
        out.add("chars " + im.chars());
        out.add("hookTypes " + im.hookTypes());
        out.add("sources " + im.sources().size() + " key " + im.key());
        im.tracedSource().lines().forEach(l -> out.add("| " + l));
        return out;
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, List<String>> golden() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Fixtures.read(GOLDEN).split("\n")) {
            if (line.startsWith("### ")) {
                current = new ArrayList<>();
                out.put(line, current);
            } else if (!line.isEmpty() && current != null) {
                current.add(line);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void everyInstrumentationEqualsTheRecordedOne(Corpus.Source source) {
        Map<String, List<String>> golden = golden();
        Map<String, Boolean> constantsAdded = constantsAdded(source);
        for (Map.Entry<String, List<String>> e : instrumentations(source).entrySet()) {
            List<String> expected = golden.get(e.getKey());
            if (expected == null) {
                continue; // a source added after the recording
            }
            List<String> actual = withoutConstantsMethod(e.getValue(), expected,
                    constantsAdded.getOrDefault(e.getKey(), false));
            if (PHANTOMS.containsKey(e.getKey())) {
                expected = withoutPhantom(expected, PHANTOMS.get(e.getKey()));
                actual = actual.stream().map(InstrumentationGoldenTest::withoutHashes).toList();
            } else if (CRASHES_FIXED.containsKey(e.getKey())) {
                expected = withCrashFixed(expected, e.getValue(), CRASHES_FIXED.get(e.getKey()));
            }
            assertEquals(String.join("\n", withoutKey(expected)), String.join("\n", withoutKey(actual)), e.getKey());
        }
    }

    /** Per method, whether its instrumentation has a constants method after the traced copy. */
    static Map<String, Boolean> constantsAdded(Corpus.Source source) {
        JavaDocument document = new DocumentParser(new GraphCache(256)).parse(source.text());
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Member m : document.members()) {
            try {
                InstrumentedMethod im = instrument(document, m, document.graphOf(m), Set.of());
                out.put(GraphText.heading(source.label(), m), im.constants() > 0);
            } catch (TraceException | RuntimeException e) {
                out.put(GraphText.heading(source.label(), m), false);
            }
        }
        return out;
    }

    /**
     * The instrumentation without the constants method added after the traced copy since the
     * recording (issue 15: the constants the method compares its inputs with, evaluated in the
     * worker; {@code FeedbackSamplingTest} checks what they do): the copy's end and the compile
     * key, which it moves, are the recorded ones then, and the copy itself must be as recorded.
     */
    static List<String> withoutConstantsMethod(List<String> actual, List<String> recorded, boolean added) {
        if (!added) {
            return actual;
        }
        List<String> out = new ArrayList<>();
        for (String line : actual) {
            if (line.startsWith("copy ") || line.startsWith("sources ")) {
                String head = line.substring(0, line.indexOf(' '));
                out.add(recorded.stream().filter(l -> l.startsWith(head + " ")).findFirst().orElse(line));
            } else {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * The lines without the compiled sources' key: it hashes the recorder's source too, which changes
     * with the worker (issue 16: experiments' drawn values, which definitions ran), not with the
     * instrumentation; the traced copy below it is compared in full.
     */
    static List<String> withoutKey(List<String> lines) {
        return lines.stream().map(l -> l.startsWith("sources ") ? l.replaceAll(" key [0-9a-f]+$", "") : l).toList();
    }

    /**
     * The recorded instrumentation without the phantom's column: gone from the columns, slots,
     * kinds and hooks, and every slot and variable after it one lower in the traced copy (whose
     * hash, the compile key, differs then too).
     */
    static List<String> withoutPhantom(List<String> recorded, String phantom) {
        List<String> columns = List.of(recorded.stream().filter(l -> l.startsWith("columns ")).findFirst()
                .orElseThrow().substring("columns [".length()).replace("]", "").split(", "));
        int gone = columns.indexOf(phantom);
        assertTrue(gone >= 0, phantom + " is a recorded column");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < recorded.size(); i++) {
            String line = recorded.get(i);
            if (line.equals("hook " + phantom)) {
                i++;
            } else if (line.startsWith("columns ") || line.startsWith("slotVariable ")
                    || line.startsWith("staticKinds ")) {
                String head = line.substring(0, line.indexOf('[') + 1);
                List<String> items = new ArrayList<>(List.of(line.substring(head.length(), line.length() - 1)
                        .split(", ")));
                items.remove(gone);
                if (line.startsWith("slotVariable ")) {
                    items.replaceAll(v -> Integer.parseInt(v) > gone ? Integer.toString(Integer.parseInt(v) - 1) : v);
                }
                out.add(head + String.join(", ", items) + "]");
            } else if (line.startsWith("sources ") || line.startsWith("hooks ")) {
                out.add(withoutHashes(line));
            } else if (line.startsWith("| ")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$ls\\.(\\w)\\((\\d+), (\\d+)")
                        .matcher(line);
                StringBuilder renumbered = new StringBuilder();
                while (m.find()) {
                    int slot = Integer.parseInt(m.group(2));
                    int variable = Integer.parseInt(m.group(3));
                    m.appendReplacement(renumbered, "\\$ls." + m.group(1) + "(" + (slot > gone ? slot - 1 : slot) + ", "
                            + (variable > gone ? variable - 1 : variable));
                }
                m.appendTail(renumbered);
                out.add(renumbered.toString());
            } else {
                out.add(line);
            }
        }
        return out;
    }

    /** A line without the hash of the traced text (the compile key, a hooked copy's digest). */
    static String withoutHashes(String line) {
        if (line.startsWith("sources ")) {
            return line.substring(0, line.indexOf(" key ")) + " key (differs)";
        }
        if (line.startsWith("hooks ")) {
            return line.substring(0, line.indexOf(" traced ")) + " traced (differs)";
        }
        return line;
    }

    /** The recorded instrumentation with the one crashed hook replaced by what is made now. */
    static List<String> withCrashFixed(List<String> recorded, List<String> now, String hook) {
        int at = recorded.indexOf(hook);
        assertTrue(at >= 0 && recorded.get(at + 1).startsWith("crashed "), hook + " crashed before");
        assertTrue(now.get(at + 1).startsWith("hooks "), hook + " is instrumented now: " + now.get(at + 1));
        List<String> out = new ArrayList<>(recorded);
        out.set(at + 1, now.get(at + 1));
        return out;
    }

    @Test
    void everyRecordedMethodIsStillInTheCorpus() {
        List<String> headings = new ArrayList<>();
        Corpus.files().forEach(s -> headings.addAll(instrumentations(s).keySet()));
        assertEquals(List.of(), golden().keySet().stream().filter(h -> !headings.contains(h)).toList());
        assertEquals(93, golden().size(), "methods recorded before the lowering");
    }

    /** Writes the golden file; runs only when asked to. */
    @Test
    @EnabledIfSystemProperty(named = "liftsys.golden.record", matches = "true")
    void record() throws IOException {
        StringBuilder out = new StringBuilder();
        for (Corpus.Source s : Corpus.files()) {
            instrumentations(s).forEach((heading, lines) -> {
                out.append(heading).append('\n');
                lines.forEach(l -> out.append(l).append('\n'));
                out.append('\n');
            });
        }
        Path file = Path.of(System.getProperty("liftsys.root", ".."), "server/src/test/resources" + GOLDEN);
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }
}
