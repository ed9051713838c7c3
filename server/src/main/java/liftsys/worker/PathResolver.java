package liftsys.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where a path really leads, as the kernel would open it: every link on the way is followed
 * (the last one only when asked), links that point nowhere yet included, and parts that do not
 * exist yet are kept as they are. {@link Path#toRealPath} cannot do this on its own: it fails
 * for a path that does not exist yet, and a file about to be created through a dangling link
 * lands where the link points.
 */
final class PathResolver {
    /** Links followed before giving up, as Linux does (ELOOP). */
    private static final int MAX_LINKS = 40;
    private static final Path PROC = Path.of("/proc");

    private PathResolver() {
    }

    /**
     * The path with its links resolved.
     *
     * @param path an absolute path
     * @param followLast whether a link as the last part is followed (writes and reads) or not
     *     (a delete acts on the link itself)
     * @throws IOException when a link cannot be read or there are too many of them
     */
    static Path resolve(Path path, boolean followLast) throws IOException {
        int[] budget = {MAX_LINKS};
        return resolve(path.getRoot(), path, followLast, budget);
    }

    /** Whether the path is in {@code /proc}, where other processes' open files and memory are. */
    static boolean isProc(Path path) {
        return path.startsWith(PROC);
    }

    private static Path resolve(Path base, Path path, boolean followLast, int[] budget) throws IOException {
        Path current = path.isAbsolute() ? path.getRoot() : base;
        int parts = path.getNameCount();
        for (int i = 0; i < parts; i++) {
            String part = path.getName(i).toString();
            boolean last = i == parts - 1;
            if (part.equals(".") || part.isEmpty()) {
                continue;
            }
            if (part.equals("..")) {
                // current never contains a link here, so its parent is the real parent.
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(part);
            if ((!last || followLast) && isLink(next)) {
                if (--budget[0] < 0) {
                    throw new IOException("too many links in " + path);
                }
                current = resolve(current, Files.readSymbolicLink(next), true, budget);
            } else {
                current = next;
            }
        }
        return current;
    }

    private static boolean isLink(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink();
        } catch (IOException absent) {
            return false;
        }
    }
}
