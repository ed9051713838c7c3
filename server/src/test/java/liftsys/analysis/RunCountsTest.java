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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The answer says what became of the planned runs ({@code model.runs}, issue 15), with a real
 * worker and a real DoWhy sidecar: a method whose precondition is learned from what threw gets all
 * its planned runs and counts what threw; a method whose runs mostly record NaN is fitted on the
 * few that did not, and every effect of that model is marked unreliable, with notes saying why.
 */
class RunCountsTest {
    private static final int SAMPLES = 100;
    private static final Settings SETTINGS = new Settings(null, 120_000, SAMPLES, true, List.of(), 0, "GOOD", 0.7,
            true, true, false);
    private static SidecarHolder sidecar;
    private static Tracer tracer;

    @BeforeAll
    static void start() {
        sidecar = new SidecarHolder(Path.of(System.getProperty("liftsys.root", "..")));
        tracer = new Tracer();
    }

    @AfterAll
    static void stop() {
        tracer.close();
        sidecar.close();
    }

    /** Quantifies the first parameter of the method declared on {@code line} (0-based) of RunShares.java. */
    private static ImpactAnswer quantify(int line, int character) throws Exception {
        DocumentStore store = new DocumentStore();
        store.open("file:///RunShares.java", 1, Fixtures.read("/trace/RunShares.java"));
        ImpactService service = AnalysisWiring.of(store, tracer, sidecar, AnalysisWiring.Sizes.SMALL).impact();
        return service.impact("file:///RunShares.java", new Position(line, character), Direction.DOWNSTREAM, true,
                Intervention.shiftBy(0.1), SETTINGS, () -> false, ProgressSink.NONE);
    }

    @Test
    void aLearnedPreconditionGetsEveryPlannedRunAndCountsWhatThrew() throws Exception {
        ImpactAnswer answer = quantify(5, 42);
        assertNull(answer.degradation(), () -> answer.degradation().message());
        RunCounts runs = answer.quantitative().model().runs();
        assertEquals(SAMPLES, runs.planned());
        assertEquals(SAMPLES, runs.kept());
        assertEquals(SAMPLES, runs.completed());
        assertTrue(runs.attempted() > SAMPLES, runs.toString());
        assertEquals(runs.attempted() - SAMPLES, runs.threw().get("IllegalArgumentException"), runs.toString());
        // Fitted on every planned run: nothing says the runs were too few (a shift that leaves [0, 1], the
        // range the code requires, is flagged as extrapolated, which is right and not about the runs).
        answer.quantitative().effects().values().forEach(e -> assertTrue(
                e.reasons().stream().noneMatch(r -> r.code().equals("few-runs")), e.toString()));
        assertTrue(answer.quantitative().model().notes().stream().noneMatch(n -> n.contains("fewer than half")),
                answer.quantitative().model().notes().toString());
        // On the wire, as the README's protocol additions say.
        com.google.gson.JsonObject wire = liftsys.lsp.ProtocolJson.answer(answer).getAsJsonObject("model")
                .getAsJsonObject("runs");
        assertEquals(SAMPLES, wire.get("planned").getAsInt());
        assertEquals(runs.attempted(), wire.get("attempted").getAsInt());
        assertEquals(SAMPLES, wire.get("completed").getAsInt());
        assertEquals(SAMPLES, wire.get("kept").getAsInt());
        assertEquals(runs.attempted() - SAMPLES, wire.getAsJsonObject("threw").get("IllegalArgumentException").getAsInt());
        assertEquals(0, wire.get("nonFinite").getAsInt());
    }

    @Test
    void aModelKeptOnFewerThanHalfThePlannedRunsIsUnreliableAndSaysWhy() throws Exception {
        ImpactAnswer answer = quantify(18, 38);
        assertNull(answer.degradation(), () -> answer.degradation().message());
        RunCounts runs = answer.quantitative().model().runs();
        assertTrue(runs.kept() * 2 < runs.planned() && runs.kept() >= 5, runs.toString());
        assertEquals(runs.completed() - runs.kept(), runs.nonFinite(), runs.toString());
        assertEquals("z", runs.nonFiniteIn());
        assertTrue(!answer.quantitative().effects().isEmpty());
        answer.quantitative().effects().values().forEach(e -> assertTrue(e.unreliable(), e.toString()));
        List<String> notes = answer.quantitative().model().notes();
        assertTrue(notes.stream().anyMatch(n -> n.contains("recorded NaN or an infinity (first in z)")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("fitted on " + runs.kept() + " of " + SAMPLES
                + " planned runs, fewer than half")), notes.toString());
    }
}
