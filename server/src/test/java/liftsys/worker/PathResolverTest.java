package liftsys.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The in-JVM layer judges a path by where it really leads. In a directory {@code dir} with
 * {@code out -> ../outside}, {@code rel -> sub}, {@code dangling -> ../outside/new.txt} and
 * {@code loop -> loop}: each row is a path (relative to the test's root), whether the last link
 * is followed, and where it leads.
 */
class PathResolverTest {
    @TempDir
    Path temp;
    Path root;

    @BeforeEach
    void layOut() throws IOException {
        root = temp.toRealPath();
        Path dir = Files.createDirectories(root.resolve("dir"));
        Files.createDirectories(dir.resolve("sub"));
        Files.createDirectories(root.resolve("outside"));
        Files.createSymbolicLink(dir.resolve("out"), Path.of("../outside"));
        Files.createSymbolicLink(dir.resolve("rel"), Path.of("sub"));
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("../outside/new.txt"));
        Files.createSymbolicLink(dir.resolve("loop"), Path.of("loop"));
    }

    @ParameterizedTest
    @CsvSource({
        "dir/file.txt,          true,  dir/file.txt",
        "dir/out/escaped.txt,   true,  outside/escaped.txt",
        "dir/out/escaped.txt,   false, outside/escaped.txt",
        "dir/out,               false, dir/out",
        "dir/out,               true,  outside",
        "dir/rel/../file.txt,   true,  dir/file.txt",
        "dir/out/../dir/x.txt,  true,  dir/x.txt",
        "dir/dangling,          true,  outside/new.txt",
        "dir/dangling,          false, dir/dangling",
        "dir/new/deeper/x.txt,  true,  dir/new/deeper/x.txt",
        "dir/./sub/./x.txt,     true,  dir/sub/x.txt",
    })
    void aPathLeadsWhereItsLinksLead(String path, boolean followLast, String expected) throws IOException {
        assertEquals(root.resolve(expected), PathResolver.resolve(root.resolve(path), followLast));
    }

    @Test
    void aLoopOfLinksIsAnError() {
        assertThrows(IOException.class, () -> PathResolver.resolve(root.resolve("dir/loop/x"), true));
    }

    @Test
    void procLinksLeadIntoProc() throws IOException {
        if (Files.isDirectory(Path.of("/proc/self/fd"))) {
            assertTrue(PathResolver.isProc(PathResolver.resolve(Path.of("/dev/stdin"), true)));
            assertTrue(PathResolver.isProc(PathResolver.resolve(Path.of("/proc/self/fd/0"), true)));
        }
    }
}
