package liftsys.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Invariant 1 for this package: it knows no LSP, and JSON only through its one codec: no file but
 * {@link SidecarCodec} reads or writes JSON (the others may name Gson's annotations and the tree a
 * result arrives in).
 */
class SidecarLayeringTest {
    private static final Set<String> ALLOWED_OUTSIDE_THE_CODEC =
            Set.of("import com.google.gson.annotations.SerializedName;", "import com.google.gson.JsonElement;");

    @Test
    void sidecarKnowsNoLspAndJsonOnlyThroughItsCodec() throws IOException {
        Path sources = Sidecars.root().resolve("server/src/main/java/liftsys/sidecar");
        List<String> violations;
        try (Stream<Path> files = Files.list(sources)) {
            violations = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> lines(f).filter(l -> l.startsWith("import"))
                            .filter(l -> l.contains("org.eclipse.lsp4j") || l.contains("liftsys.lsp")
                                    || (l.contains("com.google.gson")
                                            && !f.getFileName().toString().equals("SidecarCodec.java")
                                            && !ALLOWED_OUTSIDE_THE_CODEC.contains(l)))
                            .map(l -> f.getFileName() + ": " + l))
                    .toList();
        }

        assertEquals(List.of(), violations);
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
