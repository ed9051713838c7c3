package liftsys.sidecar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an effect query does to the intervened nodes, compared with a reference. */
public sealed interface Intervention permits Intervention.Shift, Intervention.SetTo {

    /** Adds {@code by.get(node)} to each node's own value; the reference is no intervention. */
    record Shift(Map<String, Double> by) implements Intervention {
        public Shift {
            by = copy(by);
        }
    }

    /** Compares do(node = from) (the reference) with do(node = to), per node; booleans as 0/1. */
    record SetTo(Map<String, FromTo> values) implements Intervention {
        public SetTo {
            values = copy(values);
        }
    }

    /** The two values a {@link SetTo} compares. */
    record FromTo(double from, double to) {}

    static Intervention shift(String node, double by) {
        return new Shift(Map.of(node, by));
    }

    static Intervention set(String node, double from, double to) {
        return new SetTo(Map.of(node, new FromTo(from, to)));
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        if (map.isEmpty()) {
            throw new IllegalArgumentException("an intervention names at least one node");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
