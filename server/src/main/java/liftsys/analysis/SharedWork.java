package liftsys.analysis;

import com.github.benmanes.caffeine.cache.AsyncCache;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import liftsys.time.Deadline;

/**
 * In-flight work shared by key (DESIGN.md invariant 5), over a Caffeine {@link AsyncCache} that
 * bounds and evicts the results. The first caller for a key does the work in its own thread (it
 * holds the request's cancel checker, progress and deadline); callers that come meanwhile wait on
 * the same future within their own deadline. A failed or cancelled future drops out of the cache
 * (Caffeine removes failed futures by itself; the owner also removes its own before failing it,
 * so no waiter finds it again), and the next caller does the work anew, however many times that
 * happens. Thread-safe.
 *
 * @param <V> the result
 */
final class SharedWork<V> {
    /** The work, done by the caller that claimed the key; {@code X} is the failure it reports as a value. */
    interface Work<V, X extends Exception> {
        V run() throws X;
    }

    /**
     * What a caller got.
     *
     * @param value the result
     * @param shared whether another caller did the work (this one waited for it or found it done)
     * @param wasDone whether it was already done when this caller came
     */
    record Result<V>(V value, boolean shared, boolean wasDone) {}

    /**
     * Caffeine logs every failed future at WARNING with its stack trace ("Exception thrown during
     * asynchronous load"). Here a failure is an answer (a degradation, a note) that the caller
     * reports, so that log would only repeat it; what Caffeine logs at ERROR still shows. Held in a
     * field because java.util.logging keeps loggers only weakly.
     */
    private static final Logger CAFFEINE_ASYNC_LOG = quiet("com.github.benmanes.caffeine.cache.LocalAsyncCache");

    private final AsyncCache<String, V> cache;

    SharedWork(AsyncCache<String, V> cache) {
        this.cache = cache;
    }

    /**
     * The value for {@code key}: done, shared with work under way, or done here by {@code work}.
     *
     * @param redo whether a done value should be done again by this caller (a check that ran out
     *     of a smaller budget, say); the replaced value is dropped
     * @param waiting told once, before this caller waits for another's work
     * @param failure the type of {@code work}'s reported failure: a waiter gets the owner's as its own
     * @throws TimeoutException when the deadline passes while waiting for another caller's work
     * @throws CancellationException when interrupted while waiting, or when {@code work} was cancelled
     */
    <X extends Exception> Result<V> get(String key, Deadline deadline, Predicate<V> redo, Runnable waiting,
                                        Class<X> failure, Work<V, X> work) throws X, TimeoutException {
        boolean told = false;
        while (true) {
            CompletableFuture<V> mine = new CompletableFuture<>();
            CompletableFuture<V> found = claim(key, mine, redo);
            if (found == mine) {
                return new Result<>(runAsOwner(key, mine, work), false, false);
            }
            boolean wasDone = found.isDone();
            if (!wasDone && !told) {
                waiting.run();
                told = true;
            }
            try {
                return new Result<>(found.get(Math.max(1, deadline.remainingNanos()), TimeUnit.NANOSECONDS), true,
                        wasDone);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the same work");
            } catch (CancellationException e) {
                // The future itself was cancelled: it has dropped out; claim the key again.
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof CancellationException) {
                    continue; // the request that did the work was cancelled: do it ourselves
                }
                if (failure.isInstance(cause)) {
                    throw failure.cast(cause);
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /** The value for a key when it is done and succeeded; never waits. */
    Optional<V> ready(String key) {
        CompletableFuture<V> f = cache.getIfPresent(key);
        if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
            return Optional.of(f.join());
        }
        return Optional.empty();
    }

    /** {@code mine} if this caller now owns the key, else the future found there. */
    private CompletableFuture<V> claim(String key, CompletableFuture<V> mine, Predicate<V> redo) {
        while (true) {
            CompletableFuture<V> found = cache.get(key, (k, executor) -> mine);
            if (found == mine) {
                return mine;
            }
            if (found.isCompletedExceptionally()) {
                cache.asMap().remove(key, found); // failed; Caffeine's own removal may not have run yet
            } else if (found.isDone() && redo.test(found.join())) {
                if (cache.asMap().replace(key, found, mine)) {
                    return mine;
                }
            } else {
                return found;
            }
        }
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private <X extends Exception> V runAsOwner(String key, CompletableFuture<V> mine, Work<V, X> work) throws X {
        try {
            V value = work.run();
            mine.complete(value);
            return value;
        } catch (Exception | Error e) {
            cache.asMap().remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
