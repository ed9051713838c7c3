package liftsys.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The workspace's builds: which build and module owns a source file, its source roots at once, and
 * its class path as resolved by the build's own tool in the background. The editor layer calls:
 * <ul>
 *   <li>{@link #setWorkspaceRoots} on {@code initialize} (rootUri, workspaceFolders) and
 *       {@link #changeWorkspaceRoots} on {@code workspace/didChangeWorkspaceFolders};</li>
 *   <li>{@link #buildFileChanged} for each file of {@code workspace/didChangeWatchedFiles} (watch
 *       {@link #BUILD_FILE_GLOBS}) and on {@code didSave} of a build file: a changed build file
 *       re-resolves its build, an unchanged one (same bytes) keeps it;</li>
 *   <li>{@link #contextNow} when it needs the context without waiting (a structural answer never
 *       waits for a build tool), {@link #context} when it can wait for the resolve (quantifying);</li>
 *   <li>{@link #close} on shutdown, which stops running build tools.</li>
 * </ul>
 * Resolves run one at a time on a background thread; concurrent callers share one resolve per
 * build; each resolve is kept on disk by the hash of the build's files ({@link ResolutionStore}).
 * Thread-safe.
 */
public final class ProjectModel implements AutoCloseable {
    /** Globs of the files whose change re-resolves a build, for a file watcher registration. */
    public static final List<String> BUILD_FILE_GLOBS = List.of("**/pom.xml", "**/*.gradle", "**/*.gradle.kts",
            "**/gradle.properties", "**/gradle/libs.versions.toml", "**/gradle-wrapper.properties");

    private final ResolveSettings settings;
    private final ProjectListener listener;
    private final ResolutionStore store;
    private final BuildToolProcess processes = new BuildToolProcess();
    private final MavenResolver maven = new MavenResolver(processes);
    private final GradleResolver gradle = new GradleResolver(processes);
    private final ExecutorService resolver = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "liftsys-build-resolve");
        t.setDaemon(true);
        return t;
    });
    private final List<Path> roots = new CopyOnWriteArrayList<>();
    /** Each build by its root directory. */
    private final Map<Path, BuildState> builds = new ConcurrentHashMap<>();
    /** The build root of each module directory seen, so a question does not reread poms. */
    private final Map<Path, Path> buildOfModule = new ConcurrentHashMap<>();
    /** Fingerprints taken in the last second, so hovers do not stat a class path each time. */
    private final Map<List<List<Path>>, Stamp> fingerprints = new ConcurrentHashMap<>();
    private static final long FINGERPRINT_TTL_NANOS = 1_000_000_000L;

    private record Stamp(long takenAt, String value) {
    }

    public ProjectModel(ResolveSettings settings, ProjectListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.store = new ResolutionStore(settings.cacheDir());
    }

    public void setWorkspaceRoots(List<Path> workspaceRoots) {
        roots.clear();
        workspaceRoots.forEach(r -> roots.add(r.toAbsolutePath().normalize()));
    }

    /** A folder change: builds under removed folders are forgotten (their running resolve ends unheard). */
    public void changeWorkspaceRoots(List<Path> added, List<Path> removed) {
        for (Path r : removed) {
            Path root = r.toAbsolutePath().normalize();
            roots.remove(root);
            builds.keySet().removeIf(b -> b.startsWith(root));
            buildOfModule.keySet().removeIf(m -> m.startsWith(root));
        }
        added.forEach(r -> roots.add(r.toAbsolutePath().normalize()));
    }

    public List<Path> workspaceRoots() {
        return List.copyOf(roots);
    }

    /** The file's context now: never waits for a build tool, but starts its resolve if none ran yet. */
    public ProjectContext contextNow(Path file, String text) {
        Path f = file.toAbsolutePath().normalize();
        BuildState build = buildOf(f);
        if (build == null) {
            Path root = PackageRoot.of(f, text);
            BuildModule none = new BuildModule(BuildTool.NONE, root, root, null);
            List<Path> sources = root == null ? List.of() : List.of(root);
            return new ProjectContext(none, ProjectContext.Status.NO_BUILD, List.of(), sources,
                    fingerprint(List.of(), sources), null);
        }
        return build.contextOf(f, text);
    }

    /** The file's context once its build's resolve has finished (resolved or failed); never fails. */
    public CompletableFuture<ProjectContext> context(Path file, String text) {
        Path f = file.toAbsolutePath().normalize();
        BuildState build = buildOf(f);
        if (build == null) {
            return CompletableFuture.completedFuture(contextNow(f, text));
        }
        return build.resolution.handle((r, e) -> contextNow(f, text));
    }

    /**
     * A file was created, changed or deleted (watched files, or a save). When it is a build file
     * of a known build whose files now hash differently, or whose last resolve failed, the build
     * is resolved again (in the background). Returns whether it was a build file.
     */
    public boolean buildFileChanged(Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (!isBuildFile(f)) {
            return false;
        }
        for (BuildState build : List.copyOf(builds.values())) {
            if (f.startsWith(build.root) || build.buildFiles.contains(f)) {
                BuildResolution done = build.resolution.getNow(null);
                boolean failed = build.layoutProblem != null || (done != null && done.problem() != null);
                boolean stillThere = build.module.buildFile() != null && Files.exists(build.module.buildFile());
                if (stillThere && !failed && locate(build.module.moduleDir()).key.equals(build.key)) {
                    continue; // the same bytes: keep the resolve
                }
                builds.remove(build.root);
                buildOfModule.values().removeIf(build.root::equals);
                if (stillThere) {
                    buildOf(build.module.moduleDir().resolve("any"));
                }
            }
        }
        return true;
    }

    public static boolean isBuildFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return name.equals("pom.xml") || GradleBuild.isBuildFileName(name);
    }

    /** The resolution of a file's build, for progress and tests; completes when the resolve ends. */
    public CompletableFuture<BuildResolution> resolution(Path file) {
        BuildState build = buildOf(file.toAbsolutePath().normalize());
        return build == null ? CompletableFuture.completedFuture(null) : build.resolution;
    }

    @Override
    public void close() {
        resolver.shutdownNow();
        processes.killAll();
    }

    private BuildState buildOf(Path file) {
        Path moduleDir = moduleDirOf(file);
        if (moduleDir == null) {
            return null;
        }
        Path root = buildOfModule.get(moduleDir);
        BuildState known = root == null ? null : builds.get(root);
        if (known != null) {
            return known.holdsSource(file) ? known : null;
        }
        BuildState located = locate(moduleDir);
        if (!located.holdsSource(file)) {
            // Not a source of the build (an example beside a pom, say): the build is not its, and no tool runs.
            return null;
        }
        BuildState build = builds.computeIfAbsent(located.root, r -> located.start());
        buildOfModule.put(moduleDir, build.root);
        return build;
    }

    /** The nearest directory above the file with a build file, no higher than its workspace root. */
    private Path moduleDirOf(Path file) {
        Path ceiling = roots.stream().filter(file::startsWith).max(Comparator.comparingInt(Path::getNameCount))
                .orElse(null);
        for (Path dir = file.getParent(); dir != null && (ceiling == null || dir.startsWith(ceiling));
             dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) || GradleBuild.isModule(dir) || GradleBuild.isRoot(dir)) {
                return dir;
            }
        }
        return null;
    }

    /** Reads the build around a module directory (poms or Gradle files); no build tool runs. */
    private BuildState locate(Path moduleDir) {
        if (Files.isRegularFile(moduleDir.resolve("pom.xml"))) {
            try {
                MavenReactor reactor = MavenReactor.around(moduleDir, null);
                Path owner = reactor.ownerOf(moduleDir.resolve("x"));
                BuildModule module = new BuildModule(BuildTool.MAVEN, reactor.root(), owner, owner.resolve("pom.xml"));
                return new BuildState(module, reactor, null, reactor.buildFiles(), key(BuildTool.MAVEN, reactor.root(),
                        reactor.buildFiles()), null);
            } catch (PomFile.Unreadable e) {
                Path pom = moduleDir.resolve("pom.xml");
                BuildModule module = new BuildModule(BuildTool.MAVEN, moduleDir, moduleDir, pom);
                return new BuildState(module, null, null, List.of(e.problem.buildFile()), "unreadable:" + e.problem,
                        e.problem);
            }
        }
        try {
            GradleBuild build = GradleBuild.around(moduleDir, null);
            Path script = GradleBuild.SCRIPTS.stream().map(moduleDir::resolve).filter(Files::isRegularFile).findFirst()
                    .orElse(GradleBuild.SETTINGS.stream().map(moduleDir::resolve).filter(Files::isRegularFile)
                            .findFirst().orElse(moduleDir.resolve("build.gradle")));
            BuildModule module = new BuildModule(BuildTool.GRADLE, build.root(), moduleDir, script);
            return new BuildState(module, null, build, build.buildFiles(), key(BuildTool.GRADLE, build.root(),
                    build.buildFiles()), null);
        } catch (IOException e) {
            BuildProblem problem = new BuildProblem(BuildProblem.Cause.UNPARSABLE_BUILD_FILE,
                    moduleDir.resolve("build.gradle"), 0, 0, "this Gradle build's files cannot be read: " + e.getMessage(),
                    "");
            BuildModule module = new BuildModule(BuildTool.GRADLE, moduleDir, moduleDir, problem.buildFile());
            return new BuildState(module, null, null, List.of(), "unreadable:" + problem, problem);
        }
    }

    /** The class path's fingerprint, taken again when the last one is older than a second. */
    private String fingerprint(List<Path> classPath, List<Path> sources) {
        long now = System.nanoTime();
        List<List<Path>> key = List.of(List.copyOf(classPath), List.copyOf(sources));
        Stamp stamp = fingerprints.get(key);
        if (stamp == null || now - stamp.takenAt() > FINGERPRINT_TTL_NANOS) {
            if (fingerprints.size() > 256) {
                fingerprints.clear();
            }
            stamp = new Stamp(now, ClassPathFingerprint.of(classPath, sources));
            fingerprints.put(key, stamp);
        }
        return stamp.value();
    }

    private static String key(BuildTool tool, Path root, List<Path> files) {
        try {
            return BuildFilesKey.of(tool, root, files);
        } catch (IOException e) {
            // A build file vanished between listing and reading: a key of its own, resolved again later.
            return "unhashable:" + System.nanoTime();
        }
    }

    /** One build: what was read of it, and its resolve (shared by every caller). */
    private final class BuildState {
        final BuildModule module;
        final Path root;
        final MavenReactor reactor;
        final GradleBuild gradleBuild;
        final List<Path> buildFiles;
        final String key;
        final BuildProblem layoutProblem;
        CompletableFuture<BuildResolution> resolution;

        BuildState(BuildModule module, MavenReactor reactor, GradleBuild gradleBuild, List<Path> buildFiles,
                   String key, BuildProblem layoutProblem) {
            this.module = module;
            this.root = module.buildRoot();
            this.reactor = reactor;
            this.gradleBuild = gradleBuild;
            this.buildFiles = List.copyOf(buildFiles);
            this.key = key;
            this.layoutProblem = layoutProblem;
        }

        BuildState start() {
            if (layoutProblem != null) {
                BuildResolution failed = new BuildResolution(root, module.tool(), key, Map.of(), layoutProblem, false, 0);
                resolution = CompletableFuture.completedFuture(failed);
                listener.resolved(failed);
                return this;
            }
            resolution = store.load(key).map(CompletableFuture::completedFuture).orElse(null);
            if (resolution != null) {
                listener.resolved(resolution.join());
                return this;
            }
            resolution = CompletableFuture.supplyAsync(this::runTool, resolver);
            return this;
        }

        private BuildResolution runTool() {
            long start = System.nanoTime();
            listener.resolving(root, "resolving the " + module.tool().displayName() + " class path of "
                    + root.getFileName());
            BuildResolution result;
            Path work = null;
            try {
                work = Files.createTempDirectory("liftsys-resolve");
                result = reactor != null ? maven.resolve(reactor, key, settings, work)
                        : gradle.resolve(gradleBuild, module.buildFile(), key, settings, work);
                result = result.withMillis((System.nanoTime() - start) / 1_000_000);
                store.save(result);
            } catch (IOException e) {
                result = new BuildResolution(root, module.tool(), key, Map.of(), new BuildProblem(
                        BuildProblem.Cause.RESOLVE_FAILED, module.buildFile(), 0, 0,
                        "the class path could not be resolved: " + e.getMessage(), ""), false,
                        (System.nanoTime() - start) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result = new BuildResolution(root, module.tool(), key, Map.of(), new BuildProblem(
                        BuildProblem.Cause.TIMEOUT, module.buildFile(), 0, 0, "the resolve was stopped", ""), false, 0);
            } finally {
                deleteQuietly(work);
            }
            listener.resolved(result);
            return result;
        }

        /**
         * Whether a Maven module's source or test roots (read from its pom) hold the file, or the
         * build is Gradle's (whose roots are known only once Gradle answers) or unreadable.
         */
        boolean holdsSource(Path file) {
            if (reactor == null || !file.toString().endsWith(".java")) {
                return true;
            }
            PomFile pom = reactor.modules().get(reactor.ownerOf(file));
            return pom == null || pom.sourceRoots().stream().anyMatch(file::startsWith)
                    || pom.testSourceRoots().stream().anyMatch(file::startsWith);
        }

        ProjectContext contextOf(Path file, String text) {
            Path moduleDir = reactor != null ? reactor.ownerOf(file) : gradleModuleOf(file);
            Path buildFile = reactor != null ? reactor.modules().get(moduleDir).pom() : module.buildFile();
            BuildModule owner = new BuildModule(module.tool(), root, moduleDir, buildFile);
            BuildResolution done = resolution.getNow(null);
            ModuleClassPath resolved = done == null ? null : done.modules().get(moduleDir);
            List<Path> classPath = new ArrayList<>(resolved == null ? List.of() : resolved.classPath());
            List<Path> sources = new ArrayList<>();
            List<Path> main = resolved != null ? resolved.sourceRoots() : layoutSourceRoots(moduleDir);
            List<Path> test = resolved != null ? resolved.testSourceRoots() : layoutTestRoots(moduleDir);
            if (test.stream().anyMatch(file::startsWith)) {
                sources.addAll(test);
            }
            main.stream().filter(r -> !sources.contains(r)).forEach(sources::add);
            if (sources.stream().noneMatch(file::startsWith)) {
                Path fromPackage = PackageRoot.of(file, text);
                if (fromPackage != null) {
                    sources.add(0, fromPackage);
                }
            }
            // The module's resources, as the build puts them beside its classes: code reads them
            // (a static initialiser loading its rules), so the worker's class path has them too.
            boolean inTest = test.stream().anyMatch(file::startsWith);
            resourceRoots(moduleDir, inTest).stream().filter(Files::isDirectory).filter(r -> !classPath.contains(r))
                    .forEach(classPath::add);
            ProjectContext.Status status = done == null ? ProjectContext.Status.RESOLVING
                    : resolved != null ? ProjectContext.Status.RESOLVED : ProjectContext.Status.FAILED;
            BuildProblem problem = status == ProjectContext.Status.FAILED ? problemOf(done, buildFile) : null;
            return new ProjectContext(owner, status, classPath, sources, fingerprint(classPath, sources), problem);
        }

        private BuildProblem problemOf(BuildResolution done, Path buildFile) {
            return done.problem() != null ? done.problem() : new BuildProblem(BuildProblem.Cause.RESOLVE_FAILED,
                    buildFile, 0, 0, "the build tool gave no class path for this module", "");
        }

        /** The module's resource directories (Maven's from its pom, Gradle's by convention), test ones first for a test. */
        private List<Path> resourceRoots(Path moduleDir, boolean test) {
            PomFile pom = reactor == null ? null : reactor.modules().get(moduleDir);
            List<Path> main = pom != null ? pom.resourceRoots() : List.of(moduleDir.resolve("src/main/resources"));
            if (!test) {
                return main;
            }
            List<Path> out = new ArrayList<>(pom != null ? pom.testResourceRoots()
                    : List.of(moduleDir.resolve("src/test/resources")));
            out.addAll(main);
            return out;
        }

        /** Before Maven answers: the module's roots and those of the sibling modules it names as dependencies. */
        private List<Path> layoutSourceRoots(Path moduleDir) {
            if (reactor == null) {
                return List.of(moduleDir.resolve("src/main/java"));
            }
            PomFile pom = reactor.modules().get(moduleDir);
            List<Path> out = new ArrayList<>(pom.sourceRoots());
            for (PomFile sibling : reactor.modules().values()) {
                if (pom.dependencyKeys().contains(sibling.key())) {
                    sibling.sourceRoots().stream().filter(r -> !out.contains(r)).forEach(out::add);
                }
            }
            return out;
        }

        private List<Path> layoutTestRoots(Path moduleDir) {
            return reactor == null ? List.of(moduleDir.resolve("src/test/java"))
                    : reactor.modules().get(moduleDir).testSourceRoots();
        }

        /** The deepest module Gradle reported above the file, else the module the file was found in. */
        private Path gradleModuleOf(Path file) {
            BuildResolution done = resolution.getNow(null);
            Path best = null;
            if (done != null) {
                for (Path dir : done.modules().keySet()) {
                    if (file.startsWith(dir) && (best == null || dir.getNameCount() > best.getNameCount())) {
                        best = dir;
                    }
                }
            }
            if (best != null) {
                return best;
            }
            Path found = moduleDirOf(file);
            return found == null ? module.moduleDir() : found;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
