package liftsys.sidecar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted model the sidecar keeps, and how good it is.
 *
 * @param model the key to query it with (a hash of graph, data, quality and seed)
 * @param r2 held-out R^2 per non-root node (roots have none); for boolean and categorical nodes
 *     the share of the majority-guess error removed
 * @param mechanism per node how it is modelled: {@code root:empirical}, {@code linear-exact},
 *     {@code poly2-exact}, {@code poly3-exact}, {@code tree-exact} or {@code auto:<model>}
 * @param fitMillis how long the fit took in the sidecar (of the original fit when {@code cached})
 * @param cached whether the sidecar already kept this model and did not refit
 */
public record FitResult(
        String model, Map<String, Double> r2, Map<String, String> mechanism, long fitMillis, boolean cached) {
    public FitResult {
        r2 = Collections.unmodifiableMap(new LinkedHashMap<>(r2));
        mechanism = Collections.unmodifiableMap(new LinkedHashMap<>(mechanism));
    }
}
