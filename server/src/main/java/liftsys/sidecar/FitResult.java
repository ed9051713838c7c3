package liftsys.sidecar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liftsys.sidecar.SidecarCodec.MayBeAbsent;

/**
 * A fitted model the sidecar keeps, and how good it is.
 *
 * @param model the key to query it with (a hash of graph, data, quality and seed)
 * @param r2 held-out R^2 per non-root node (roots have none); for boolean and categorical nodes
 *     the share of the majority-guess error removed
 * @param mechanism per node how it is modelled: {@code root:empirical}, {@code linear-exact},
 *     {@code poly2-exact}, {@code interpolation}, {@code tree-exact}, {@code auto:<model>} and so on
 * @param fitMillis how long the fit took in the sidecar (of the original fit when {@code cached})
 * @param cached whether the sidecar already kept this model and did not refit
 * @param exact per non-root node, whether its mechanism reproduces every held-out row (empty from
 *     a sidecar that does not say)
 * @param rows the rows the model was fitted on, after dropping rows with non-finite values (0 when
 *     the sidecar does not say)
 * @param notes sentences for the user about the fit (dropped rows, experiment rows)
 */
public record FitResult(
        String model, Map<String, Double> r2, Map<String, String> mechanism, long fitMillis, boolean cached,
        @MayBeAbsent Map<String, Boolean> exact, @MayBeAbsent Integer rows, @MayBeAbsent List<String> notes) {
    public FitResult {
        r2 = Collections.unmodifiableMap(new LinkedHashMap<>(r2));
        mechanism = Collections.unmodifiableMap(new LinkedHashMap<>(mechanism));
        exact = exact == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(exact));
        rows = rows == null ? 0 : rows;
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
