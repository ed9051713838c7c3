package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import liftsys.testing.Fixtures;
import liftsys.text.DocumentStore;
import liftsys.text.Position;
import liftsys.trace.Tracer;
import org.junit.jupiter.api.Test;

/** {@code executeCode: false}: nothing of the user's code is compiled or run, and the answer says so. */
class ExecutionDisabledTest {
    @Test
    void quantifyingWithExecutionOffStartsNoWorkerAndDegrades() throws Exception {
        DocumentStore store = new DocumentStore();
        store.open("file:///P.java", 1, Fixtures.read("/Pricing.java"));
        try (Tracer tracer = new Tracer(); SidecarHolder sidecar = new SidecarHolder(Path.of("."))) {
            ImpactService service = AnalysisWiring.of(store, tracer, sidecar, AnalysisWiring.Sizes.SMALL).impact();
            Settings off = new Settings(null, 30_000, 100, false, List.of(), 0, "GOOD", 0.7, true, true, true);
            ImpactAnswer answer = service.impact("file:///P.java", new Position(15, 32), Direction.DOWNSTREAM, true,
                    Intervention.shiftBy(1.0), off, () -> false, ProgressSink.NONE);
            assertEquals(Degradation.Reason.EXECUTION_DISABLED, answer.degradation().reason());
            assertEquals(List.of("w", "z", "return"),
                    answer.structural().downstream().stream().map(ImpactEntry::name).toList());
            assertFalse(tracer.anyWorkerStarted(), "no worker JVM was started");
            assertEquals(null, sidecar.existing(), "no sidecar was started");
        }
    }
}
