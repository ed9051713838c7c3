package liftsys.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import liftsys.time.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection with a fake sidecar (src/test/resources/sidecar/fake) that hangs, dies
 * mid-request, prints garbage, starts slowly or exits at once: the client answers with the right
 * reason within the budget + 1 s, and the breaker opens, answers at once, and recovers.
 */
class SidecarClientFaultTest {
    private static final Duration BUDGET = Duration.ofMillis(600);
    private static final Duration COOLDOWN = Duration.ofMillis(700);
    private static final long SLACK_MILLIS = 1000;

    @TempDir
    Path dir;

    private Path modeFile;
    private SidecarClient client;

    @BeforeEach
    void start() throws IOException {
        modeFile = dir.resolve("mode");
        mode("ok");
        client = new SidecarClient(Sidecars.fake(modeFile, COOLDOWN));
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void hangingSidecarTimesOutWithinBudgetAndIsKilledAndReplaced() throws IOException {
        client.hello(seconds(10));
        long before = client.processId().orElseThrow();
        mode("hang");

        AtomicReference<Throwable> first = new AtomicReference<>();
        Thread stuck = new Thread(() -> {
            try {
                client.fit(Sidecars.chain(20, 1), seconds(8));
            } catch (RuntimeException e) {
                first.set(e);
            }
        });
        stuck.start();
        sleep(Duration.ofMillis(300));

        // While the sidecar hangs on the first request it reads nothing, and this one (about 1 MB) fills the pipe.
        SidecarException failure = timed(BUDGET, () -> client.fit(Sidecars.chain(20_000, 2), Deadline.after(BUDGET)));
        joinQuietly(stuck);

        assertEquals(SidecarFailure.TIMEOUT, failure.reason());
        assertTrue(first.get() instanceof SidecarException, "the other caller fails too: " + first.get());
        assertFalse(Thread.currentThread().isInterrupted(), "the timeout's interrupt does not leak to the caller");
        assertTrue(client.processId().isEmpty(), "the hanging process is killed");
        mode("ok");
        client.hello(seconds(10));
        assertNotEquals(before, client.processId().orElseThrow(), "a new process replaces it");
    }

    @Test
    void sidecarDyingMidRequestIsUnavailableAndRestartedOnTheNextCall() throws IOException {
        client.hello(seconds(10));
        mode("die");

        SidecarException failure = timed(BUDGET, () -> client.fit(Sidecars.chain(20, 1), Deadline.after(BUDGET)));

        assertEquals(SidecarFailure.SIDECAR_UNAVAILABLE, failure.reason());
        assertTrue(failure.getMessage().contains("exited with code 1"), failure.getMessage());
        mode("ok");
        assertEquals("fake-model", client.fit(Sidecars.chain(20, 1), seconds(10)).model());
    }

    @Test
    void sidecarPrintingGarbageIsUnavailable() throws IOException {
        client.hello(seconds(10));
        mode("garbage");

        SidecarException failure = timed(BUDGET, () -> client.effect(Sidecars.shiftX("m"), Deadline.after(BUDGET)));

        assertEquals(SidecarFailure.SIDECAR_UNAVAILABLE, failure.reason());
        assertTrue(failure.getMessage().contains("not a protocol response"), failure.getMessage());
    }

    @Test
    void sidecarExitingAtOnceIsUnavailableAndSaysWhy() throws IOException {
        mode("exit");

        SidecarException failure = timed(BUDGET, () -> client.hello(Deadline.after(BUDGET)));

        assertEquals(SidecarFailure.SIDECAR_UNAVAILABLE, failure.reason());
        assertTrue(failure.getMessage().contains("No module named 'dowhy'"), failure.getMessage());
    }

    @Test
    void missingInterpreterIsUnavailable() {
        try (SidecarClient missing = new SidecarClient(
                Sidecars.fake(modeFile, COOLDOWN).withPython(dir.resolve("no-such-python").toString()))) {
            SidecarException failure = timed(BUDGET, () -> missing.hello(Deadline.after(BUDGET)));

            assertEquals(SidecarFailure.SIDECAR_UNAVAILABLE, failure.reason());
            assertTrue(failure.getMessage().contains("no-such-python"), failure.getMessage());
        }
    }

    @Test
    void slowStartTimesOutAShortCallButKeepsStartingForTheNext() throws IOException {
        mode("slow-start"); // 1.5 s before it reads stdin

        SidecarException failure = timed(Duration.ofMillis(300), () -> client.hello(Deadline.after(Duration.ofMillis(300))));
        long starting = client.processId().orElseThrow();

        assertEquals(SidecarFailure.TIMEOUT, failure.reason());
        assertEquals("fake", client.hello(seconds(10)).versions().get("python"));
        assertEquals(starting, client.processId().orElseThrow(), "the slow process was not killed");
    }

    @Test
    void breakerOpensAfterThreeFailuresAnswersAtOnceAndRecoversAfterCooldown() throws IOException {
        client.hello(seconds(10));
        mode("hang");
        Duration shortBudget = Duration.ofMillis(250);
        for (int i = 0; i < 3; i++) {
            assertEquals(SidecarFailure.TIMEOUT,
                    timed(shortBudget, () -> client.fit(Sidecars.chain(20, 1), Deadline.after(shortBudget))).reason());
        }
        mode("ok");

        long[] nanos = new long[51];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            SidecarException open = assertThrows(SidecarException.class, () -> client.hello(seconds(5)));
            nanos[i] = System.nanoTime() - start;
            assertEquals(SidecarFailure.CIRCUIT_OPEN, open.reason());
        }
        Arrays.sort(nanos);
        assertTrue(nanos[nanos.length / 2] < 1_000_000, "median circuit-open answer took " + nanos[25] + " ns");

        sleep(COOLDOWN.plusMillis(100));
        assertEquals("fake-model", client.fit(Sidecars.chain(20, 1), seconds(10)).model());
        assertEquals(1.0, client.hello(seconds(5)).protocol(), "closed again after the trial call");
    }

    @Test
    void halfOpenLetsExactlyOneTrialCallReachTheSidecar() throws Exception {
        client.hello(seconds(10));
        mode("hang");
        Duration shortBudget = Duration.ofMillis(250);
        for (int i = 0; i < 3; i++) {
            assertEquals(SidecarFailure.TIMEOUT,
                    timed(shortBudget, () -> client.fit(Sidecars.chain(20, 1), Deadline.after(shortBudget))).reason());
        }
        sleep(COOLDOWN.plusMillis(100));
        long fitsBefore = fitsReceived();

        // Three callers at once while the sidecar still hangs: the trial call holds its permit until its budget ends.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<SidecarFailure> reasons = new ArrayList<>();
        try {
            List<Future<SidecarException>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(pool.submit(() -> assertThrows(SidecarException.class,
                        () -> client.fit(Sidecars.chain(20, 1), Deadline.after(Duration.ofMillis(1500))))));
            }
            for (Future<SidecarException> call : calls) {
                reasons.add(call.get(10, java.util.concurrent.TimeUnit.SECONDS).reason());
            }
        } finally {
            pool.shutdownNow();
        }

        reasons.sort(null);
        assertEquals(List.of(SidecarFailure.TIMEOUT, SidecarFailure.CIRCUIT_OPEN, SidecarFailure.CIRCUIT_OPEN), reasons);
        assertEquals(fitsBefore + 1, fitsReceived(), "exactly one trial call reached the sidecar");
        SidecarException reopened = assertThrows(SidecarException.class, () -> client.hello(seconds(5)));
        assertEquals(SidecarFailure.CIRCUIT_OPEN, reopened.reason(), "the one failed trial opens the breaker again");
    }

    @Test
    void rejectedRequestsDoNotOpenTheBreaker() throws IOException {
        mode("reject");

        for (int i = 0; i < 5; i++) {
            SidecarRejectedException rejected = assertThrows(SidecarRejectedException.class,
                    () -> client.effect(Sidecars.shiftX("m"), seconds(10)));
            assertEquals(SidecarRejectedException.Code.BAD_REQUEST, rejected.code());
            assertEquals("fake says no", rejected.getMessage());
        }
        assertTrue(client.hello(seconds(5)).ready());
    }

    @Test
    void interruptedCallIsCancelledWithoutKillingTheSidecarOrCountingAsFailure() throws Exception {
        client.hello(seconds(10));
        long pid = client.processId().orElseThrow();
        mode("hang");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                client.fit(Sidecars.chain(20, 1), seconds(20));
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        caller.start();
        Thread.sleep(300);

        caller.interrupt();
        caller.join(5000);

        assertTrue(thrown.get() instanceof CancellationException, String.valueOf(thrown.get()));
        assertEquals(OptionalLong.of(pid), client.processId());
    }

    @Test
    void warmUpStartsTheSidecarInTheBackgroundSoTheFirstCallFindsItRunning() {
        client.warmUp();
        long pid = client.processId().orElseThrow();

        assertTrue(client.hello(seconds(10)).ready());
        assertEquals(pid, client.processId().orElseThrow());
    }

    @Test
    void noBudgetLeftTimesOutWithoutStartingAnything() {
        SidecarException failure = assertThrows(SidecarException.class, () -> client.hello(Deadline.after(Duration.ZERO)));

        assertEquals(SidecarFailure.TIMEOUT, failure.reason());
        assertTrue(client.processId().isEmpty());
    }

    @Test
    void concurrentCallsShareOneProcessAndAllGetTheirAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<EffectResult>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String target = "t" + i;
                EffectRequest request = new EffectRequest("m", NodeIntervention.shift("x", 1), List.of(target), 10, 0.9, 0);
                results.add(pool.submit(() -> client.effect(request, seconds(20))));
            }
            for (int i = 0; i < results.size(); i++) {
                EffectResult result = results.get(i).get();
                assertEquals(List.of("t" + i), List.copyOf(result.effects().keySet()));
                assertEquals(0.9, result.level());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private long fitsReceived() throws IOException {
        Path log = Sidecars.requestLog(modeFile);
        return Files.exists(log) ? Files.readAllLines(log).stream().filter("fit"::equals).count() : 0;
    }

    private static Deadline seconds(long seconds) {
        return Deadline.after(Duration.ofSeconds(seconds));
    }

    private void mode(String mode) throws IOException {
        Files.writeString(modeFile, mode);
    }

    /** Runs a call expected to fail and checks it failed within the budget + 1 s. */
    private static SidecarException timed(Duration budget, Supplier<?> call) {
        long start = System.nanoTime();
        SidecarException failure = assertThrows(SidecarException.class, call::get);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis <= budget.toMillis() + SLACK_MILLIS, "took " + millis + " ms: " + failure.getMessage());
        return failure;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
