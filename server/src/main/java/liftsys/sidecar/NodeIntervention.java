package liftsys.sidecar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an effect query does to the intervened nodes of the causal model, compared with a
 * reference. (The question the user asked is the analysis layer's {@code Intervention}; the
 * tracer's is {@code TraceIntervention}: the same change said to the model, and to the code.)
 */
public sealed interface NodeIntervention permits NodeIntervention.Shift, NodeIntervention.SetTo {

    /** Adds {@code by.get(node)} to each node's own value; the reference is no intervention. */
    record Shift(Map<String, Double> by) implements NodeIntervention {
        public Shift {
            by = copy(by);
        }
    }

    /** Compares do(node = from) (the reference) with do(node = to), per node; booleans as 0/1. */
    record SetTo(Map<String, FromTo> values) implements NodeIntervention {
        public SetTo {
            values = copy(values);
        }
    }

    /** The two values a {@link SetTo} compares. */
    record FromTo(double from, double to) {}

    static NodeIntervention shift(String node, double by) {
        return new Shift(Map.of(node, by));
    }

    static NodeIntervention set(String node, double from, double to) {
        return new SetTo(Map.of(node, new FromTo(from, to)));
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        if (map.isEmpty()) {
            throw new IllegalArgumentException("an intervention names at least one node");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
