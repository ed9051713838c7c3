package liftsys.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import liftsys.wire.Wire;

/**
 * A stamp of a project's sources as the worker's compile cache must see them: every {@code .java}
 * file under the source roots (path, size, modification time) and the open documents' texts. A
 * compiled document is reused while its stamp holds; a saved sibling or an edited open document
 * changes it. Walking the roots costs a few milliseconds for a thousand files.
 */
final class SourcePathStamp {
    private SourcePathStamp() {
    }

    /** A regular file's size and modification time ("size:millis"), or null for a directory or nothing. */
    static String fileStamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.isRegularFile() ? a.size() + ":" + a.lastModifiedTime().toMillis() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The class path's jar files by size and time, for the compile cache's key: a constant of a
     * rebuilt jar is inlined into the classes compiled against it, so they are compiled again.
     * Directories (a module's classes) are not walked here: the server's fingerprint covers them.
     */
    static String ofClassPath(List<String> classpath) {
        long hash = 17;
        for (String entry : classpath) {
            String stamp = fileStamp(Path.of(entry));
            hash = 31 * hash + (entry + "=" + stamp).hashCode();
        }
        return classpath.isEmpty() ? "" : "|jars " + Long.toHexString(hash);
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
