package liftsys.analysis;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import liftsys.time.Deadline;

/**
 * Fitted methods by content key (DESIGN.md invariants 4 and 5): concurrent requests for one key
 * share one fit ({@link SharedWork}); a failed or cancelled fit drops out so the next caller fits
 * again. Bounded by count, least recently used first, because the sidecar keeps its models by
 * count too; {@code onEvict} is told of every fitted method the bound lets go, so the sidecar can
 * forget its model. Thread-safe.
 */
final class FitCache {
    private final SharedWork<FittedMethod> fits;

    /** {@code onEvict} runs on the thread whose insertion evicted, so it must not block (an eviction notice). */
    FitCache(int capacity, Consumer<FittedMethod> onEvict) {
        AsyncCache<String, FittedMethod> cache = Caffeine.newBuilder()
                .maximumSize(capacity)
                .executor(Runnable::run)
                .removalListener((String key, FittedMethod evicted, RemovalCause cause) -> {
                    if (cause.wasEvicted() && evicted != null) {
                        onEvict.accept(evicted);
                    }
                })
                .buildAsync();
        this.fits = new SharedWork<>(cache);
    }

    /**
     * The fitted method for a key: done, shared with a fit under way (after telling {@code waiting}),
     * or fitted here by {@code fit}.
     *
     * @throws DegradedException the fit's failure, this caller's or the one it waited for
     * @throws TimeoutException when the deadline passes while waiting for another request's fit
     */
    SharedWork.Result<FittedMethod> get(String key, Deadline deadline, Runnable waiting,
                                        SharedWork.Work<FittedMethod, DegradedException> fit)
            throws DegradedException, TimeoutException {
        return fits.get(key, deadline, done -> false, waiting, DegradedException.class, fit);
    }

    /** The fitted method for a key when it is done and succeeded; never waits. */
    Optional<FittedMethod> ready(String key) {
        return fits.ready(key);
    }
}
