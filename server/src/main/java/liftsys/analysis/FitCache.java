package liftsys.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Fitted methods by content key (DESIGN.md invariant 5): concurrent requests for one key share
 * one computation; a failed or cancelled one is dropped so the next caller retries; the least
 * recently used entries are evicted past the capacity, and {@code onEvict} lets the sidecar forget
 * them. Thread-safe.
 */
public final class FitCache {
    private final int capacity;
    private final Consumer<FittedMethod> onEvict;
    private final LinkedHashMap<String, CompletableFuture<FittedMethod>> entries =
            new LinkedHashMap<>(64, 0.75f, true);

    public FitCache(int capacity, Consumer<FittedMethod> onEvict) {
        this.capacity = capacity;
        this.onEvict = onEvict;
    }

    /**
     * The shared computation for a key, started with {@code start} when none is under way or done.
     * The boolean says whether this call started it.
     */
    public Map.Entry<CompletableFuture<FittedMethod>, Boolean> getOrStart(String key,
                                                                           Supplier<CompletableFuture<FittedMethod>> start) {
        CompletableFuture<FittedMethod> future;
        List<FittedMethod> evicted = new ArrayList<>();
        synchronized (this) {
            CompletableFuture<FittedMethod> existing = entries.get(key);
            if (existing != null) {
                return Map.entry(existing, false);
            }
            future = start.get();
            entries.put(key, future);
            while (entries.size() > capacity) {
                var eldest = entries.entrySet().iterator().next();
                entries.remove(eldest.getKey());
                if (eldest.getValue().isDone() && !eldest.getValue().isCompletedExceptionally()) {
                    evicted.add(eldest.getValue().join());
                }
            }
        }
        future.whenComplete((value, error) -> {
            if (error != null) {
                synchronized (this) {
                    entries.remove(key, future);
                }
            }
        });
        evicted.forEach(onEvict);
        return Map.entry(future, true);
    }

    /** The fitted method for a key when it is done and succeeded; never waits. */
    public synchronized Optional<FittedMethod> ready(String key) {
        CompletableFuture<FittedMethod> f = entries.get(key);
        if (f != null && f.isDone() && !f.isCompletedExceptionally() && !f.isCancelled()) {
            return Optional.of(f.join());
        }
        return Optional.empty();
    }

    public synchronized int size() {
        return entries.size();
    }
}
