package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import liftsys.sidecar.SidecarFailure;
import liftsys.sidecar.SidecarClient;
import liftsys.sidecar.SidecarConfig;
import liftsys.sidecar.SidecarException;
import liftsys.time.Deadline;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the real DoWhy sidecar stopped with SIGSTOP while it starts. A request is bounded by
 * its own budget and answered as {@code timeout}, and so is one that outlives the start timeout;
 * the advice is about a sidecar that did not come up in time and its log, never about set-up.
 */
class SidecarStartHangTest {
    private static final Path ROOT = Path.of(System.getProperty("liftsys.root", "..")).toAbsolutePath().normalize();
    private static final long SLACK_MILLIS = 1000;

    @Test
    void aSidecarStoppedWhileStartingIsATimeoutWithinTheBudgetWithAdviceThatFits() throws Exception {
        assumeTrue(Files.isExecutable(SidecarConfig.defaultPython(ROOT)), "the DoWhy environment is missing");
        Duration startTimeout = Duration.ofSeconds(4);
        try (SidecarClient client = new SidecarClient(SidecarConfig.forRepository(ROOT).withStartTimeout(startTimeout))) {
            Set<Long> before = childPids();
            client.warmUp();
            long pid = childPids().stream().filter(p -> !before.contains(p)).findFirst().orElseThrow();
            signal("STOP", pid);
            try {
                Duration budget = Duration.ofMillis(1500);
                SidecarException starting = timed(budget, () -> client.hello(Deadline.after(budget)));
                assertEquals(SidecarFailure.TIMEOUT, starting.reason());
                assertTrue(starting.duringStart());
                assertTrue(starting.getMessage().contains("was still starting"), starting.getMessage());
                assertAdviceFits(Degradations.of(starting, budget.toMillis()));

                // A request with more time than the start has left: the start timeout ends it, still a timeout.
                SidecarException neverStarted = timed(startTimeout, () -> client.hello(Deadline.after(Duration.ofSeconds(20))));
                assertEquals(SidecarFailure.TIMEOUT, neverStarted.reason());
                assertTrue(neverStarted.getMessage().contains("did not finish starting within 4000 ms"),
                        neverStarted.getMessage());
                assertAdviceFits(Degradations.of(neverStarted, 20_000));
                assertTrue(ProcessHandle.of(pid).map(p -> p.onExit().join()).map(p -> !p.isAlive()).orElse(true),
                        "the stopped process is killed");
            } finally {
                signal("CONT", pid);
            }
        }
    }

    private static void assertAdviceFits(DegradedException degraded) {
        String message = degraded.degradation().message();
        assertEquals(Degradation.Reason.TIMEOUT, degraded.degradation().reason());
        assertTrue(message.contains("did not answer in time") && message.contains("server log"), message);
        assertFalse(message.contains("setup"), message);
        assertFalse(message.contains("Raise liftsys.timeoutMs"), message);
    }

    /** Runs a call expected to fail and checks it failed within the budget + slack. */
    private static SidecarException timed(Duration budget, Supplier<?> call) {
        long start = System.nanoTime();
        SidecarException failure = assertThrows(SidecarException.class, call::get);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis <= budget.toMillis() + SLACK_MILLIS, "took " + millis + " ms: " + failure.getMessage());
        return failure;
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static void signal(String signal, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start().waitFor();
    }
}
