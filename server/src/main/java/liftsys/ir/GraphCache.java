package liftsys.ir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Method graphs by the exact text of their method, least recently used evicted. A graph's
 * ranges are relative to its method's start, so one entry serves every version and every place
 * where that text appears. Thread-safe; two threads may build the same graph once each.
 */
public final class GraphCache {
    private final Map<String, MethodGraph> entries;
    /** Texts whose graph could not be built, and why: a deep method is not tried again per request. */
    private final Map<String, String> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 64;
        }
    };
    private long builds;

    public GraphCache(int capacity) {
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, MethodGraph> eldest) {
                return size() > capacity;
            }
        };
    }

    public MethodGraph get(String methodText, Supplier<MethodGraph> build) {
        synchronized (this) {
            MethodGraph cached = entries.get(methodText);
            if (cached != null) {
                return cached;
            }
            String failure = failures.get(methodText);
            if (failure != null) {
                throw new UnreadableMemberException(failure);
            }
        }
        MethodGraph graph;
        try {
            graph = build.get();
        } catch (UnreadableMemberException e) {
            synchronized (this) {
                failures.put(methodText, e.getMessage());
            }
            throw e;
        }
        synchronized (this) {
            builds++;
            entries.put(methodText, graph);
        }
        return graph;
    }

    /** How many graphs were built, for tests and benchmarks that check reuse. */
    public synchronized long builds() {
        return builds;
    }
}
