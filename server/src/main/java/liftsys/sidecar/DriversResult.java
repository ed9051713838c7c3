package liftsys.sidecar;

import java.util.List;
import liftsys.sidecar.SidecarCodec.MayBeAbsent;

/**
 * What drives a node, strongest first: {@code parents} by DoWhy's arrow strength (how much the
 * target's variance changes when the edge from that parent is cut), {@code ancestors} by its
 * intrinsic causal influence (each upstream node's own contribution to the target's variance,
 * Shapley values; exact mechanisms add nothing of their own).
 *
 * @param measure what the values measure ({@code variance})
 * @param level the intervals' confidence level
 * @param notes sentences for the user about how the ranking was made
 */
public record DriversResult(String target, List<Driver> parents, List<Driver> ancestors, String measure, double level,
                            int bootstrap, @MayBeAbsent List<String> notes) {
    public DriversResult {
        parents = List.copyOf(parents);
        ancestors = List.copyOf(ancestors);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * One driver: its measure (the median over the bootstrap), the interval, and its share of the
     * sum of the positive values.
     */
    public record Driver(String node, double value, double low, double high, double share) {}
}
