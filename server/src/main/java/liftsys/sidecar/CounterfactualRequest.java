package liftsys.sidecar;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "This recorded run, with a node changed" on a kept model (dowhy/README.md, {@code counterfactual}).
 *
 * @param model the key a {@link FitResult} returned
 * @param row the run, as its index among the rows of the fit request
 * @param set nodes set to a value in the run (empty when {@code shift} is used)
 * @param shift nodes moved by an amount from their recorded value (empty when {@code set} is used)
 * @param targets the nodes to report the change of; empty means every node the change reaches
 */
public record CounterfactualRequest(String model, int row, Map<String, Double> set, Map<String, Double> shift,
                                    List<String> targets) {
    public CounterfactualRequest {
        Objects.requireNonNull(model, "model");
        set = Map.copyOf(set);
        shift = Map.copyOf(shift);
        targets = List.copyOf(targets);
        if (row < 0) {
            throw new IllegalArgumentException("row must not be negative: " + row);
        }
        if (set.isEmpty() == shift.isEmpty()) {
            throw new IllegalArgumentException("a counterfactual sets nodes or shifts them, exactly one of the two");
        }
        for (double v : set.values()) {
            requireFinite(v);
        }
        for (double v : shift.values()) {
            requireFinite(v);
        }
    }

    private static void requireFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a counterfactual's values must be finite: " + v);
        }
    }
}
