package liftsys.analysis;

import java.util.List;
import java.util.Map;

/**
 * A method's causal model as the sidecar keeps it: the sidecar's model key, the held-out R^2 and
 * mechanism per graph node, the fit time, what the trace that fed it looked like (its runs), the
 * sidecar's notes on the fit (rows it left out, experiment rows), what each node's numbers measure
 * when they are not its value ({@code measures}, by definition id: the length of a String, the size
 * of a list, ...), and the features its String nodes entered the model with ({@code strings}).
 */
public record FittedMethod(String contentKey, String sidecarModel, Map<String, Double> r2,
                           Map<String, String> mechanism, long fitMillis, int rows, int thrown,
                           Map<String, String> inputs, String engine, List<String> notes, RunCounts runs,
                           Map<String, String> measures, StringFeatures strings) {
    public FittedMethod {
        notes = List.copyOf(notes);
        measures = Map.copyOf(measures);
        strings = strings == null ? StringFeatures.NONE : strings;
    }
}
