package liftsys.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * A stamp of a project's sources as the worker's compile cache must see them: every {@code .java}
 * file under the source roots (path, size, modification time) and the open documents' texts. A
 * compiled document is reused while its stamp holds; a saved sibling or an edited open document
 * changes it. Walking the roots costs a few milliseconds for a thousand files.
 */
final class SourcePathStamp {
    private SourcePathStamp() {
    }

    static String of(Wire.Project project) {
        if (project.sourcePath().isEmpty() && project.openSources().isEmpty()) {
            return "";
        }
        long hash = 17;
        long files = 0;
        for (String root : project.sourcePath()) {
            hash = 31 * hash + root.hashCode();
            Path dir = Path.of(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    hash = 31 * (31 * (31 * hash + file.hashCode()) + a.size()) + a.lastModifiedTime().toMillis();
                    files++;
                }
            } catch (IOException | UncheckedIOException e) {
                hash = 31 * hash + e.toString().hashCode();
            }
        }
        for (Wire.SourceFile open : List.copyOf(project.openSources())) {
            hash = 31 * (31 * hash + open.path().hashCode()) + open.text().hashCode();
        }
        return "|sources " + files + ":" + Long.toHexString(hash);
    }
}
