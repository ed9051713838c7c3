package liftsys.sidecar;

import java.util.List;
import java.util.Map;
import liftsys.sidecar.SidecarCodec.MayBeAbsent;

/**
 * One recorded run replayed with a change ({@code gcm.counterfactual_samples} with the run's own
 * noise): its {@code factual} values per node and, when {@code available}, its
 * {@code counterfactual} values and the {@code change} of each target with an interval. When the
 * run's noise cannot be recovered where the change reaches, {@code available} is false and
 * {@code reason} says why.
 */
public record CounterfactualResult(int row, boolean available, Map<String, Double> factual,
                                   @MayBeAbsent Map<String, Double> counterfactual, @MayBeAbsent List<String> targets,
                                   @MayBeAbsent Map<String, Change> change, @MayBeAbsent Double level,
                                   @MayBeAbsent Boolean unreliable, @MayBeAbsent List<EffectResult.Finding> reasons,
                                   @MayBeAbsent String reason) {
    public CounterfactualResult {
        factual = Map.copyOf(factual);
        counterfactual = counterfactual == null ? Map.of() : Map.copyOf(counterfactual);
        targets = targets == null ? List.of() : List.copyOf(targets);
        change = change == null ? Map.of() : Map.copyOf(change);
        unreliable = unreliable != null && unreliable;
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** How much a target changes in the run, with an interval at {@code level}. */
    public record Change(double value, double low, double high) {}
}
