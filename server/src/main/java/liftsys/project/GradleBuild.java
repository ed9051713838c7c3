package liftsys.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Gradle build as the server sees it before Gradle runs: its root (the directory of
 * {@code settings.gradle(.kts)}, or the module itself) and the files whose hash keys its cache.
 */
record GradleBuild(Path root, List<Path> buildFiles) {
    static final List<String> SCRIPTS = List.of("build.gradle", "build.gradle.kts");
    static final List<String> SETTINGS = List.of("settings.gradle", "settings.gradle.kts");
    private static final Set<String> OTHER_BUILD_FILES = Set.of("gradle.properties", "libs.versions.toml",
            "gradle-wrapper.properties");
    private static final Set<String> NOT_SOURCES = Set.of("build", ".gradle", ".git", "node_modules", "target", "out");
    private static final int MAX_DEPTH = 8;

    static boolean isModule(Path dir) {
        return SCRIPTS.stream().anyMatch(s -> Files.isRegularFile(dir.resolve(s)));
    }

    static boolean isRoot(Path dir) {
        return SETTINGS.stream().anyMatch(s -> Files.isRegularFile(dir.resolve(s)));
    }

    /** The build around a module: up from it to the nearest settings file, no higher than {@code ceiling}. */
    static GradleBuild around(Path moduleDir, Path ceiling) throws IOException {
        Path root = moduleDir;
        for (Path up = moduleDir; up != null && (ceiling == null || up.startsWith(ceiling)); up = up.getParent()) {
            if (isRoot(up)) {
                root = up;
                break;
            }
        }
        return new GradleBuild(root, buildFilesUnder(root));
    }

    static boolean isBuildFileName(String name) {
        return SCRIPTS.contains(name) || SETTINGS.contains(name) || OTHER_BUILD_FILES.contains(name)
                || name.endsWith(".gradle") || name.endsWith(".gradle.kts");
    }

    private static List<Path> buildFilesUnder(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
            walk.filter(p -> root.relativize(p).toString().isEmpty() || !skipped(root.relativize(p)))
                    .filter(Files::isRegularFile)
                    .filter(p -> isBuildFileName(p.getFileName().toString()))
                    .forEach(out::add);
        }
        return out;
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (NOT_SOURCES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }
}
