package liftsys.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A hash of what a class path and source path point at, cheap enough to take per question: each
 * entry's path, size and modification time (a rebuilt jar changes it), and for a directory entry
 * (a module's compiled classes) the same of each file in it, up to a bound past which only the
 * directory's own time counts.
 */
public final class ClassPathFingerprint {
    private static final int MAX_FILES_PER_DIRECTORY = 20_000;

    private ClassPathFingerprint() {
    }

    public static String of(List<Path> classPath, List<Path> sourceRoots) {
        MessageDigest sha = BuildFilesKey.sha256();
        for (Path entry : classPath) {
            add(sha, "entry", entry);
            if (Files.isDirectory(entry)) {
                addDirectory(sha, entry);
            }
        }
        for (Path root : sourceRoots) {
            sha.update(("source " + root + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void addDirectory(MessageDigest sha, Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).limit(MAX_FILES_PER_DIRECTORY).sorted()
                    .forEach(f -> add(sha, "file", f));
        } catch (IOException | java.io.UncheckedIOException e) {
            sha.update(("unreadable " + dir + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void add(MessageDigest sha, String kind, Path path) {
        String stamp;
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            stamp = a.size() + " " + a.lastModifiedTime().toMillis();
        } catch (IOException missing) {
            stamp = "missing";
        }
        sha.update((kind + " " + path + " " + stamp + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
