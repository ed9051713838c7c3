package liftsys.sidecar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liftsys.sidecar.SidecarCodec.MayBeAbsent;
import liftsys.sidecar.SidecarCodec.MayBeNull;

/**
 * Average causal effects of an intervention, per target, in the model's topological order.
 *
 * @param effects per target the effect and its interval
 * @param level the confidence level the intervals were actually computed at
 */
public record EffectResult(Map<String, Effect> effects, double level) {
    public EffectResult {
        effects = Collections.unmodifiableMap(new LinkedHashMap<>(effects));
    }

    /**
     * The average causal effect {@code value} with its interval [{@code low}, {@code high}]; the
     * three are null when the model has experiment rows and still cannot tell the effect (then
     * {@code identifiable} is false): present, but null. The other components are the sidecar's additions of issue 16
     * (dowhy/README.md, {@code effect}); a sidecar without them leaves them empty.
     *
     * @param exact the interval has no model-error part: every mechanism on the way is exact
     * @param identifiable false when the rows cannot separate a moved parent from an unmoved one
     * @param unreliable the sidecar gives at least one reason not to trust the number
     * @param reasons why not, each with a code, a sentence and the node ids it is about
     * @param experiment the nodes to set independently of their inputs in a rerun, when not identifiable
     */
    public record Effect(@MayBeNull Double value, @MayBeNull Double low, @MayBeNull Double high,
                         @MayBeAbsent Boolean exact, @MayBeAbsent Boolean identifiable,
                         @MayBeAbsent Boolean unreliable, @MayBeAbsent List<Finding> reasons,
                         @MayBeAbsent List<String> experiment) {
        public Effect {
            exact = exact != null && exact;
            identifiable = identifiable == null || identifiable;
            unreliable = unreliable != null && unreliable;
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
            experiment = experiment == null ? List.of() : List.copyOf(experiment);
        }

        /** An effect with its interval and nothing else said. */
        public Effect(double value, double low, double high) {
            this(value, low, high, null, null, null, null, null);
        }

        /** Whether the sidecar gave a number (it gives none for an effect experiments could not identify). */
        public boolean hasValue() {
            return value != null && low != null && high != null;
        }
    }

    /**
     * A reason not to trust an effect, as the sidecar words it: a code ({@code weak-fit},
     * {@code few-runs}, {@code extrapolated}, {@code extrapolated-path}, {@code not-identifiable},
     * {@code nearly-collinear}, {@code non-finite}), a sentence that names nodes by id in
     * backquotes, and those node ids.
     */
    public record Finding(String code, String message, @MayBeAbsent List<String> nodes) {
        public Finding {
            nodes = nodes == null ? List.of() : List.copyOf(nodes);
        }
    }
}
