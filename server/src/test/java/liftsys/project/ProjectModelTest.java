package liftsys.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import liftsys.testing.Trees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project model on a real two-module Maven reactor (server/src/test/resources/projects/multi)
 * with the real Maven on PATH: the first resolve may go online (a fresh machine), later ones run
 * offline from the local repository. No mock of Maven.
 */
class ProjectModelTest {
    private static final Path FIXTURE = Path.of(System.getProperty("liftsys.root", ".."),
            "server/src/test/resources/projects/multi").toAbsolutePath().normalize();

    @TempDir
    static Path shared;
    static Path multi;

    @TempDir
    Path temp;

    @BeforeAll
    static void copyFixture() throws IOException {
        multi = shared.resolve("multi");
        Trees.copy(FIXTURE, multi);
    }

    private ResolveSettings settings(Path cache) {
        return ResolveSettings.defaults().withCacheDir(cache).withTimeout(Duration.ofMinutes(3));
    }

    private ProjectModel model(Path cache) {
        ProjectModel model = new ProjectModel(settings(cache), ProjectListener.NONE);
        model.setWorkspaceRoots(List.of(multi));
        return model;
    }

    @Test
    void aModuleSeesItsSiblingModuleAndItsDeclaredDependency() throws Exception {
        Path invoice = multi.resolve("app/src/main/java/demo/app/Invoice.java");
        try (ProjectModel model = model(temp.resolve("cache"))) {
            ProjectContext early = model.contextNow(invoice, Files.readString(invoice));
            // Maven takes seconds; the answer at once has the source roots and no class path yet.
            assertEquals(ProjectContext.Status.RESOLVING, early.status());
            assertEquals(List.of(multi.resolve("app/src/main/java"), multi.resolve("core/src/main/java")),
                    early.sourceRoots());
            assertEquals(List.of(), early.classPath());

            ProjectContext context = model.context(invoice, Files.readString(invoice)).get(4, TimeUnit.MINUTES);
            assertEquals(ProjectContext.Status.RESOLVED, context.status(), () -> String.valueOf(context.problem()));
            assertEquals(new BuildModule(BuildTool.MAVEN, multi, multi.resolve("app"), multi.resolve("app/pom.xml")),
                    context.module());
            assertEquals(List.of(multi.resolve("core/target/classes"), localRepoJar()), context.classPath());
            assertEquals(List.of(multi.resolve("app/src/main/java"), multi.resolve("core/src/main/java")),
                    context.sourceRoots());
            // Maven's compile phase (for the sibling's output directory) skips javac; with a resources
            // plugin older than 2.7 it still copies resources into target/classes, as the user's build would.
            try (java.util.stream.Stream<Path> written = Files.exists(multi.resolve("core/target"))
                    ? Files.walk(multi.resolve("core/target")) : java.util.stream.Stream.empty()) {
                assertEquals(List.of(), written.filter(p -> p.toString().endsWith(".class")).toList(),
                        "resolving compiles nothing into the project");
            }
        }
    }

    @Test
    void eachFileBelongsToTheModuleThatOwnsIt() throws Exception {
        Path calculator = multi.resolve("core/src/main/java/demo/core/Calculator.java");
        Path check = multi.resolve("app/src/test/java/demo/app/InvoiceCheck.java");
        try (ProjectModel model = model(temp.resolve("cache"))) {
            ProjectContext core = model.context(calculator, Files.readString(calculator)).get(4, TimeUnit.MINUTES);
            assertEquals(multi.resolve("core"), core.module().moduleDir());
            assertEquals(multi.resolve("core/pom.xml"), core.module().buildFile());
            // No dependencies: the module's resources only, as its build puts them beside its classes.
            assertEquals(List.of(multi.resolve("core/src/main/resources")), core.classPath());
            assertEquals(List.of(multi.resolve("core/src/main/java")), core.sourceRoots());

            ProjectContext test = model.context(check, Files.readString(check)).get(4, TimeUnit.MINUTES);
            assertEquals(multi.resolve("app"), test.module().moduleDir());
            assertEquals(List.of(multi.resolve("app/src/test/java"), multi.resolve("app/src/main/java"),
                    multi.resolve("core/src/main/java")), test.sourceRoots());
        }
    }

    @Test
    void aSecondServerReadsTheResolveFromDiskWithoutRunningMaven() throws Exception {
        Path invoice = multi.resolve("app/src/main/java/demo/app/Invoice.java");
        Path cache = temp.resolve("cache");
        ProjectContext first;
        try (ProjectModel model = model(cache)) {
            first = model.context(invoice, "").get(4, TimeUnit.MINUTES);
            assertFalse(model.resolution(invoice).get().fromCache());
        }
        try (ProjectModel model = model(cache)) {
            ProjectContext again = model.contextNow(invoice, "");
            assertEquals(ProjectContext.Status.RESOLVED, again.status(), "answered from the disk cache at once");
            assertTrue(model.resolution(invoice).get().fromCache());
            assertEquals(first.classPath(), again.classPath());
            assertEquals(first.fingerprint(), again.fingerprint());
        }
    }

    @Test
    void theBuildKeyChangesWithAPomsBytesAndNothingElse() throws Exception {
        Path copy = temp.resolve("multi");
        Trees.copy(FIXTURE, copy);
        MavenReactor reactor = MavenReactor.around(copy.resolve("app"), null);
        assertEquals(List.of(copy.resolve("pom.xml"), copy.resolve("core/pom.xml"), copy.resolve("app/pom.xml")),
                reactor.buildFiles());
        String key = BuildFilesKey.of(BuildTool.MAVEN, copy, reactor.buildFiles());

        Files.setLastModifiedTime(copy.resolve("core/pom.xml"), FileTime.fromMillis(0));
        Files.writeString(copy.resolve("core/src/main/java/demo/core/Rates.java"), "// edited\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(key, BuildFilesKey.of(BuildTool.MAVEN, copy, reactor.buildFiles()), "touch and a source edit");

        Files.writeString(copy.resolve("core/pom.xml"), "<!-- edited -->\n", java.nio.file.StandardOpenOption.APPEND);
        assertNotEquals(key, BuildFilesKey.of(BuildTool.MAVEN, copy, reactor.buildFiles()), "a pom's bytes");
    }

    @Test
    void aSavedButUnchangedPomKeepsTheResolveAndAChangedOneResolvesAgain() throws Exception {
        Path copy = temp.resolve("multi");
        Trees.copy(FIXTURE, copy);
        Path invoice = copy.resolve("app/src/main/java/demo/app/Invoice.java");
        try (ProjectModel model = new ProjectModel(settings(temp.resolve("cache")), ProjectListener.NONE)) {
            model.setWorkspaceRoots(List.of(copy));
            var first = model.resolution(invoice);
            first.get(4, TimeUnit.MINUTES);
            assertTrue(model.buildFileChanged(copy.resolve("core/pom.xml")));
            assertSame(first, model.resolution(invoice), "same bytes: nothing to resolve");
            assertFalse(model.buildFileChanged(copy.resolve("core/src/main/java/demo/core/Rates.java")));

            String pom = Files.readString(copy.resolve("app/pom.xml"));
            Files.writeString(copy.resolve("app/pom.xml"), pom.replace("<dependencies>", "<dependencies>\n"
                    + "    <dependency><groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId>"
                    + "<version>3.12.0</version><scope>test</scope></dependency>").replace("3.12.0</version>\n"
                    + "    </dependency>\n  </dependencies>", "3.12.0</version>\n    </dependency>\n  </dependencies>"));
            assertTrue(model.buildFileChanged(copy.resolve("app/pom.xml")));
            var second = model.resolution(invoice);
            assertNotEquals(first.get().key(), second.get(4, TimeUnit.MINUTES).key());
        }
    }

    @Test
    void anUnparsablePomIsAProblemOnThatPomWithItsLineUntilItIsFixed() throws Exception {
        Path project = temp.resolve("broken");
        Path source = write(project.resolve("src/main/java/p/A.java"), "package p;\nclass A {}\n");
        write(project.resolve("pom.xml"), "<project>\n  <modelVersion>4.0.0</modelVersion>\n  <artifactId>x\n</project>\n");
        try (ProjectModel model = new ProjectModel(settings(temp.resolve("cache")), ProjectListener.NONE)) {
            ProjectContext context = model.context(source, Files.readString(source)).get(1, TimeUnit.MINUTES);
            assertEquals(ProjectContext.Status.FAILED, context.status());
            BuildProblem problem = context.problem();
            assertEquals(BuildProblem.Cause.UNPARSABLE_BUILD_FILE, problem.cause());
            assertEquals(project.resolve("pom.xml"), problem.buildFile());
            assertEquals(4, problem.line(), problem.summary());
            assertTrue(problem.message().startsWith("this pom.xml is not well-formed XML"), problem.message());
            assertEquals(List.of(project.resolve("src/main/java")), context.sourceRoots(), "still known");

            // Fixed and saved: the build resolves.
            write(project.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                    + "  <modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>x</artifactId>"
                    + "<version>1</version>\n</project>\n");
            assertTrue(model.buildFileChanged(project.resolve("pom.xml")));
            ProjectContext fixed = model.context(source, Files.readString(source)).get(4, TimeUnit.MINUTES);
            assertEquals(ProjectContext.Status.RESOLVED, fixed.status(), () -> String.valueOf(fixed.problem()));
            assertEquals(List.of(), fixed.classPath());
        }
    }

    @Test
    void anUnknownDependencyNamesItInMavensOwnWords() throws Exception {
        Path project = unknownDependencyProject();
        Path source = project.resolve("src/main/java/p/A.java");
        try (ProjectModel model = new ProjectModel(settings(temp.resolve("cache")), ProjectListener.NONE)) {
            ProjectContext context = model.context(source, "").get(4, TimeUnit.MINUTES);
            assertEquals(ProjectContext.Status.FAILED, context.status());
            BuildProblem problem = context.problem();
            assertEquals(BuildProblem.Cause.RESOLVE_FAILED, problem.cause());
            assertEquals(project.resolve("pom.xml"), problem.buildFile());
            assertTrue(problem.message().startsWith("Maven could not resolve the class path; check the dependencies"),
                    problem.message());
            assertTrue(problem.toolMessage().contains("liftsys.test:no-such-artifact:jar:9.9.9"), problem.toolMessage());
            assertFalse(Files.exists(temp.resolve("cache").resolve(model.resolution(source).get().key() + ".properties")),
                    "a failure is not cached on disk");
        }
    }

    @Test
    void anOfflineResolveThatFailsSaysSoWhenGoingOnlineIsOff() throws Exception {
        Path project = unknownDependencyProject();
        Path source = project.resolve("src/main/java/p/A.java");
        ResolveSettings offline = settings(temp.resolve("cache")).withOnline(false);
        try (ProjectModel model = new ProjectModel(offline, ProjectListener.NONE)) {
            BuildProblem problem = model.context(source, "").get(4, TimeUnit.MINUTES).problem();
            assertEquals(BuildProblem.Cause.RESOLVE_FAILED, problem.cause());
            assertTrue(problem.message().startsWith("Maven could not resolve the class path offline"), problem.message());
            assertTrue(problem.toolMessage().contains("offline"), problem.toolMessage());
        }
    }

    @Test
    void aResolveLongerThanTheTimeoutIsStoppedWithItsProcessTree() throws Exception {
        Path invoice = multi.resolve("app/src/main/java/demo/app/Invoice.java");
        ResolveSettings quick = settings(temp.resolve("cache")).withTimeout(Duration.ofMillis(300));
        try (ProjectModel model = new ProjectModel(quick, ProjectListener.NONE)) {
            ProjectContext context = model.context(invoice, "").get(1, TimeUnit.MINUTES);
            assertEquals(ProjectContext.Status.FAILED, context.status());
            assertEquals(BuildProblem.Cause.TIMEOUT, context.problem().cause());
            assertTrue(context.problem().message().startsWith("Maven did not finish resolving the class path within"),
                    context.problem().message());
        }
        List<String> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("?")).filter(c -> c.contains("maven")).toList();
        assertEquals(List.of(), left);
    }

    @Test
    void aGradleBuildWithoutUsableGradleSaysSoOnItsBuildFile() throws Exception {
        Path build = temp.resolve("gradle");
        write(build.resolve("settings.gradle"), "include 'lib'\n");
        write(build.resolve("build.gradle"), "");
        write(build.resolve("lib/build.gradle"), "plugins { id 'java' }\n");
        Path source = write(build.resolve("lib/src/main/java/q/B.java"), "package q;\nclass B {}\n");
        ResolveSettings noGradle = settings(temp.resolve("cache")).withSearchPath(temp.resolve("empty").toString());
        try (ProjectModel model = new ProjectModel(noGradle, ProjectListener.NONE)) {
            ProjectContext context = model.context(source, Files.readString(source)).get(1, TimeUnit.MINUTES);
            assertEquals(new BuildModule(BuildTool.GRADLE, build, build.resolve("lib"), build.resolve("lib/build.gradle")),
                    context.module());
            assertEquals(ProjectContext.Status.FAILED, context.status());
            assertEquals(BuildProblem.Cause.NO_BUILD_TOOL, context.problem().cause());
            assertTrue(context.problem().message().startsWith("no usable Gradle: there is no Gradle wrapper"),
                    context.problem().message());
            assertEquals(List.of(build.resolve("lib/src/main/java")), context.sourceRoots());
        }
    }

    @Test
    void aFileOfNoBuildHasTheSourceRootItsPackageImplies() throws Exception {
        Path workspace = temp.resolve("ws");
        write(temp.resolve("pom.xml"), "<project/>"); // above the workspace: not this workspace's build
        Path source = write(workspace.resolve("src/a/b/C.java"), "/* package x.y; */\n@Deprecated\npackage a.b;\nclass C {}\n");
        try (ProjectModel model = new ProjectModel(settings(temp.resolve("cache")), ProjectListener.NONE)) {
            model.setWorkspaceRoots(List.of(workspace));
            ProjectContext context = model.contextNow(source, Files.readString(source));
            assertEquals(ProjectContext.Status.NO_BUILD, context.status());
            assertEquals(List.of(workspace.resolve("src")), context.sourceRoots());
            assertNotNull(context.fingerprint());
        }
    }

    @Test
    void theFingerprintChangesWhenAClassPathJarChanges() throws Exception {
        Path jar = write(temp.resolve("lib/a.jar"), "one");
        Path classes = write(temp.resolve("classes/p/A.class"), "x").getParent().getParent();
        String before = ClassPathFingerprint.of(List.of(jar, classes), List.of());
        assertEquals(before, ClassPathFingerprint.of(List.of(jar, classes), List.of()));
        Files.writeString(jar, "two!");
        String jarChanged = ClassPathFingerprint.of(List.of(jar, classes), List.of());
        assertNotEquals(before, jarChanged);
        write(classes.resolve("p/B.class"), "y");
        assertNotEquals(jarChanged, ClassPathFingerprint.of(List.of(jar, classes), List.of()));
    }

    @Test
    void gradlesOutputGivesEachProjectsClassPathAndSourcesAndItsFirstErrorLine() {
        String output = String.join("\n",
                "Starting a Gradle Daemon",
                "LIFTSYS\tmodule\t/w/lib",
                "LIFTSYS\tclasspath\t/r/guava-33.jar",
                "LIFTSYS\tsource\t/w/lib/src/main/java",
                "LIFTSYS\toutput\t/w/lib/build/classes/java/main",
                "LIFTSYS\ttestsource\t/w/lib/src/test/java",
                "LIFTSYS\tmodule\t/w/app",
                "LIFTSYS\tclasspath\t/w/lib/build/classes/java/main",
                "LIFTSYS\tsource\t/w/app/src/main/java");
        assertEquals(Map.of(
                Path.of("/w/lib"), new ModuleClassPath(Path.of("/w/lib"), List.of(Path.of("/r/guava-33.jar"),
                        Path.of("/w/lib/build/classes/java/main")), List.of(Path.of("/w/lib/src/main/java")),
                        List.of(Path.of("/w/lib/src/test/java"))),
                Path.of("/w/app"), new ModuleClassPath(Path.of("/w/app"), List.of(
                        Path.of("/w/lib/build/classes/java/main")), List.of(Path.of("/w/app/src/main/java")), List.of())),
                GradleResolver.parse(output));
        assertEquals("Could not resolve all files for configuration ':compileClasspath'.", GradleResolver.firstError(
                "\nFAILURE: Build failed with an exception.\n\n* What went wrong:\n"
                        + "Could not resolve all files for configuration ':compileClasspath'.\n"));
    }

    private Path unknownDependencyProject() throws IOException {
        Path project = temp.resolve("unknown");
        write(project.resolve("src/main/java/p/A.java"), "package p;\nclass A {}\n");
        write(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>liftsys.test</groupId>
                  <artifactId>unknown</artifactId>
                  <version>1.0</version>
                  <dependencies>
                    <dependency>
                      <groupId>liftsys.test</groupId>
                      <artifactId>no-such-artifact</artifactId>
                      <version>9.9.9</version>
                    </dependency>
                  </dependencies>
                </project>
                """);
        return project;
    }

    private static Path localRepoJar() {
        return Path.of(System.getProperty("user.home"),
                ".m2/repository/org/apache/commons/commons-lang3/3.12.0/commons-lang3-3.12.0.jar");
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
