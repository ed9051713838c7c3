package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import liftsys.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Invariant 5 on its own: identical concurrent callers do the work once; a failed or cancelled
 * one drops out and the next caller does it, however many times that happens in a row.
 */
class SharedWorkTest {
    private final SharedWork<String> work = new SharedWork<>(Caffeine.newBuilder().maximumSize(16).buildAsync());
    private final ExecutorService pool = Executors.newFixedThreadPool(6);
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void concurrentCallersForOneKeyShareOneRun() throws Exception {
        CountDownLatch allWaiting = new CountDownLatch(5);
        List<Future<SharedWork.Result<String>>> callers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            callers.add(pool.submit(() -> work.get("k", deadline(), done -> false, allWaiting::countDown,
                    InterruptedException.class, () -> {
                        runs.incrementAndGet();
                        allWaiting.await(20, TimeUnit.SECONDS); // hold the work until the five others wait for it
                        return "value";
                    })));
        }

        int shared = 0;
        for (Future<SharedWork.Result<String>> caller : callers) {
            SharedWork.Result<String> result = caller.get(30, TimeUnit.SECONDS);
            assertEquals("value", result.value());
            shared += result.shared() ? 1 : 0;
        }
        assertEquals(1, runs.get());
        assertEquals(5, shared);
        assertEquals(0, allWaiting.getCount(), "the five others really waited");
    }

    @Test
    void aFailedRunDropsOutAndTheNextCallerRunsAgain() throws Exception {
        IllegalStateException broken = new IllegalStateException("broken");
        assertThrows(IllegalStateException.class, () -> work.get("k", deadline(), done -> false, () -> { },
                RuntimeException.class, () -> {
                    runs.incrementAndGet();
                    throw broken;
                }));

        SharedWork.Result<String> again = work.get("k", deadline(), done -> false, () -> { }, RuntimeException.class,
                () -> "v" + runs.incrementAndGet());

        assertEquals("v2", again.value());
        assertFalse(again.shared());
        assertEquals("v2", work.ready("k").orElseThrow());
    }

    /** A failure the work reports as a value, as a fit reports a degradation. */
    static final class Reported extends Exception {
        private static final long serialVersionUID = 1L;

        Reported(String message) {
            super(message);
        }
    }

    @Test
    void aWaiterGetsTheOwnersReportedFailureAsItsOwn() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(1);
        Future<?> owner = pool.submit(() -> work.get("k", deadline(), done -> false, () -> { }, Reported.class, () -> {
            started.countDown();
            awaitQuietly(waiting);
            throw new Reported("reported");
        }));
        assertTrue(started.await(20, TimeUnit.SECONDS));

        Reported failure = assertThrows(Reported.class, () -> work.get("k", deadline(), done -> false,
                waiting::countDown, Reported.class, () -> "never"));

        assertEquals("reported", failure.getMessage());
        assertThrows(ExecutionException.class, () -> owner.get(20, TimeUnit.SECONDS));
        assertEquals("again", work.get("k", deadline(), done -> false, () -> { }, Reported.class,
                () -> "again").value(), "the failure dropped out");
    }

    /** Three owners in a row are cancelled while others wait; the waiters keep going until one finishes. */
    @Test
    void cancelledRunsDropOutAndWaitersDoTheWorkHoweverOftenThatHappens() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> callers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            callers.add(pool.submit(() -> {
                start.await();
                return work.get("k", deadline(), done -> false, () -> { }, InterruptedException.class, () -> {
                    int run = runs.incrementAndGet();
                    Thread.sleep(100); // let the others come and wait on this run
                    if (run <= 3) {
                        throw new CancellationException("request " + run + " was cancelled");
                    }
                    return "finished by run " + run;
                }).value();
            }));
        }
        start.countDown();

        int cancelled = 0;
        List<String> values = new ArrayList<>();
        for (Future<String> caller : callers) {
            try {
                values.add(caller.get(30, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                assertTrue(e.getCause() instanceof CancellationException, String.valueOf(e.getCause()));
                cancelled++;
            }
        }
        assertEquals(4, runs.get());
        assertEquals(3, cancelled, "only the cancelled requests themselves fail");
        assertEquals(List.of("finished by run 4", "finished by run 4"), values);
    }

    @Test
    void aDoneValueTheCallerWantsRedoneIsRunAgainAndReplaced() throws Exception {
        work.get("k", deadline(), done -> false, () -> { }, RuntimeException.class, () -> "late");

        SharedWork.Result<String> kept = work.get("k", deadline(), "late"::equals, () -> { }, RuntimeException.class,
                () -> "on time");
        SharedWork.Result<String> reused = work.get("k", deadline(), "late"::equals, () -> { },
                RuntimeException.class, () -> "never");

        assertEquals("on time", kept.value());
        assertEquals("on time", reused.value());
        assertTrue(reused.wasDone());
    }

    @Test
    void aWaiterWhoseDeadlinePassesGetsATimeoutWhileTheWorkGoesOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Future<SharedWork.Result<String>> owner = pool.submit(() -> work.get("k", deadline(), done -> false,
                () -> { }, InterruptedException.class, () -> {
                    started.countDown();
                    release.await(20, TimeUnit.SECONDS);
                    return "slow";
                }));
        assertTrue(started.await(20, TimeUnit.SECONDS));

        assertThrows(TimeoutException.class, () -> work.get("k", Deadline.after(Duration.ofMillis(50)),
                done -> false, () -> { }, RuntimeException.class, () -> "never"));

        release.countDown();
        assertEquals("slow", owner.get(20, TimeUnit.SECONDS).value());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30));
    }
}
