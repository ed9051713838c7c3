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
import liftsys.wire.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the instrumenter makes of every method of every whole source the tests know equals what it
 * made when recorded (in {@code golden/instrumentation.txt}): the traced copy, its columns, slots,
 * kinds, conditional regions, inputs and sampling hints, or the refusal and its message; and, for
 * every definition, the instrumentation with an intervention hook there (or the refusal). First
 * recorded before the single lowering (issue 13, which dropped phantom fields for package
 * qualifiers and fixed a crashing hook); recorded again for issue 15 (collections and maps are
 * sizes, kind 8; chars and Strings take hooks; Strings that parse as numbers in the pool of
 * methods that parse). Compile keys are not recorded: they hash the recorder's text as well. Review the
 * diff of a recording.
 *
 * <p>Run with {@code -Dliftsys.golden.record=true} to write the golden file from the current code.
 */
class InstrumentationGoldenTest {
    private static final String GOLDEN = "/golden/instrumentation.txt";

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
        // The key hashes the recorder's source too: it would churn with every change to the recorder.
        out.add("sources " + im.sources().size());
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
        for (Map.Entry<String, List<String>> e : instrumentations(source).entrySet()) {
            List<String> expected = golden.get(e.getKey());
            if (expected == null) {
                continue; // a source added after the recording
            }
            List<String> actual = e.getValue();
            assertEquals(String.join("\n", expected), String.join("\n", actual), e.getKey());
        }
    }

    @Test
    void everyRecordedMethodIsStillInTheCorpus() {
        List<String> headings = new ArrayList<>();
        Corpus.files().forEach(s -> headings.addAll(instrumentations(s).keySet()));
        assertEquals(List.of(), golden().keySet().stream().filter(h -> !headings.contains(h)).toList());
        assertEquals(95, golden().size(), "methods recorded");
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
