package liftsys.project;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a Maven reactor's class paths by running Maven itself: {@code dependency:build-classpath}
 * of a pinned maven-dependency-plugin (so poms that do not declare the plugin work), offline first
 * and online if that fails, each module writing its class path to a file of ours named after its
 * directory. Nothing is resolved by hand.
 *
 * <p>Why a lifecycle phase when modules depend on each other: Maven 3 resolves a sibling module to
 * its output directory only when that module's {@code compile} phase ran in the same session
 * ({@code ReactorReader}); so such reactors run {@code compile} with compilation, resources and
 * the usual checks skipped, which compiles nothing and writes nothing into the project.
 */
final class MavenResolver {
    static final String PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";
    private static final List<String> SKIP_IN_COMPILE = List.of("-Dmaven.main.skip=true",
            "-Dmaven.resources.skip=true", "-Denforcer.skip=true", "-Drat.skip=true", "-Djacoco.skip=true",
            "-Dcheckstyle.skip=true", "-Danimal.sniffer.skip=true", "-Dspotless.check.skip=true",
            "-Dmaven.buildNumber.skip=true");
    private static final Pattern ON_PROJECT = Pattern.compile("on project ([^:\\s]+)");

    private final BuildToolProcess processes;

    MavenResolver(BuildToolProcess processes) {
        this.processes = processes;
    }

    BuildResolution resolve(MavenReactor reactor, String key, ResolveSettings settings, Path workDir)
            throws InterruptedException, IOException {
        Path pom = reactor.root().resolve("pom.xml");
        List<String> maven = BuildToolProcess.command(reactor.root(), "mvnw", "mvn", settings.searchPath());
        if (maven == null) {
            return failed(reactor, key, new BuildProblem(BuildProblem.Cause.NO_BUILD_TOOL, pom, 0, 0,
                    "Maven is not installed (no mvn on PATH and no ./mvnw in " + reactor.root()
                            + "), so this build's class path cannot be resolved; install Maven", ""));
        }
        BuildToolProcess.Outcome offline = attempt(maven, reactor, settings.timeout(), workDir.resolve("offline"), true);
        Map<Path, ModuleClassPath> modules = read(reactor, workDir.resolve("offline"));
        if (offline.succeeded() && modules.size() == reactor.modules().size()) {
            return new BuildResolution(reactor.root(), BuildTool.MAVEN, key, modules, null, false, 0);
        }
        if (offline.timedOut() || !settings.online()) {
            return new BuildResolution(reactor.root(), BuildTool.MAVEN, key, modules,
                    problem(reactor, offline, settings.timeout(), true), false, 0);
        }
        BuildToolProcess.Outcome online = attempt(maven, reactor, settings.timeout(), workDir.resolve("online"), false);
        Map<Path, ModuleClassPath> onlineModules = read(reactor, workDir.resolve("online"));
        return new BuildResolution(reactor.root(), BuildTool.MAVEN, key,
                onlineModules.size() >= modules.size() ? onlineModules : modules,
                online.succeeded() ? null : problem(reactor, online, settings.timeout(), false), false, 0);
    }

    private BuildToolProcess.Outcome attempt(List<String> maven, MavenReactor reactor, Duration timeout, Path out,
                                             boolean offline) throws InterruptedException {
        List<String> command = new ArrayList<>(maven);
        command.addAll(List.of("-B", "-fae", "-Dstyle.color=never"));
        if (offline) {
            command.add("-o");
        }
        if (reactor.hasInterModuleDependencies()) {
            command.addAll(SKIP_IN_COMPILE);
            command.add("compile");
        }
        command.add(PLUGIN);
        // Maven fills in each module's directory: one file per module, found by its directory.
        command.add("-Dmdep.outputFile=" + out + "/m${project.basedir}/classpath.txt");
        return processes.run(command, reactor.root(), timeout, out.resolve("maven.log"));
    }

    /** Each module whose class path file Maven wrote, with its source roots and its siblings'. */
    private static Map<Path, ModuleClassPath> read(MavenReactor reactor, Path out) throws IOException {
        Map<Path, ModuleClassPath> modules = new LinkedHashMap<>();
        for (Map.Entry<Path, PomFile> e : reactor.modules().entrySet()) {
            Path file = Path.of(out + "/m" + e.getKey(), "classpath.txt");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            List<Path> classPath = new ArrayList<>();
            List<Path> sources = new ArrayList<>(e.getValue().sourceRoots());
            for (String entry : Files.readString(file).trim().split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path path = Path.of(entry);
                classPath.add(path);
                PomFile sibling = reactor.moduleWithOutput(path);
                if (sibling != null) {
                    sibling.sourceRoots().stream().filter(r -> !sources.contains(r)).forEach(sources::add);
                }
            }
            modules.put(e.getKey(), new ModuleClassPath(e.getKey(), classPath, sources, e.getValue().testSourceRoots()));
        }
        return modules;
    }

    private static BuildProblem problem(MavenReactor reactor, BuildToolProcess.Outcome outcome, Duration timeout,
                                        boolean offline) {
        Path rootPom = reactor.root().resolve("pom.xml");
        if (outcome.timedOut()) {
            return new BuildProblem(BuildProblem.Cause.TIMEOUT, rootPom, 0, 0, "Maven did not finish resolving the "
                    + "class path within " + timeout.toSeconds() + " s and was stopped; run `mvn "
                    + "dependency:build-classpath` in " + reactor.root() + " to see what it waits for", "");
        }
        if (outcome.startFailure() != null) {
            return new BuildProblem(BuildProblem.Cause.NO_BUILD_TOOL, rootPom, 0, 0,
                    "Maven could not be started, so this build's class path cannot be resolved", outcome.startFailure());
        }
        String error = firstError(outcome.output());
        String advice = offline
                ? "Maven could not resolve the class path offline, and going online is turned off; run `mvn "
                        + "dependency:go-offline` once, or check the dependencies in this pom.xml"
                : "Maven could not resolve the class path; check the dependencies in this pom.xml";
        Path pom = pomOf(reactor, error);
        return new BuildProblem(BuildProblem.Cause.RESOLVE_FAILED, pom, dependencyLine(pom, error), 0, advice, error);
    }

    private static final Pattern COORDINATES = Pattern.compile("([\\w.\\-]+):([\\w.\\-]+):(?:[\\w\\-]+:)?[\\w.\\-]+");

    /**
     * The 1-based line of the pom that declares the artifact Maven's error names
     * ("... artifact org.x:y:jar:1.0 ..."), or 0 when no line of the pom names it.
     */
    static int dependencyLine(Path pom, String error) {
        Matcher m = COORDINATES.matcher(error);
        List<String> lines;
        try {
            lines = Files.readAllLines(pom);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        while (m.find()) {
            if (error.substring(0, m.start()).endsWith("project ")) {
                continue; // "... for project g:a:jar:1": the module itself, not the dependency
            }
            String artifact = "<artifactId>" + m.group(2) + "</artifactId>";
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(artifact)) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    /** The pom of the module Maven's error names ("... on project app: ..."), else the root's. */
    private static Path pomOf(MavenReactor reactor, String error) {
        Matcher m = ON_PROJECT.matcher(error);
        if (m.find()) {
            for (PomFile pom : reactor.modules().values()) {
                if (pom.artifactId().equals(m.group(1))) {
                    return pom.pom();
                }
            }
        }
        return reactor.root().resolve("pom.xml");
    }

    /** Maven's first {@code [ERROR]} line, without the prefix and the "-> [Help 1]" link. */
    static String firstError(String output) {
        for (String line : output.split("\\R")) {
            String l = line.replaceAll("\u001B\\[[;\\d]*m", "").trim();
            if (l.startsWith("[ERROR]")) {
                String text = l.substring(7).replace("-> [Help 1]", "").trim();
                if (!text.isEmpty()) {
                    return text.length() > 400 ? text.substring(0, 400) + "..." : text;
                }
            }
        }
        return "";
    }

    private static BuildResolution failed(MavenReactor reactor, String key, BuildProblem problem) {
        return new BuildResolution(reactor.root(), BuildTool.MAVEN, key, Map.of(), problem, false, 0);
    }
}
