package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.project.ProjectContext;
import liftsys.project.ProjectListener;
import liftsys.project.ProjectModel;
import liftsys.project.ResolveSettings;
import liftsys.testing.Trees;
import liftsys.trace.Trace;
import liftsys.trace.TraceException;
import liftsys.trace.TraceProject;
import liftsys.trace.TraceRequest;
import liftsys.trace.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracing a method of a real Maven project (server/src/test/resources/projects/multi, resolved by
 * the real Maven): its file compiles with the sibling sources it uses, against the build's class
 * path, and runs in one class loader with the dependency's classes, so a package-private helper
 * of the dependency can be called. Every recorded return value is checked against the Java the
 * method runs, recomputed here from the recorded inputs.
 */
class ProjectTracingTest {
    private static final Path FIXTURE = Path.of(System.getProperty("liftsys.root", ".."),
            "server/src/test/resources/projects/multi").toAbsolutePath().normalize();
    private static final int SAMPLES = 60;

    @TempDir
    static Path temp;
    static Path multi;
    static ProjectModel model;
    static Tracer tracer;

    @BeforeAll
    static void start() throws IOException {
        multi = Trees.copy(FIXTURE, temp.resolve("multi"));
        model = new ProjectModel(ResolveSettings.defaults().withCacheDir(temp.resolve("cache")), ProjectListener.NONE);
        model.setWorkspaceRoots(List.of(multi));
        tracer = new Tracer();
    }

    @AfterAll
    static void stop() {
        tracer.close();
        model.close();
    }

    @Test
    void aMethodCallingASiblingClassAndAPackagePrivateHelperRuns() throws Exception {
        Trace trace = trace("core/src/main/java/demo/core/Calculator.java", "total", Map.of());
        assertEveryReturn(trace, row -> Math.round(row[0] * row[1] * 1.2 * 100) / 100.0);
    }

    @Test
    void aMethodCallingAPackagePrivateHelperOfADependencyRunsInOneClassLoader() throws Exception {
        Trace trace = trace("app/src/main/java/org/apache/commons/lang3/Positions.java", "firstDigit", Map.of());
        assertEveryReturn(trace, row -> "abc1def2".indexOf('1', (int) row[0]));
    }

    @Test
    void aMethodUsingTheSiblingModuleAndTheDeclaredDependencyRuns() throws Exception {
        Trace trace = trace("app/src/main/java/demo/app/Invoice.java", "lineWidth", Map.of());
        assertEveryReturn(trace, row -> Math.max(12,
                Double.toString(Math.round(row[0] * row[1] * 1.2 * 100) / 100.0).length()));
    }

    @Test
    void aClassReadingTheModulesResourcesWhenItIsInitialisedRuns() throws Exception {
        Trace trace = trace("core/src/main/java/demo/core/Markup.java", "marked", Map.of());
        assertEveryReturn(trace, row -> row[0] * 1.5);
    }

    @Test
    void theNextMethodOfADocumentCompilesAloneAgainstTheKeptSiblingsAndPackagePrivateAccessHolds() throws Exception {
        Path file = multi.resolve("core/src/main/java/demo/core/Calculator.java");
        String text = Files.readString(file).replace("    public static double total(", """
                    static double net(double price, int quantity) {
                        return Helpers.roundCents(price * quantity);
                    }

                    public static double total(""");
        Files.writeString(file, text);
        Trace first = traceShaped(file, "total");
        assertFalse(tracer.lastCompileReusedSiblings(), "the first method compiles its siblings");
        assertEveryReturn(first, row -> Math.round(row[0] * row[1] * 1.2 * 100) / 100.0);
        Trace second = traceShaped(file, "net");
        assertTrue(tracer.lastCompileReusedSiblings(), "the second reuses them");
        assertEveryReturn(second, row -> Math.round(row[0] * row[1] * 100) / 100.0);
        // A body edit keeps the shape (and the kept siblings); the answer follows the new body.
        String edited = text.replace("return Helpers.roundCents(price * quantity);",
                "return Helpers.roundCents(price * quantity * 2);");
        Trace third = traceShaped(file, "net", edited);
        assertTrue(tracer.lastCompileReusedSiblings());
        assertEveryReturn(third, row -> Math.round(row[0] * row[1] * 2 * 100) / 100.0);
    }

    private static Trace traceShaped(Path file, String method) throws Exception {
        return traceShaped(file, method, Files.readString(file));
    }

    /** A trace as quantification makes it: with the document's shape, so siblings can be reused. */
    private static Trace traceShaped(Path file, String method, String text) throws Exception {
        ProjectContext context = model.context(file, text).get(4, TimeUnit.MINUTES);
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(text);
        TraceProject project = ProjectLookup.toTrace(context, file, Map.of()).withDocumentShape(DocumentShape.of(doc));
        Member member = doc.members().stream().filter(m -> m.name().equals(method)).findFirst().orElseThrow();
        return tracer.trace(new TraceRequest(doc, member, doc.graphOf(member), SAMPLES, 3, List.of(),
                Duration.ofSeconds(60)).inProject(project));
    }

    @Test
    void anOpenDocumentsTextWinsOverItsFileOnDisk() throws Exception {
        Path rates = multi.resolve("core/src/main/java/demo/core/Rates.java");
        String edited = Files.readString(rates).replace("TAX = 0.2", "TAX = 0.5");
        Trace trace = trace("core/src/main/java/demo/core/Calculator.java", "total",
                Map.of(rates.toUri().toString(), edited));
        assertEveryReturn(trace, row -> Math.round(row[0] * row[1] * 1.5 * 100) / 100.0);
    }

    @Test
    void withoutItsProjectTheFileDoesNotCompileAndTheMessageNamesTheMissingClass() throws Exception {
        Path file = multi.resolve("core/src/main/java/demo/core/Calculator.java");
        TraceException e = assertThrows(TraceException.class, () -> tracer.trace(request(file, "total")));
        assertTrue(e.getMessage().startsWith("the document does not compile: Calculator.java:7: cannot find symbol"),
                e.getMessage());
    }

    @Test
    void aBuildThatFailedOrIsStillResolvingIsNamedForTheMessage() {
        Path pom = multi.resolve("app/pom.xml");
        liftsys.project.BuildModule module = new liftsys.project.BuildModule(liftsys.project.BuildTool.MAVEN, multi,
                multi.resolve("app"), pom);
        liftsys.project.BuildProblem problem = new liftsys.project.BuildProblem(
                liftsys.project.BuildProblem.Cause.RESOLVE_FAILED, pom, 0, 0, "Maven could not resolve the class path",
                "Could not find artifact x:y:jar:1");
        assertEquals("The class path of the build could not be resolved: " + pom
                + ": Maven could not resolve the class path (Could not find artifact x:y:jar:1)",
                ProjectLookup.buildNote(new ProjectContext(module, ProjectContext.Status.FAILED, List.of(), List.of(),
                        "", problem)));
        assertEquals("The Maven class path of " + pom + " is still being resolved; ask again in a moment.",
                ProjectLookup.buildNote(new ProjectContext(module, ProjectContext.Status.RESOLVING, List.of(),
                        List.of(), "", null)));
        assertEquals("", ProjectLookup.buildNote(new ProjectContext(module, ProjectContext.Status.RESOLVED, List.of(),
                List.of(), "", null)));
    }

    private static Trace trace(String relative, String method, Map<String, String> open) throws Exception {
        Path file = multi.resolve(relative);
        String text = Files.readString(file);
        ProjectContext context = model.context(file, text).get(4, TimeUnit.MINUTES);
        assertEquals(ProjectContext.Status.RESOLVED, context.status(), () -> String.valueOf(context.problem()));
        TraceProject project = ProjectLookup.toTrace(context, file, open);
        return tracer.trace(request(file, method).inProject(project));
    }

    private static TraceRequest request(Path file, String method) throws IOException {
        String text = Files.readString(file);
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(text);
        Member member = doc.members().stream().filter(m -> m.name().equals(method)).findFirst().orElseThrow();
        return new TraceRequest(doc, member, doc.graphOf(member), SAMPLES, 3, List.of(), Duration.ofSeconds(60));
    }

    /** Each run's return against {@code expected} of its inputs (the parameters' columns, in order). */
    private static void assertEveryReturn(Trace trace, ToDoubleFunction<double[]> expected) {
        List<String> inputs = trace.columns().stream().filter(c -> c.endsWith("@in")).toList();
        String returned = trace.columns().stream().filter(c -> c.startsWith("return")).findFirst().orElseThrow();
        assertTrue(trace.rowCount() >= SAMPLES / 2, "rows: " + trace.rowCount());
        for (int r = 0; r < trace.rowCount(); r++) {
            double[] row = new double[inputs.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = trace.column(inputs.get(i))[r];
            }
            assertEquals(expected.applyAsDouble(row), trace.column(returned)[r], 1e-9, trace.columns() + " row " + r);
        }
    }
}
