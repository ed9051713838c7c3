package liftsys.sidecar;

import com.google.gson.JsonElement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running interpreter: a writer thread writes request lines (so a sidecar that stops reading
 * blocks no caller), and a reader thread completes each request's future by id, so any number of
 * requests may be in flight. Once dead (exited, killed, or wrote
 * garbage) it stays dead and fails every pending and later request; the client starts a new one.
 * Thread-safe.
 */
final class SidecarProcess {
    private static final System.Logger LOG = System.getLogger(SidecarProcess.class.getName());
    private static final int STDERR_LINES_KEPT = 20;

    private final Process process;
    private final Writer stdin;
    private final ExecutorService writer;
    private final Map<Long, Pending<?>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicReference<SidecarException> death = new AtomicReference<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<Hello> ready;
    private final Thread stderrReader;
    private final long startNanos = System.nanoTime();
    private volatile long readyNanos;

    private SidecarProcess(Process process, SidecarConfig config) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.writer = Executors.newSingleThreadExecutor(body -> {
            Thread thread = new Thread(body, "liftsys-sidecar-stdin-" + process.pid());
            thread.setDaemon(true);
            return thread;
        });
        this.stderrReader = daemon("liftsys-sidecar-stderr-" + process.pid(), this::readLog);
        daemon("liftsys-sidecar-stdout-" + process.pid(), this::readResponses);
        this.ready = send("hello", new SidecarCodec.NoParams(), Hello.class).thenApply(this::checkHello);
        CompletableFuture.runAsync(() -> {
            if (!ready.isDone()) {
                // A process that never comes up is a timeout (it may be stopped or starved), not a set-up problem:
                // an interpreter without DoWhy exits at once and says so.
                kill(new SidecarException(SidecarFailure.TIMEOUT, "the DoWhy sidecar (pid " + process.pid()
                        + ") did not finish starting within " + config.startTimeout().toMillis() + " ms"
                        + stderrSummary(), null, true));
            }
        }, CompletableFuture.delayedExecutor(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Starts the interpreter on {@code python -u -m liftsys_dowhy} and sends {@code hello}.
     *
     * @throws SidecarException ({@link SidecarFailure#SIDECAR_UNAVAILABLE}) if the interpreter cannot be run
     */
    static SidecarProcess start(SidecarConfig config) {
        ProcessBuilder builder = new ProcessBuilder(config.python(), "-u", "-m", "liftsys_dowhy");
        Map<String, String> env = builder.environment();
        String existing = env.get("PYTHONPATH");
        String src = config.sourceDir().toAbsolutePath().toString();
        env.put("PYTHONPATH", existing == null || existing.isEmpty() ? src : src + java.io.File.pathSeparator + existing);
        env.put("PYTHONUNBUFFERED", "1");
        env.putAll(config.environment());
        try {
            return new SidecarProcess(builder.start(), config);
        } catch (IOException e) {
            throw new SidecarException(SidecarFailure.SIDECAR_UNAVAILABLE,
                    "cannot run the DoWhy sidecar's interpreter '" + config.python() + "': " + e.getMessage()
                            + "; run ./liftsys setup, or set 'python' to an interpreter that has dowhy", e);
        }
    }

    /** Completes with the greeting once the interpreter has imported DoWhy and answered. */
    CompletableFuture<Hello> ready() {
        return ready;
    }

    /** Milliseconds since the process was launched. */
    long ageMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Whether it has not said hello yet (and is not dead). */
    boolean starting() {
        return !ready.isDone();
    }

    /** The last lines it wrote to stderr, as {@code ": a | b | c"}, or empty. */
    String logTail() {
        return stderrSummary();
    }

    /** Milliseconds from start to hello, or -1 while not ready. */
    long startMillis() {
        return readyNanos == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(readyNanos - startNanos);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return death.get() == null && process.isAlive();
    }

    /**
     * Sends one request ({@code params} is one of {@link SidecarCodec}'s params records); the future
     * completes with its result read as {@code resultType}, or exceptionally with a
     * {@link SidecarRejectedException} (error response) or {@link SidecarException} (death, or a
     * result of the wrong shape).
     */
    <T> CompletableFuture<T> send(String method, Object params, Class<T> resultType) {
        long id = ids.incrementAndGet();
        CompletableFuture<T> future = new CompletableFuture<>();
        pending.put(id, new Pending<>(resultType, future));
        String line = SidecarCodec.requestLine(id, method, params);
        SidecarException dead = death.get();
        if (dead != null) {
            fail(id, dead);
            return future;
        }
        try {
            writer.execute(() -> write(line));
        } catch (RejectedExecutionException afterKill) {
            fail(id, death.get());
        }
        return future;
    }

    /** A request waiting for its answer, and the record its result is read as. */
    private record Pending<T>(Class<T> resultType, CompletableFuture<T> future) {
        void answer(JsonElement result) {
            try {
                future.complete(SidecarCodec.result(result, resultType));
            } catch (SidecarException e) {
                future.completeExceptionally(e);
            }
        }
    }

    /** On the writer thread: a sidecar that stops reading blocks the pipe, never a caller. */
    private void write(String line) {
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            kill(new SidecarException(SidecarFailure.SIDECAR_UNAVAILABLE,
                    "cannot write to the sidecar (" + e.getMessage() + ")" + stderrSummary(), e));
        }
    }

    /** Kills the process tree and fails every pending request with {@code why}; idempotent. */
    void kill(SidecarException why) {
        if (death.compareAndSet(null, why)) {
            LOG.log(System.Logger.Level.DEBUG, "sidecar {0} ends: {1}", String.valueOf(process.pid()), why.getMessage());
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        writer.shutdownNow();
        SidecarException reason = death.get();
        for (Long id : pending.keySet()) {
            fail(id, reason);
        }
    }

    private void fail(long id, SidecarException why) {
        Pending<?> request = pending.remove(id);
        if (request != null) {
            request.future().completeExceptionally(why);
        }
    }

    private Hello checkHello(Hello hello) {
        if (!hello.ready() || hello.protocol() != 1) {
            SidecarException wrong = new SidecarException(SidecarFailure.SIDECAR_UNAVAILABLE,
                    "the sidecar speaks protocol " + hello.protocol() + " (ready: " + hello.ready()
                            + "); this server needs protocol 1: run ./liftsys setup");
            kill(wrong);
            throw wrong;
        }
        readyNanos = System.nanoTime();
        LOG.log(System.Logger.Level.INFO, "DoWhy sidecar {0} ready in {1} ms: {2}",
                String.valueOf(process.pid()), String.valueOf(startMillis()), hello.versions());
        return hello;
    }

    private void readResponses() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !dispatch(line)) {
                    return;
                }
            }
        } catch (IOException e) {
            // The stream closes when the process dies; the exit below says why.
        }
        kill(new SidecarException(SidecarFailure.SIDECAR_UNAVAILABLE, exitMessage()));
    }

    /** Completes the request the line answers; returns false when the line was garbage. */
    private boolean dispatch(String line) {
        SidecarCodec.Response response;
        try {
            response = SidecarCodec.response(line);
        } catch (SidecarException garbage) {
            kill(garbage);
            return false;
        }
        if (response.id() == null) {
            LOG.log(System.Logger.Level.WARNING, "sidecar response without a request id: {0}",
                    SidecarCodec.abbreviate(line));
            return true;
        }
        Pending<?> request = pending.remove(response.id());
        if (request == null) {
            return true;
        }
        if (response.error() != null) {
            request.future().completeExceptionally(new SidecarRejectedException(
                    SidecarRejectedException.Code.fromWire(response.error().code()), response.error().message()));
        } else if (response.result() != null && response.result().isJsonObject()) {
            request.answer(response.result());
        } else {
            request.future().completeExceptionally(new SidecarException(SidecarFailure.SIDECAR_UNAVAILABLE,
                    "the sidecar answered with neither result nor error: " + SidecarCodec.abbreviate(line)));
        }
        return true;
    }

    private void readLog() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                LOG.log(System.Logger.Level.DEBUG, "sidecar {0}: {1}", String.valueOf(process.pid()), line);
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > STDERR_LINES_KEPT) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone; nothing more to log.
        }
    }

    private String exitMessage() {
        try {
            if (process.waitFor(500, TimeUnit.MILLISECONDS)) {
                stderrReader.join(300); // so the message can quote the interpreter's last words
                return "the sidecar exited with code " + process.exitValue() + stderrSummary();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "the sidecar closed its output" + stderrSummary();
    }

    private String stderrSummary() {
        synchronized (stderrTail) {
            if (stderrTail.isEmpty()) {
                return "";
            }
            StringBuilder out = new StringBuilder(": ");
            int skip = Math.max(0, stderrTail.size() - 3);
            stderrTail.stream().skip(skip).forEach(l -> out.append(l.strip()).append(" | "));
            out.setLength(out.length() - 3);
            return out.toString();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
