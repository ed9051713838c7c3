package liftsys.sidecar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import liftsys.time.Deadline;

/**
 * The guarded client of the DoWhy sidecar: one long-lived interpreter, started lazily, that keeps
 * fitted models so queries never refit.
 *
 * <p>Thread-safe: any number of threads may call at once; their requests share the one process
 * and are matched to answers by id. Every call runs under {@code Failsafe.with(breaker, timeout)}
 * (invariant 7): the breaker is one instance per client, shared by all calls, so three failures in
 * a row from any callers open it; the timeout is built per call because its duration is what is
 * left of the caller's {@link Deadline}. A call that finds the breaker open fails at once with
 * {@link SidecarFailure#CIRCUIT_OPEN}; after the cooldown exactly one trial call goes through (others
 * meanwhile fail as open), and its outcome closes the breaker or opens it again.
 *
 * <p>Failures are {@link SidecarException}s with a {@link SidecarFailure}, and count toward the breaker.
 * An error answer to a bad request is a {@link SidecarRejectedException} and does not. On timeout
 * of a request the process had received, the process is killed; the next call starts a new one.
 * A process still starting is left to start (a slow start survives short calls); a call that gives
 * up on it is a {@link SidecarFailure#TIMEOUT} marked {@link SidecarException#duringStart()}, and one that
 * never says hello is killed after the configured start timeout, also as a timeout.
 * The deadline bounds the sidecar's work, not just the wait: to wait briefly for work that should
 * go on (a hover), call with the full deadline on another thread and wait on that briefly.
 *
 * <p>A process that dies loses its models; {@link #effect} refits a model it no longer finds from
 * the remembered {@link FitRequest} (the key is the same) within the same budget.
 */
public final class SidecarClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SidecarClient.class.getName());
    /** Bounds the remembered fit requests by their data: rows x columns, about 24 MB of boxed doubles. */
    private static final long REMEMBERED_CELLS = 1_000_000;
    /** Failsafe's interrupt should end a wait; this own bound is only the backstop. */
    private static final long BACKSTOP_MILLIS = 200;

    private final SidecarConfig config;
    private final CircuitBreaker<Object> breaker;
    private final Object lock = new Object();
    private SidecarProcess current; // guarded by lock
    private boolean closed; // guarded by lock
    /** The requests of fitted models by key, to refit one a restarted process lost; weighed by their data. */
    private final Cache<String, FitRequest> fits = Caffeine.newBuilder()
            .maximumWeight(REMEMBERED_CELLS)
            .weigher((String model, FitRequest request) -> request.cells())
            .build();

    public SidecarClient(SidecarConfig config) {
        this.config = config;
        this.breaker = CircuitBreaker.builder()
                .handleIf(failure -> !(failure instanceof SidecarRejectedException)
                        && !(failure instanceof CancellationException))
                .withFailureThreshold(config.failureThreshold())
                // Without a success threshold, Failsafe sizes the half-open state by the failure threshold:
                // three trial calls would go through at once, and three would have to fail to reopen it.
                // One permit: the one trial call closes the breaker or opens it again.
                .withSuccessThreshold(1)
                .withDelay(config.cooldown())
                .onOpen(e -> LOG.log(System.Logger.Level.WARNING,
                        "DoWhy sidecar failed {0} times in a row; quantities pause for {1} ms",
                        String.valueOf(config.failureThreshold()), String.valueOf(config.cooldown().toMillis())))
                .build();
    }

    /** Round trip to the sidecar (starting it if needed): its versions and protocol. */
    public Hello hello(Deadline deadline) {
        return call(deadline, "hello", () -> request(deadline, "hello", new SidecarCodec.NoParams(), Hello.class));
    }

    /** Fits (or finds the kept) model of a traced method. */
    public FitResult fit(FitRequest request, Deadline deadline) {
        SidecarCodec.FitParams params = SidecarCodec.fitParams(request);
        FitResult result = call(deadline, "fit", () -> request(deadline, "fit", params, FitResult.class));
        fits.put(result.model(), request);
        return result;
    }

    /** Average causal effects of an intervention on a kept model, refitting it if the sidecar lost it. */
    public EffectResult effect(EffectRequest request, Deadline deadline) {
        return onKeptModel(deadline, "effect", request.model(), SidecarCodec.effectParams(request),
                EffectResult.class);
    }

    /** What drives a node of a kept model, refitting it if the sidecar lost it. */
    public DriversResult drivers(DriversRequest request, Deadline deadline) {
        return onKeptModel(deadline, "drivers", request.model(), SidecarCodec.driversParams(request),
                DriversResult.class);
    }

    /** One recorded run of a kept model replayed with a change, refitting the model if the sidecar lost it. */
    public CounterfactualResult counterfactual(CounterfactualRequest request, Deadline deadline) {
        return onKeptModel(deadline, "counterfactual", request.model(), SidecarCodec.counterfactualParams(request),
                CounterfactualResult.class);
    }

    /** A query on a kept model; a model the process lost (a restart) is fitted again from its remembered request. */
    private <T> T onKeptModel(Deadline deadline, String method, String model, Object params, Class<T> resultType) {
        return call(deadline, method, () -> {
            try {
                return request(deadline, method, params, resultType);
            } catch (SidecarRejectedException e) {
                FitRequest lost = fits.getIfPresent(model);
                if (e.code() != SidecarRejectedException.Code.UNKNOWN_MODEL || lost == null) {
                    throw e;
                }
                request(deadline, "fit", SidecarCodec.fitParams(lost), FitResult.class);
                return request(deadline, method, params, resultType);
            }
        });
    }

    /** Lets the sidecar forget a model; true if it kept one under that key. */
    public boolean drop(String model, Deadline deadline) {
        fits.invalidate(model);
        return call(deadline, "drop", () -> request(deadline, "drop", new SidecarCodec.ModelParams(model),
                SidecarCodec.Dropped.class).dropped());
    }

    /**
     * Asks the running sidecar to drop a model, without waiting for the answer: an eviction notice
     * from the server's cache. No breaker, no timeout, no kill: a busy sidecar reads it after the
     * requests before it. Does nothing when no process is running (a new one holds no models).
     */
    public void forget(String model) {
        fits.invalidate(model);
        SidecarProcess process;
        synchronized (lock) {
            process = current != null && current.isAlive() ? current : null;
        }
        if (process != null) {
            process.send("drop", new SidecarCodec.ModelParams(model), SidecarCodec.Dropped.class)
                    .exceptionally(failure -> null);
        }
    }

    /**
     * Starts the interpreter in the background if it is not running, so the first quantitative
     * request does not pay DoWhy's import; does nothing while the breaker is open. Never throws.
     */
    public void warmUp() {
        if (breaker.isOpen()) {
            return;
        }
        try {
            process();
        } catch (SidecarException e) {
            LOG.log(System.Logger.Level.DEBUG, "sidecar warm-up failed: {0}", e.getMessage());
        }
    }

    /** Kills the process; later calls fail with {@link SidecarFailure#SIDECAR_UNAVAILABLE}. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (current != null) {
                current.kill(new SidecarException(SidecarFailure.SIDECAR_UNAVAILABLE, "the sidecar client was closed"));
            }
        }
    }

    /** The running interpreter's pid, for tests and diagnostics. */
    OptionalLong processId() {
        synchronized (lock) {
            return current != null && current.isAlive() ? OptionalLong.of(current.pid()) : OptionalLong.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T call(Deadline deadline, String method, Supplier<T> body) {
        Duration budget = deadline.remaining();
        if (budget.isZero()) {
            throw new SidecarException(SidecarFailure.TIMEOUT, "no time left for the DoWhy sidecar's " + method);
        }
        Timeout<Object> timeout = Timeout.builder(budget).withInterrupt().build();
        try {
            return (T) Failsafe.with(breaker, timeout).get(body::get);
        } catch (TimeoutExceededException e) {
            SidecarProcess starting = startingProcess();
            if (starting != null) {
                throw new SidecarException(SidecarFailure.TIMEOUT, "the DoWhy sidecar (pid " + starting.pid()
                        + ") was still starting " + starting.ageMillis() + " ms after it was launched, and did not"
                        + " answer " + method + " within " + budget.toMillis() + " ms" + starting.logTail(), e, true);
            }
            throw new SidecarException(SidecarFailure.TIMEOUT,
                    "the DoWhy sidecar did not answer " + method + " within " + budget.toMillis() + " ms", e);
        } catch (CircuitBreakerOpenException e) {
            throw new SidecarException(SidecarFailure.CIRCUIT_OPEN, breaker.isHalfOpen()
                    ? "the DoWhy sidecar failed " + config.failureThreshold() + " times in a row, and one trial call"
                            + " is under way to see whether it recovered"
                    : "the DoWhy sidecar failed " + config.failureThreshold() + " times in a row; retrying in "
                            + Math.max(1, breaker.getRemainingDelay().toSeconds()) + " s", e);
        } catch (FailsafeException e) {
            throw new SidecarException(SidecarFailure.SIDECAR_UNAVAILABLE, "the DoWhy sidecar failed: " + e.getMessage(), e);
        }
    }

    /** Sends one request on the current process (starting one if needed) and waits until the deadline. */
    private <T> T request(Deadline deadline, String method, Object params, Class<T> resultType) {
        SidecarProcess process = process();
        await(process.ready(), deadline, null);
        return await(process.send(method, params, resultType), deadline, process);
    }

    /** The current process if it has not said hello yet. */
    private SidecarProcess startingProcess() {
        synchronized (lock) {
            return current != null && current.isAlive() && current.starting() ? current : null;
        }
    }

    private SidecarProcess process() {
        synchronized (lock) {
            if (closed) {
                throw new SidecarException(SidecarFailure.SIDECAR_UNAVAILABLE, "the sidecar client was closed");
            }
            if (current == null || !current.isAlive()) {
                current = SidecarProcess.start(config);
            }
            return current;
        }
    }

    /**
     * Waits for a future until the deadline. On timeout, kills {@code asked} (the process that
     * received the request and did not answer); a process still starting is left to finish.
     */
    private static <T> T await(CompletableFuture<T> future, Deadline deadline, SidecarProcess asked) {
        long waitNanos = deadline.remainingNanos() + TimeUnit.MILLISECONDS.toNanos(BACKSTOP_MILLIS);
        try {
            return future.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (deadline.remainingNanos() > TimeUnit.MILLISECONDS.toNanos(5)) {
                throw new CancellationException("the sidecar call was interrupted");
            }
            throw timedOut(asked);
        } catch (TimeoutException e) {
            throw timedOut(asked);
        } catch (ExecutionException | CompletionException e) {
            throw unwrap(e.getCause());
        }
    }

    private static SidecarException timedOut(SidecarProcess asked) {
        SidecarException timeout = new SidecarException(SidecarFailure.TIMEOUT, "the DoWhy sidecar did not answer in time");
        if (asked != null) {
            asked.kill(new SidecarException(SidecarFailure.SIDECAR_UNAVAILABLE, "the sidecar was killed after a timeout"));
        }
        return timeout;
    }

    private static RuntimeException unwrap(Throwable cause) {
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SidecarException || cause instanceof SidecarRejectedException) {
            return (RuntimeException) cause;
        }
        return new SidecarException(SidecarFailure.SIDECAR_UNAVAILABLE, "the DoWhy sidecar failed: " + cause, cause);
    }
}
