package liftsys.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Invariant 1 for this package: only lsp/ may know LSP4J and JSON libraries. */
class SidecarLayeringTest {
    @Test
    void sidecarImportsNoJsonOrLspLibrary() throws IOException {
        Path sources = Sidecars.root().resolve("server/src/main/java/liftsys/sidecar");
        List<String> violations;
        try (Stream<Path> files = Files.list(sources)) {
            violations = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> lines(f).filter(l -> l.startsWith("import"))
                            .filter(l -> l.contains("com.google.gson") || l.contains("org.eclipse.lsp4j")
                                    || l.contains("liftsys.lsp"))
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
