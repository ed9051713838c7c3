package liftsys.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a Gradle build's class paths by running Gradle itself, the project's wrapper
 * ({@code ./gradlew}) or else a {@code gradle} on PATH, with an init script of ours
 * ({@code classpath.init.gradle}) whose task prints each Java project's main compile class path
 * and source roots as tagged lines. Offline first, then online.
 */
final class GradleResolver {
    private static final String INIT_SCRIPT = "classpath.init.gradle";
    private static final String TASK = "liftsysClassPath";

    private final BuildToolProcess processes;

    GradleResolver(BuildToolProcess processes) {
        this.processes = processes;
    }

    BuildResolution resolve(GradleBuild build, Path buildFile, String key, ResolveSettings settings, Path workDir)
            throws InterruptedException, IOException {
        List<String> gradle = BuildToolProcess.command(build.root(), "gradlew", "gradle", settings.searchPath());
        if (gradle == null) {
            return failed(build, key, new BuildProblem(BuildProblem.Cause.NO_BUILD_TOOL, buildFile, 0, 0,
                    "no usable Gradle: there is no Gradle wrapper (gradlew) in " + build.root()
                            + " and no gradle on PATH, so this build's class path cannot be resolved; add the "
                            + "wrapper to the project or install Gradle", ""));
        }
        Path init = workDir.resolve(INIT_SCRIPT);
        Files.createDirectories(workDir);
        try (InputStream in = GradleResolver.class.getResourceAsStream(INIT_SCRIPT)) {
            Files.copy(in, init, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        BuildToolProcess.Outcome outcome = attempt(gradle, build, init, settings, workDir.resolve("offline.log"), true);
        if (!outcome.succeeded() && !outcome.timedOut() && settings.online()) {
            outcome = attempt(gradle, build, init, settings, workDir.resolve("online.log"), false);
        }
        Map<Path, ModuleClassPath> modules = parse(outcome.output());
        if (outcome.succeeded()) {
            return new BuildResolution(build.root(), BuildTool.GRADLE, key, modules, null, false, 0);
        }
        return new BuildResolution(build.root(), BuildTool.GRADLE, key, modules, problem(outcome, buildFile, settings),
                false, 0);
    }

    private BuildToolProcess.Outcome attempt(List<String> gradle, GradleBuild build, Path init,
                                             ResolveSettings settings, Path log, boolean offline)
            throws InterruptedException {
        List<String> command = new ArrayList<>(gradle);
        command.addAll(List.of("-q", "--console=plain", "--no-daemon", "-I", init.toString(), TASK));
        if (offline) {
            command.add("--offline");
        }
        return processes.run(command, build.root(), settings.timeout(), log);
    }

    /** The tagged lines of the init script: {@code LIFTSYS<TAB>kind<TAB>path}, grouped by module. */
    static Map<Path, ModuleClassPath> parse(String output) {
        Map<Path, List<List<Path>>> byModule = new LinkedHashMap<>();
        List<List<Path>> current = null;
        for (String line : output.split("\\R")) {
            String[] parts = line.split("\t", 3);
            if (parts.length != 3 || !parts[0].equals("LIFTSYS")) {
                continue;
            }
            Path path = Path.of(parts[2]);
            if (parts[1].equals("module")) {
                current = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                byModule.put(path, current);
            } else if (current != null) {
                switch (parts[1]) {
                    case "classpath", "output" -> current.get(0).add(path);
                    case "source" -> current.get(1).add(path);
                    case "testsource" -> current.get(2).add(path);
                    default -> { }
                }
            }
        }
        Map<Path, ModuleClassPath> modules = new LinkedHashMap<>();
        byModule.forEach((dir, lists) -> modules.put(dir, new ModuleClassPath(dir, lists.get(0), lists.get(1),
                lists.get(2))));
        return modules;
    }

    private static BuildProblem problem(BuildToolProcess.Outcome outcome, Path buildFile, ResolveSettings settings) {
        if (outcome.timedOut()) {
            return new BuildProblem(BuildProblem.Cause.TIMEOUT, buildFile, 0, 0, "Gradle did not finish resolving the "
                    + "class path within " + settings.timeout().toSeconds() + " s and was stopped", "");
        }
        if (outcome.startFailure() != null) {
            return new BuildProblem(BuildProblem.Cause.NO_BUILD_TOOL, buildFile, 0, 0,
                    "no usable Gradle: it could not be started, so this build's class path cannot be resolved",
                    outcome.startFailure());
        }
        return new BuildProblem(BuildProblem.Cause.RESOLVE_FAILED, buildFile, 0, 0,
                "Gradle could not resolve the class path; check this build's dependencies and that its Gradle "
                        + "runs on this Java", firstError(outcome.output()));
    }

    /** The line after Gradle's "* What went wrong:", else its first non-blank line. */
    static String firstError(String output) {
        String[] lines = output.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().equals("* What went wrong:")) {
                for (int j = i + 1; j < lines.length; j++) {
                    if (!lines[j].isBlank()) {
                        return lines[j].trim();
                    }
                }
            }
        }
        for (String line : lines) {
            if (!line.isBlank() && !line.startsWith("LIFTSYS\t")) {
                return line.trim().length() > 400 ? line.trim().substring(0, 400) + "..." : line.trim();
            }
        }
        return "";
    }

    private static BuildResolution failed(GradleBuild build, String key, BuildProblem problem) {
        return new BuildResolution(build.root(), BuildTool.GRADLE, key, Map.of(), problem, false, 0);
    }
}
