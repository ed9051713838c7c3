package liftsys.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Maven build as the server sees it before Maven runs: the reactor's root and every module's
 * pom, read by {@link PomFile}. Used to find the module that owns a file, the source roots of the
 * module and of the sibling modules it depends on, and the build files whose hash keys the cache.
 *
 * @param root    the directory Maven runs in (the topmost pom that lists the module, transitively)
 * @param modules every module's pom by module directory, the root first, in reactor listing order
 */
record MavenReactor(Path root, Map<Path, PomFile> modules) {

    /**
     * The reactor that contains the module in {@code moduleDir}: up from it while the parent
     * directory's pom lists the child as a module, no higher than {@code ceiling} (a workspace
     * root; null for no bound).
     */
    static MavenReactor around(Path moduleDir, Path ceiling) throws PomFile.Unreadable {
        Path root = moduleDir;
        for (Path up = moduleDir.getParent(); up != null && within(up, ceiling); up = up.getParent()) {
            Path pom = up.resolve("pom.xml");
            if (!Files.isRegularFile(pom) || !PomFile.read(pom).modules().contains(root)) {
                break;
            }
            root = up;
        }
        Map<Path, PomFile> modules = new LinkedHashMap<>();
        collect(root, modules);
        return new MavenReactor(root, modules);
    }

    private static boolean within(Path dir, Path ceiling) {
        return ceiling == null || dir.startsWith(ceiling);
    }

    private static void collect(Path dir, Map<Path, PomFile> into) throws PomFile.Unreadable {
        Path pom = dir.resolve("pom.xml");
        if (into.containsKey(dir) || !Files.isRegularFile(pom)) {
            return;
        }
        PomFile file = PomFile.read(pom);
        into.put(dir, file);
        for (Path module : file.modules()) {
            collect(module, into);
        }
    }

    /** The module directory that owns {@code file}: the deepest module directory above it. */
    Path ownerOf(Path file) {
        Path best = root;
        for (Path dir : modules.keySet()) {
            if (file.startsWith(dir) && dir.getNameCount() > best.getNameCount()) {
                best = dir;
            }
        }
        return best;
    }

    /** Every pom of the reactor: what the class path can depend on, so what keys its cache. */
    List<Path> buildFiles() {
        List<Path> out = new ArrayList<>();
        modules.values().forEach(m -> out.add(m.pom()));
        return out;
    }

    /** Whether any module depends on another module of this reactor (Maven then needs a lifecycle phase). */
    boolean hasInterModuleDependencies() {
        Set<String> keys = new java.util.HashSet<>();
        modules.values().forEach(m -> keys.add(m.key()));
        return modules.values().stream().anyMatch(m -> m.dependencyKeys().stream().anyMatch(keys::contains));
    }

    /** The module whose main classes Maven compiles to {@code directory}, or null. */
    PomFile moduleWithOutput(Path directory) {
        for (PomFile m : modules.values()) {
            if (m.outputDirectory().equals(directory)) {
                return m;
            }
        }
        return null;
    }
}
