package liftsys.ir;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Method graphs by the exact text of their method, bounded (Caffeine evicts what is least likely
 * to be used again). A graph's ranges are relative to its method's start, so one entry serves
 * every version and every place where that text appears. Thread-safe; two threads may build the
 * same graph once each: the build runs outside the cache's lock, because building one graph may
 * ask for another's (a call followed into a method of the same file), which Caffeine's atomic
 * {@code get(key, loader)} forbids.
 */
public final class GraphCache {
    private final Cache<String, MethodGraph> entries;
    /** Texts whose graph could not be built, and why: a deep method is not tried again per request. */
    private final Cache<String, String> failures = Caffeine.newBuilder().maximumSize(64).build();
    private final AtomicLong builds = new AtomicLong();

    public GraphCache(int capacity) {
        this.entries = Caffeine.newBuilder().maximumSize(capacity).build();
    }

    public MethodGraph get(String methodText, Supplier<MethodGraph> build) {
        MethodGraph cached = entries.getIfPresent(methodText);
        if (cached != null) {
            return cached;
        }
        String failure = failures.getIfPresent(methodText);
        if (failure != null) {
            throw new UnreadableMemberException(failure);
        }
        MethodGraph graph;
        try {
            graph = build.get();
        } catch (UnreadableMemberException e) {
            failures.put(methodText, e.getMessage());
            throw e;
        }
        builds.incrementAndGet();
        entries.put(methodText, graph);
        return graph;
    }

    /** How many graphs were built, for tests and benchmarks that check reuse. */
    public long builds() {
        return builds.get();
    }
}
