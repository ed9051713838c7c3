package liftsys.analysis;

import java.util.Map;

/**
 * A method's causal model as the sidecar keeps it: the sidecar's model key, the held-out R^2 and
 * mechanism per graph node, the fit time, and what the trace that fed it looked like: what each
 * node's numbers measure when they are not its value ({@code measures}, by definition id: the
 * length of a String, the size of a list, ...), and the features its String nodes entered the
 * model with ({@code strings}).
 */
public record FittedMethod(String contentKey, String sidecarModel, Map<String, Double> r2,
                           Map<String, String> mechanism, long fitMillis, int rows, int thrown,
                           Map<String, String> inputs, String engine, Map<String, String> measures,
                           StringFeatures strings) {
    /** A model of numbers only. */
    public FittedMethod(String contentKey, String sidecarModel, Map<String, Double> r2,
                        Map<String, String> mechanism, long fitMillis, int rows, int thrown,
                        Map<String, String> inputs, String engine) {
        this(contentKey, sidecarModel, r2, mechanism, fitMillis, rows, thrown, inputs, engine, Map.of(),
                StringFeatures.NONE);
    }
}
