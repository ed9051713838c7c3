package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import liftsys.testing.Fixtures;
import liftsys.text.DocumentStore;
import liftsys.text.Position;
import liftsys.trace.Tracer;
import liftsys.trace.TracerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where workers run without the operating system's sandbox, quantifying still works, and the
 * answer's {@code model.notes} says how the code was contained; inside the sandbox it says nothing.
 */
class ContainmentNoteTest {
    private static final Settings SETTINGS = new Settings(null, 120_000, 100, true, List.of(), 0, "GOOD", 0.7, true,
            true, false);

    /** One DoWhy process for both tests: starting it is the slow part. */
    private static SidecarHolder sidecar;

    @BeforeAll
    static void start() {
        sidecar = new SidecarHolder(Path.of(System.getProperty("liftsys.root", "..")));
    }

    @AfterAll
    static void stop() {
        sidecar.close();
    }

    private static ImpactAnswer quantify(boolean osSandbox) throws Exception {
        DocumentStore store = new DocumentStore();
        store.open("file:///P.java", 1, Fixtures.read("/Pricing.java"));
        try (Tracer tracer = new Tracer(TracerConfig.defaults().withOsSandbox(osSandbox))) {
            ImpactService service = AnalysisWiring.of(store, tracer, sidecar, AnalysisWiring.Sizes.SMALL).impact();
            return service.impact("file:///P.java", new Position(15, 32), Direction.DOWNSTREAM, true,
                    Intervention.shiftBy(1.0), SETTINGS, () -> false, ProgressSink.NONE);
        }
    }

    @Test
    void withoutTheOsSandboxTheAnswerIsFittedAndSaysSo() throws Exception {
        ImpactAnswer answer = quantify(false);
        assertNull(answer.degradation(), "quantified without the OS sandbox");
        assertEquals(3, answer.quantitative().effects().size(), answer.quantitative().effects().toString());
        List<String> notes = answer.quantitative().model().notes();
        assertTrue(notes.stream().anyMatch(n -> n.contains("without the operating system's sandbox")
                && n.contains("only the worker JVM's own checks")), notes.toString());
    }

    @Test
    void insideTheOsSandboxNothingIsSaid() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        ImpactAnswer answer = quantify(true);
        assertNull(answer.degradation(), "quantified inside the OS sandbox");
        assertTrue(answer.quantitative().model().notes().stream().noneMatch(n -> n.contains("sandbox")),
                answer.quantitative().model().notes().toString());
    }
}
