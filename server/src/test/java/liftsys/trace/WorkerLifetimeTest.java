package liftsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A worker lives no longer than it is wanted: when the server dies, however it dies (SIGKILL
 * included), and when the trace it runs is cancelled. Each test watches the worker's real
 * processes (bubblewrap's and the JVM) go; none measures how long an answer took.
 */
class WorkerLifetimeTest {
    /**
     * How long the processes may take to go once nothing wants them: generous, since this is not a
     * timing (a loaded 2-core machine took over 2 s to reap a killed JVM); what fails is a worker that
     * is never stopped and spins on for the trace's 5 minutes.
     */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    /** Waits until none of the processes is alive, at most {@code within}; true if they all went. */
    static boolean allGone(List<ProcessHandle> processes, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (processes.stream().noneMatch(ProcessHandle::isAlive)) {
                return true;
            }
            Thread.sleep(20);
        }
        return processes.stream().noneMatch(ProcessHandle::isAlive);
    }

    /**
     * The finding: the server SIGKILLed during a trace of an endless loop left its worker spinning
     * forever (the worker's halt on end of input died of a stack overflow in the security manager).
     */
    @ParameterizedTest(name = "OS sandbox {0}")
    @ValueSource(booleans = {true, false})
    void aWorkerDoesNotOutliveItsServerKilledWithSigkill(boolean osSandbox) throws Exception {
        assumeTrue(linux() || !osSandbox, "bubblewrap is Linux only");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process parent = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                OrphanParent.class.getName(), Files.createDirectories(temp.resolve("workers")).toString(),
                Boolean.toString(osSandbox)).redirectErrorStream(true).start();
        List<ProcessHandle> below = List.of();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                StringBuilder seen = new StringBuilder();
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.equals("TRACING")) {
                            return "TRACING";
                        }
                        seen.append(line).append('\n');
                    }
                } catch (java.io.IOException e) {
                    seen.append(e);
                }
                return seen.toString();
            });
            assertEquals("TRACING", ready.get(60, TimeUnit.SECONDS), "the parent traces");
            below = parent.descendants().toList();
            assertTrue(below.stream().anyMatch(p -> p.info().commandLine().orElse("").contains("WorkerMain")),
                    "a worker JVM runs below the parent: " + below);
            parent.destroyForcibly();
            parent.waitFor();
            assertTrue(allGone(below, GONE_WITHIN.plusSeconds(3)), "no worker process is left: "
                    + below.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " "
                    + p.info().commandLine().orElse("?")).toList());
        } finally {
            parent.destroyForcibly();
            below.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The finding: a cancelled quantification left its worker busy until the deadline. */
    @ParameterizedTest(name = "OS sandbox {0}")
    @ValueSource(booleans = {true, false})
    void cancellingATraceStopsItsWorkerAtOnce(boolean osSandbox) throws Exception {
        assumeTrue(linux() || !osSandbox, "bubblewrap is Linux only");
        TracerConfig defaults = TracerConfig.defaults();
        try (Tracer tracer = new Tracer(new TracerConfig(defaults.javaCommand(), 128, 1,
                Files.createDirectories(temp.resolve("workers")), true, osSandbox))) {
            AtomicBoolean cancelled = new AtomicBoolean();
            TraceRequest spin = HostileTraceTest.request(TraceFixtureTest.resource("/trace/Hostile.java"), "spin", 10, 1,
                    Duration.ofMinutes(5)).cancellable(cancelled::get);
            CompletableFuture<Throwable> ended = CompletableFuture.supplyAsync(() -> {
                try {
                    tracer.trace(spin);
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            while (tracer.workerProcesses().isEmpty()) {
                Thread.sleep(10);
            }
            Thread.sleep(2_000);
            List<ProcessHandle> worker = tracer.workerProcesses();
            assertTrue(worker.stream().allMatch(ProcessHandle::isAlive), "the worker spins");
            cancelled.set(true);
            assertTrue(allGone(worker, GONE_WITHIN), "the cancelled trace's worker is gone");
            Throwable e = ended.get(10, TimeUnit.SECONDS);
            assertTrue(e instanceof CancellationException, String.valueOf(e));
            Trace next = tracer.trace(HostileTraceTest.request(TraceFixtureTest.resource("/Pricing.java"), "total", 20, 3,
                    Duration.ofSeconds(30)));
            assertEquals(20, next.rowCount(), "a new worker traces next");
            assertEquals(2, tracer.workersStarted());
            assertFalse(worker.stream().anyMatch(ProcessHandle::isAlive));
        }
    }

    /** A cancel checker throws rather than answers; that counts as cancelled too. */
    @Test
    void aCancelCheckerThatThrowsCancelsToo() throws Exception {
        TracerConfig defaults = TracerConfig.defaults();
        try (Tracer tracer = new Tracer(new TracerConfig(defaults.javaCommand(), 128, 1,
                Files.createDirectories(temp.resolve("workers")), true))) {
            AtomicBoolean cancelled = new AtomicBoolean();
            TraceRequest spin = HostileTraceTest.request(TraceFixtureTest.resource("/trace/Hostile.java"), "spin", 10, 1,
                    Duration.ofMinutes(5)).cancellable(() -> {
                        if (cancelled.get()) {
                            throw new CancellationException("cancelled by the client");
                        }
                        return false;
                    });
            CompletableFuture<Throwable> ended = CompletableFuture.supplyAsync(() -> {
                try {
                    tracer.trace(spin);
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            while (tracer.workerProcesses().isEmpty()) {
                Thread.sleep(10);
            }
            List<ProcessHandle> worker = tracer.workerProcesses();
            cancelled.set(true);
            assertTrue(allGone(worker, GONE_WITHIN), "the worker is gone");
            assertTrue(ended.get(10, TimeUnit.SECONDS) instanceof CancellationException);
        }
    }

    /**
     * Linux sends bubblewrap's parent-death signal when the thread that started it ends, not the
     * server: a worker started from a short-lived thread must survive that thread and serve again.
     */
    @Test
    void aWorkerOutlivesTheThreadThatStartedIt() throws Exception {
        assumeTrue(linux(), "bubblewrap is Linux only");
        TracerConfig defaults = TracerConfig.defaults();
        try (Tracer tracer = new Tracer(new TracerConfig(defaults.javaCommand(), 128, 1,
                Files.createDirectories(temp.resolve("workers")), true, true))) {
            TraceRequest pricing = HostileTraceTest.request(TraceFixtureTest.resource("/Pricing.java"), "total", 20, 3,
                    Duration.ofSeconds(30));
            Thread shortLived = new Thread(() -> {
                try {
                    tracer.trace(pricing);
                } catch (TraceException e) {
                    throw new IllegalStateException(e);
                }
            });
            shortLived.start();
            shortLived.join();
            Thread.sleep(500);
            List<ProcessHandle> worker = tracer.workerProcesses();
            assertFalse(worker.isEmpty());
            assertTrue(worker.stream().allMatch(ProcessHandle::isAlive), "the worker outlived the thread");
            assertEquals(20, tracer.trace(pricing).rowCount());
            assertEquals(1, tracer.workersStarted(), "the same worker served again");
        }
    }
}
