package liftsys.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The cache key of a build's resolution: a SHA-256 over an unambiguous encoding of the resolver's
 * version, the tool, the build's directory and every build file's path and bytes. Touching a file
 * keeps the key; changing a byte of any pom (or Gradle script) changes it.
 */
final class BuildFilesKey {
    /** Bumped when what a resolution records, or how, changes: old cache entries then miss. */
    static final String RESOLVER_VERSION = "1";

    private BuildFilesKey() {
    }

    static String of(BuildTool tool, Path root, List<Path> buildFiles) throws IOException {
        List<Path> sorted = new ArrayList<>(buildFiles);
        sorted.sort(null);
        MessageDigest sha = sha256();
        field(sha, RESOLVER_VERSION.getBytes(StandardCharsets.UTF_8));
        field(sha, tool.name().getBytes(StandardCharsets.UTF_8));
        field(sha, root.toString().getBytes(StandardCharsets.UTF_8));
        for (Path file : sorted) {
            field(sha, root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            field(sha, Files.readAllBytes(file));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Length-prefixed, so no two different lists of fields encode alike. */
    private static void field(MessageDigest sha, byte[] bytes) {
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
