package liftsys.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Java source the tests know: the sources of the graph fixtures (each distinct source once),
 * the test resources, the shipped example and the benchmark's input. The golden tests record what
 * the lowering makes of each of them.
 */
public final class Corpus {
    /** Java files among the test resources, by resource name. */
    public static final List<String> RESOURCES = List.of("/Pricing.java", "/trace/Broken.java",
            "/trace/Constructs.java", "/trace/Edges.java", "/trace/Hostile.java", "/trace/MoreConstructs.java",
            "/trace/Receivers.java", "/trace/Unsupported.java", "/lowering/Qualified.java");

    /** One source: where it comes from, and its text. */
    public record Source(String label, String text) {
        @Override
        public String toString() {
            return label;
        }
    }

    private Corpus() {
    }

    /** The documents that are whole files: test resources, the example, the benchmark input. */
    public static List<Source> files() {
        List<Source> out = new ArrayList<>();
        for (String name : RESOURCES) {
            out.add(new Source(name, Fixtures.read(name)));
        }
        out.add(new Source("bench/inputs/Scoring.java", readRepository("bench/inputs/Scoring.java")));
        return out;
    }

    /** Every source: the files, then each distinct source of the graph fixtures (labelled by its first case). */
    public static List<Source> all() {
        List<Source> out = new ArrayList<>(files());
        Map<String, String> bySource = new LinkedHashMap<>();
        for (Fixtures.Case c : Fixtures.load("/fixtures/graph.txt")) {
            bySource.putIfAbsent(c.source(), "graph.txt: " + c.name());
        }
        bySource.forEach((text, label) -> out.add(new Source(label, text)));
        return out;
    }

    /** A file of the repository, from the {@code liftsys.root} property surefire sets. */
    public static String readRepository(String relative) {
        Path root = Path.of(System.getProperty("liftsys.root", "..")).toAbsolutePath().normalize();
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
