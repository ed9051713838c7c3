package liftsys.project;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Resolved builds on disk, one properties file per build-files key, so a restarted server does not
 * run the build tool again for an unchanged build. Only complete resolutions are kept: a failure is
 * retried by the next server (the network or the local repository may have changed). An entry
 * whose jars have gone (a cleaned local repository) is a miss. {@link Properties} is the JDK's own
 * format for flat string data; the entries are flat lists of paths.
 */
final class ResolutionStore {
    private final Path dir;

    ResolutionStore(Path dir) {
        this.dir = dir;
    }

    Optional<BuildResolution> load(String key) {
        Path file = dir.resolve(key + ".properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            Map<Path, ModuleClassPath> modules = new LinkedHashMap<>();
            int count = Integer.parseInt(p.getProperty("modules", "0"));
            for (int i = 0; i < count; i++) {
                String prefix = "module." + i + ".";
                Path moduleDir = Path.of(p.getProperty(prefix + "dir"));
                List<Path> classPath = paths(p.getProperty(prefix + "classpath", ""));
                if (classPath.stream().anyMatch(e -> e.toString().endsWith(".jar") && !Files.isRegularFile(e))) {
                    return Optional.empty();
                }
                modules.put(moduleDir, new ModuleClassPath(moduleDir, classPath,
                        paths(p.getProperty(prefix + "sources", "")), paths(p.getProperty(prefix + "testSources", ""))));
            }
            return Optional.of(new BuildResolution(Path.of(p.getProperty("root")),
                    BuildTool.valueOf(p.getProperty("tool")), key, modules, null, true, 0));
        } catch (IOException | RuntimeException unreadable) {
            // A damaged entry is a miss; the build tool runs again and rewrites it.
            return Optional.empty();
        }
    }

    void save(BuildResolution resolution) throws IOException {
        if (resolution.problem() != null) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("tool", resolution.tool().name());
        p.setProperty("root", resolution.buildRoot().toString());
        p.setProperty("modules", Integer.toString(resolution.modules().size()));
        int i = 0;
        for (ModuleClassPath m : resolution.modules().values()) {
            String prefix = "module." + i++ + ".";
            p.setProperty(prefix + "dir", m.moduleDir().toString());
            p.setProperty(prefix + "classpath", join(m.classPath()));
            p.setProperty(prefix + "sources", join(m.sourceRoots()));
            p.setProperty(prefix + "testSources", join(m.testSourceRoots()));
        }
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, resolution.key(), ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "liftsys: class paths of " + resolution.buildRoot() + ", resolved by " + resolution.tool());
        }
        Files.move(temp, dir.resolve(resolution.key() + ".properties"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static String join(List<Path> paths) {
        List<String> parts = new ArrayList<>();
        paths.forEach(x -> parts.add(x.toString()));
        return String.join(File.pathSeparator, parts);
    }

    private static List<Path> paths(String joined) {
        List<Path> out = new ArrayList<>();
        for (String part : joined.split(File.pathSeparator)) {
            if (!part.isEmpty()) {
                out.add(Path.of(part));
            }
        }
        return out;
    }
}
