package liftsys.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import liftsys.testing.Corpus;
import liftsys.testing.Fixtures;
import liftsys.testing.GraphText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The graph of every method of every source the tests know equals, node for node, edge for edge
 * and occurrence for occurrence, the graph recorded in {@code golden/graphs.txt} before the single
 * lowering replaced GraphBuilder. The only differences allowed are listed in {@link #PHANTOMS}:
 * the field nodes the old builder made of package qualifiers ({@code java.util.List.of(...)}).
 *
 * <p>Run with {@code -Dliftsys.golden.record=true} to write the golden file from the current code
 * (only ever done on the code before the change it guards).
 */
class GraphGoldenTest {
    private static final String GOLDEN = "/golden/graphs.txt";

    /** Per method heading, the variables the old builder made of package qualifiers. */
    private static final Map<String, Set<String>> PHANTOMS = Map.of(
            "### /lowering/Qualified.java :: Qualified.sizeOf(int, int) METHOD", Set.of("this.java"),
            "### /lowering/Qualified.java :: Qualified.larger(int, int) METHOD", Set.of("this.java"),
            "### /lowering/Qualified.java :: Qualified.withField(int) METHOD", Set.of("this.java"),
            "### /lowering/Qualified.java :: Qualified.joined(String) METHOD", Set.of("this.java"));

    static Stream<Corpus.Source> sources() {
        return Corpus.all().stream();
    }

    /** The current graphs of one source, by member heading. */
    static Map<String, List<String>> graphs(Corpus.Source source) {
        JavaDocument document = new DocumentParser(new GraphCache(256)).parse(source.text());
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Member m : document.members()) {
            out.put(GraphText.heading(source.label(), m), GraphText.lines(document.graphOf(m)));
        }
        return out;
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
    void everyGraphEqualsTheRecordedOne(Corpus.Source source) {
        Map<String, List<String>> golden = golden();
        int compared = 0;
        for (Map.Entry<String, List<String>> e : graphs(source).entrySet()) {
            List<String> expected = golden.get(e.getKey());
            if (expected == null) {
                continue; // a source added after the recording: the fixture tests cover it
            }
            assertEquals(String.join("\n", withoutPhantoms(e.getKey(), expected)), String.join("\n", e.getValue()),
                    e.getKey());
            compared++;
        }
        assertTrue(compared > 0 || source.label().contains("Broken") || !golden.keySet().stream()
                .anyMatch(h -> h.startsWith("### " + source.label() + " :: ")), source + ": nothing compared");
    }

    @Test
    void everyRecordedMethodIsStillInTheCorpus() {
        List<String> headings = new ArrayList<>();
        Corpus.all().forEach(s -> headings.addAll(graphs(s).keySet()));
        List<String> missing = golden().keySet().stream().filter(h -> !headings.contains(h)).toList();
        assertEquals(List.of(), missing);
        assertEquals(160, golden().size(), "methods recorded before the lowering");
    }

    /** The recorded lines without the listed phantom variables and everything that names them. */
    static List<String> withoutPhantoms(String heading, List<String> lines) {
        Set<String> phantoms = PHANTOMS.getOrDefault(heading, Set.of());
        if (phantoms.isEmpty()) {
            return lines;
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            boolean names = false;
            for (String token : line.split("[ \\[\\],]+")) {
                String variable = token.contains("@") ? token.substring(0, token.indexOf('@')) : token;
                names |= phantoms.contains(variable);
            }
            if (!names) {
                out.add(line);
            }
        }
        return out;
    }

    /** Writes the golden file (from the code before the change it guards); runs only when asked to. */
    @Test
    @EnabledIfSystemProperty(named = "liftsys.golden.record", matches = "true")
    void record() throws IOException {
        StringBuilder out = new StringBuilder();
        for (Corpus.Source s : Corpus.all()) {
            graphs(s).forEach((heading, lines) -> {
                out.append(heading).append('\n');
                lines.forEach(l -> out.append(l).append('\n'));
                out.append('\n');
            });
        }
        Path file = Path.of(System.getProperty("liftsys.root", ".."), "server/src/test/resources" + GOLDEN);
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }
}
