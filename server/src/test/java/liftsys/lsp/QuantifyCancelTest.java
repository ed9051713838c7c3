package liftsys.lsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's finding through the protocol: {@code $/cancelRequest} on a quantification of an
 * endless loop answered at once, but its worker JVM went on spinning until {@code timeoutMs}. Now
 * the worker's processes go within two seconds of the cancel.
 */
class QuantifyCancelTest {
    private static final String URI = "file:///work/Spin.java";
    private static final String SPIN = """
            class Spin {
                static int spin(int x) {
                    while (x > -1000) {
                        x = x + 1 - 1;
                    }
                    return x;
                }
            }
            """;

    /** Processes below this JVM that run a worker (its JVM, or bubblewrap around it). */
    private static Set<ProcessHandle> workers() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("liftsys.worker.WorkerMain"))
                .collect(Collectors.toSet());
    }

    @Test
    void cancellingAQuantificationStopsItsWorker() throws Exception {
        Set<ProcessHandle> before = workers();
        try (InProcessClient client = InProcessClient.start(
                "{\"liftsys\": {\"timeoutMs\": 120000, \"samples\": 50, \"warmUp\": false}}")) {
            client.open(URI, 1, SPIN);
            CompletableFuture<JsonObject> answer = client.server.causalImpact(com.google.gson.JsonParser.parseString(
                    "{\"textDocument\":{\"uri\":\"" + URI + "\"},\"position\":{\"line\":1,\"character\":24},"
                            + "\"direction\":\"downstream\",\"quantify\":true}"));
            List<ProcessHandle> spinning = List.of();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (spinning.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(20);
                spinning = workers().stream().filter(p -> !before.contains(p)).toList();
            }
            assertFalse(spinning.isEmpty(), "a worker started for the quantification");
            // Let it compile and enter the loop.
            Thread.sleep(2_000);
            assertTrue(spinning.stream().allMatch(ProcessHandle::isAlive), "the worker spins");
            answer.cancel(true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (spinning.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(spinning.stream().anyMatch(ProcessHandle::isAlive),
                    "the cancelled quantification's worker is gone within 2 s");
        }
    }
}
