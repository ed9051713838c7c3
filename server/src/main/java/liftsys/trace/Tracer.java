package liftsys.trace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import liftsys.ir.Member;
import liftsys.text.OffsetRange;
import liftsys.wire.Wire;

/**
 * Runs methods of open documents on sampled inputs and records every node's value (issue 6):
 * instruments a copy of the document ({@link Instrumenter}), and has a worker JVM compile it,
 * sample inputs and run it ({@link WorkerMain}), so nothing the traced code does (an endless
 * loop, {@code System.exit}, a huge allocation, a stray thread) can stop the server. Workers run
 * inside the operating system's sandbox where it can run ({@link OsSandbox}) and under the
 * worker's own checks ({@link Sandbox}). Workers are started on the first trace, never before, and
 * reused; a worker that missed its deadline, was cancelled, hit a violation or may be damaged is
 * killed and replaced on the next trace.
 *
 * <p>Thread-safe: up to {@code maxWorkers} traces run at once; more wait for a worker within
 * their deadline. One tracer per server; {@link #close} kills the workers.
 */
public final class Tracer implements AutoCloseable {
    private static final int INSTRUMENTATION_CACHE = 32;
    /**
     * The share of the time left when a trace is sent that the worker may spend drawing and running
     * (it stops drawing then and answers with what completed): the rest is for fitting the model
     * and checking its effects.
     */
    static final double DRAWING_SHARE = 0.5;
    private static final Set<WorkerProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LIVE.forEach(WorkerProcess::kill);
            LIVE.forEach(WorkerProcess::dispose);
        }, "liftsys-workers"));
    }

    private final TracerConfig config;
    private final Semaphore permits;
    private final Deque<WorkerProcess> idle = new ArrayDeque<>();
    private final Set<WorkerProcess> mine = ConcurrentHashMap.newKeySet();
    private final AtomicInteger started = new AtomicInteger();
    private final ScheduledExecutorService watchdog;
    /** Instrumented copies by document text, method and hooks; built outside the cache (two threads may build one each). */
    private final Cache<InstrumentationKey, InstrumentedMethod> instrumented =
            Caffeine.newBuilder().maximumSize(INSTRUMENTATION_CACHE).build();
    private volatile boolean closed;
    private volatile Stats lastStats;
    private volatile OsSandbox os;
    /** The warm-up's worker while it starts, so a trace that could use it waits for it instead of starting another. */
    private volatile Warming warming;

    private record Warming(List<java.nio.file.Path> readable, java.util.concurrent.CompletableFuture<Void> done) {
    }

    /** Timings of the last trace, for the benchmark: what the worker spent compiling and running. */
    record Stats(boolean compiled, long compileNanos, long runNanos, long workerPid, boolean reusedSiblings) {
    }

    private record InstrumentationKey(String text, OffsetRange range, String name, Set<String> hooked) {
    }

    public Tracer() {
        this(TracerConfig.defaults());
    }

    public Tracer(TracerConfig config) {
        this.config = config;
        this.permits = new Semaphore(config.maxWorkers(), true);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "liftsys-trace-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Traces the method: {@code samples} executions on inputs drawn with {@code seed}, one row per
     * execution that returned with finite values, one column per definition of the graph. With an
     * {@link TraceRequest#intervention}, the same inputs are drawn and the intervention is applied
     * in the code on every execution; rows say which sample they came from, so they pair up with
     * the rows of the trace without it.
     *
     * @throws TraceException with TRACE_FAILED (does not compile, threw on more than half the
     *     inputs, broke the sandbox, killed its worker), TIMEOUT (deadline passed) or UNSUPPORTED
     *     (a parameter or field type that cannot be sampled, a constructor, an intervention that cannot be
     *     applied in the code)
     * @throws CancellationException when the request's {@link TraceRequest#cancelled} fired while it
     *     waited or ran: its worker was killed at once and is replaced on the next trace
     */
    public Trace trace(TraceRequest request) throws TraceException {
        if (closed) {
            throw new IllegalStateException("tracer closed");
        }
        long deadline = System.nanoTime() + request.deadline().toNanos();
        InstrumentedMethod method = instrument(request);
        TraceIntervention intervention = request.intervention();
        InterventionPlan.Forcing forcing = new InterventionPlan.Forcing(new int[0], List.of(), Set.of());
        if (intervention != null) {
            forcing = InterventionPlan.of(method, intervention);
            if (!forcing.hooked().isEmpty()) {
                method = instrument(request, forcing.hooked());
                for (Map.Entry<String, String> hook : method.hookTypes().entrySet()) {
                    InterventionPlan.checkAmount(hook.getKey(), hook.getValue(), intervention);
                }
            }
        }
        List<String> columns = method.columns();
        int[] forcedSlots = forcing.hooked().stream().mapToInt(columns::indexOf).toArray();
        List<java.nio.file.Path> classpathEntries = classpathEntries(request.project(), request.classpath());
        List<String> classpath = classpathEntries.stream().map(java.nio.file.Path::toString).toList();
        List<java.nio.file.Path> readable = readable(request.project(), request.classpath());
        Wire.Request wire = new Wire.Request(
                new Wire.Code(method.key(), method.sources(), classpath, request.project().toWire(),
                        method.className(), method.methodName(), displayName(request.member()), method.copyStart(),
                        method.copyEnd()),
                new Wire.Recording(method.columns().size(), method.staticKinds(), method.regions()),
                new Wire.Sampling(method.inputs(), method.numbers(), method.strings(), method.chars(), method.facts(),
                        method.constants(), request.samples(), request.seed(), 0),
                intervention == null ? Wire.Forcing.NONE : new Wire.Forcing(intervention.forceMode(), forcedSlots,
                        forcing.parameters(), intervention.amount(), forcing.tables(intervention), intervention.text()));
        try (CancelWatch cancel = CancelWatch.start(request.cancelled(), watchdog)) {
            WorkerProcess worker = acquire(deadline, request, readable, cancel);
            cancel.watch(worker);
            return run(worker, wire, method, request, deadline, cancel);
        }
    }

    /** Sends the request to the worker and waits for its reply, within the deadline. */
    private Trace run(WorkerProcess worker, Wire.Request wire, InstrumentedMethod method, TraceRequest request,
                      long deadline, CancelWatch cancel) throws TraceException {
        boolean healthy = false;
        ScheduledFuture<?> alarm = watchdog.schedule(worker::kill, Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        try {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            Wire.Reply reply = worker.call(wire.withBudget(Math.max(1, (long) (left * DRAWING_SHARE))));
            alarm.cancel(false);
            healthy = !reply.restart() && worker.alive();
            lastStats = new Stats(reply.compiled(), reply.compileNanos(), reply.runNanos(), worker.pid(),
                    reply.reusedSiblings());
            return ReplyToTrace.toTrace(method, reply, wire.sampling().samples(), displayName(request.member()), left * DRAWING_SHARE / 1000);
        } catch (IOException e) {
            alarm.cancel(false);
            if (cancel.fired()) {
                throw cancelled(request);
            }
            if (closed) {
                throw new TraceException(TraceException.Reason.TRACE_FAILED, "tracing was stopped: the server is "
                        + "shutting down");
            }
            if (worker.killed()) {
                throw new TraceException(TraceException.Reason.TIMEOUT, displayName(request.member())
                        + " did not finish " + request.samples() + " executions within " + seconds(request)
                        + " (an endless loop, or a very slow method); its worker was stopped");
            }
            throw new TraceException(TraceException.Reason.TRACE_FAILED,
                    "the worker JVM running " + displayName(request.member()) + " ended: " + worker.diagnosis());
        } finally {
            release(worker, healthy);
        }
    }

    /** The class path a trace compiles and runs against: the build's, then the setting's, absolute. */
    private static List<java.nio.file.Path> classpathEntries(TraceProject project, List<String> classpathSetting) {
        return java.util.stream.Stream.concat(project.classPath().stream(), classpathSetting.stream())
                .map(entry -> java.nio.file.Path.of(entry).toAbsolutePath().normalize()).toList();
    }

    /** What a worker must read: the class path and, to compile the document with its siblings, the source roots. */
    private static List<java.nio.file.Path> readable(TraceProject project, List<String> classpathSetting) {
        return java.util.stream.Stream.concat(classpathEntries(project, classpathSetting).stream(),
                project.sourceRoots().stream().map(root -> java.nio.file.Path.of(root).toAbsolutePath().normalize()))
                .toList();
    }

    /** How many worker JVMs this tracer ever started (0 proves that nothing was run). */
    public int workersStarted() {
        return started.get();
    }

    /** Whether a worker was ever started: false as long as no trace was asked for. */
    public boolean anyWorkerStarted() {
        return started.get() > 0;
    }

    /**
     * Starts a worker in the background if none is idle, so the first trace does not pay the JVM
     * start and the compiler's warm-up. Call it when execution is allowed and a document opens.
     */
    public void warmUp() {
        warmUp(TraceProject.NONE, List.of());
    }

    /**
     * Starts a worker in the background that can read the project's class path and source roots
     * (with the {@code classpath} setting's entries), unless an idle one can already: a worker's
     * sandbox shows it only the paths it was started with, so a worker warmed up for no project
     * would be replaced on the project's first trace.
     */
    public void warmUp(TraceProject project, List<String> classpathSetting) {
        List<java.nio.file.Path> readable = readable(project, classpathSetting);
        synchronized (idle) {
            if (idle.stream().anyMatch(w -> w.alive() && w.canRead(readable))) {
                return;
            }
        }
        if (closed || !permits.tryAcquire()) {
            return;
        }
        Warming started = new Warming(readable, new java.util.concurrent.CompletableFuture<>());
        warming = started;
        Thread t = new Thread(() -> {
            WorkerProcess w = null;
            try {
                synchronized (idle) {
                    if (idle.stream().anyMatch(idler -> idler.alive() && idler.canRead(readable))) {
                        return;
                    }
                }
                w = startWorker(System.nanoTime() + TimeUnit.SECONDS.toNanos(30), readable, null, null);
                release(w, true);
                w = null;
            } catch (TraceException | RuntimeException e) {
                // A failed warm-up shows again, with its reason, on the first trace.
            } finally {
                if (w == null) {
                    permits.release();
                }
                started.done().complete(null);
            }
        }, "liftsys-worker-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** Kills every worker, idle or busy, and deletes their directories. Traces running now fail. */
    @Override
    public void close() {
        closed = true;
        synchronized (idle) {
            idle.clear();
        }
        List<WorkerProcess> all = new ArrayList<>(mine);
        all.forEach(WorkerProcess::kill);
        all.forEach(this::dispose);
        watchdog.shutdownNow();
    }

    Stats lastStats() {
        return lastStats;
    }

    /**
     * Whether the last trace compiled its document alone, against the sibling classes its worker
     * kept from another method of the same document ({@link ProjectClasses}); for tests.
     */
    public boolean lastCompileReusedSiblings() {
        Stats stats = lastStats;
        return stats != null && stats.reusedSiblings();
    }

    /**
     * Why traced code runs without the operating system's sandbox here (not installed, not
     * possible in this container, not Linux, turned off), as a sentence for the answer's notes;
     * empty when it runs inside it. Finding out tries the sandbox once per server.
     */
    public java.util.Optional<String> containmentNote() {
        return java.util.Optional.ofNullable(os().note());
    }

    /** The processes of every worker this tracer has now, idle or busy (for tests). */
    List<ProcessHandle> workerProcesses() {
        List<ProcessHandle> all = new ArrayList<>();
        for (WorkerProcess w : mine) {
            all.addAll(w.processes());
        }
        return all;
    }

    private OsSandbox os() {
        OsSandbox known = os;
        if (known == null) {
            known = OsSandbox.forConfig(config);
            os = known;
        }
        return known;
    }

    /** The instrumentation of the request's method, reused while the document and method stay the same. */
    InstrumentedMethod instrument(TraceRequest request) throws TraceException {
        return instrument(request, Set.of());
    }

    /** The instrumentation with intervention hooks at the {@code hooked} definitions. */
    InstrumentedMethod instrument(TraceRequest request, Set<String> hooked) throws TraceException {
        InstrumentationKey key = new InstrumentationKey(request.documentText(), request.member().range(),
                request.member().name(), Set.copyOf(hooked));
        InstrumentedMethod cached = instrumented.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        InstrumentedMethod method = Instrumenter.instrument(request.document(), request.member(), request.graph(),
                hooked);
        instrumented.put(key, method);
        return method;
    }

    /** A free worker that can read the class path, started if need be; waits within the deadline, unless cancelled. */
    private WorkerProcess acquire(long deadline, TraceRequest request, List<java.nio.file.Path> classpath,
                                  CancelWatch cancel) throws TraceException {
        try {
            while (!permits.tryAcquire(Math.min(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.MILLISECONDS.toNanos(CancelWatch.POLL_MILLIS)), TimeUnit.NANOSECONDS)) {
                if (cancel.fired()) {
                    throw cancelled(request);
                }
                if (deadline - System.nanoTime() <= 0) {
                    throw new TraceException(TraceException.Reason.TIMEOUT, "every worker stayed busy for "
                            + seconds(request) + "; " + displayName(request.member()) + " was not traced");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraceException(TraceException.Reason.TIMEOUT, "interrupted while waiting for a worker");
        }
        try {
            awaitWarming(classpath, deadline, cancel);
            while (true) {
                WorkerProcess w;
                synchronized (idle) {
                    w = idle.poll();
                }
                if (w == null) {
                    return startWorker(deadline, classpath, cancel, request);
                }
                if (w.alive() && w.canRead(classpath)) {
                    return w;
                }
                // Dead, or its sandbox cannot see this class path: a new one can.
                dispose(w);
            }
        } catch (TraceException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * When no worker is idle and the warm-up is starting one that can read this class path, waits
     * for it (within the deadline, while not cancelled): two JVMs starting at once on two cores
     * would each take longer than one, and the warm one has javac warm.
     */
    private void awaitWarming(List<java.nio.file.Path> classpath, long deadline, CancelWatch cancel) {
        Warming w = warming;
        if (w == null || w.done().isDone() || !w.readable().containsAll(classpath)) {
            return;
        }
        synchronized (idle) {
            if (!idle.isEmpty()) {
                return;
            }
        }
        while (!w.done().isDone() && deadline - System.nanoTime() > 0 && !cancel.fired()) {
            try {
                w.done().get(CancelWatch.POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // poll the cancel flag and the deadline again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                return;
            }
        }
    }

    /** A new worker, ready for its first request; {@code cancel} (null for a warm-up) may stop it while it starts. */
    private WorkerProcess startWorker(long deadline, List<java.nio.file.Path> classpath, CancelWatch cancel,
                                      TraceRequest request) throws TraceException {
        WorkerProcess w;
        try {
            w = WorkerProcess.start(config, os(), classpath);
        } catch (IOException e) {
            throw new TraceException(TraceException.Reason.TRACE_FAILED, "cannot start a worker JVM: " + e.getMessage());
        }
        started.incrementAndGet();
        LIVE.add(w);
        mine.add(w);
        if (closed) {
            dispose(w);
            throw new TraceException(TraceException.Reason.TRACE_FAILED, "tracing was stopped: the server is "
                    + "shutting down");
        }
        if (cancel != null) {
            cancel.watch(w);
        }
        ScheduledFuture<?> alarm = watchdog.schedule(w::kill, Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        try {
            w.awaitHello();
            alarm.cancel(false);
            return w;
        } catch (IOException e) {
            alarm.cancel(false);
            if (cancel != null && cancel.fired()) {
                dispose(w);
                throw cancelled(request);
            }
            boolean late = w.killed();
            String why = late ? "" : w.diagnosis();
            dispose(w);
            if (late) {
                throw new TraceException(TraceException.Reason.TIMEOUT, "the worker JVM did not start in time");
            }
            throw new TraceException(TraceException.Reason.TRACE_FAILED, "the worker JVM did not start: " + why);
        }
    }

    private static CancellationException cancelled(TraceRequest request) {
        return new CancellationException("the trace of " + displayName(request.member())
                + " was cancelled; its worker was stopped");
    }

    private void release(WorkerProcess w, boolean healthy) {
        if (healthy && !closed && w.alive()) {
            synchronized (idle) {
                idle.push(w);
            }
        } else {
            dispose(w);
        }
        permits.release();
    }

    private void dispose(WorkerProcess w) {
        LIVE.remove(w);
        mine.remove(w);
        w.dispose();
    }

    private static String displayName(Member member) {
        return member.ownerType() + "." + member.name();
    }

    private static String seconds(TraceRequest request) {
        return String.format(java.util.Locale.ROOT, "%.1f s", request.deadline().toMillis() / 1000.0);
    }
}
