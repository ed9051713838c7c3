package liftsys.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import liftsys.sidecar.EffectResult;

/**
 * Turns the sidecar's effect on one target, the effect measured by running the code, and the
 * server's own checks into the answer's {@link QuantEffect}: every reason not to trust the
 * estimate, in words that name variables as the code does. The sidecar's reasons come first
 * (weak fits on the way, few runs, extrapolation against the kept runs, collinear inputs); then
 * the server's: the estimate and the measured effect differ by more than
 * {@link ObservedEffect#RELATIVE_TOLERANCE} ({@code measured-differs}, which also sets
 * {@code disagrees}), or agree within it while the measured effect lies outside the estimate's
 * interval ({@code measured-outside-interval}: the interval promised too much); the subject moved
 * outside the range its sampler drew from, when the sidecar did not already say so; the target's own
 * fit below {@code minQuality}, for a sidecar that gives no reasons. Stateless.
 */
final class EffectJudge {
    /** The sentence the sidecar adds to a collinearity: advice the server follows itself. */
    private static final String SIDECAR_ADVICE = " Run it again with ";

    private EffectJudge() {
    }

    /**
     * What an experiment did for this effect: nothing was needed, it ran (the estimate comes from a
     * model with rows where the definitions {@code randomised} were drawn at random), or it could not
     * run ({@code failed} says why).
     */
    record Experiment(List<String> randomised, String failed) {
        static final Experiment NONE = new Experiment(List.of(), null);

        Experiment {
            randomised = List.copyOf(randomised);
        }

        static Experiment ran(List<String> randomised) {
            return new Experiment(randomised, null);
        }

        static Experiment failed(List<String> wanted, String why) {
            return new Experiment(wanted, why);
        }

        boolean ran() {
            return !randomised.isEmpty() && failed == null;
        }
    }

    /**
     * @param effect the sidecar's effect on the target
     * @param level the level of its interval
     * @param observed the effect measured by running the code, or null
     * @param scale the median magnitude of the target's traced values (the scale of the tolerance's floor)
     * @param targetR2 the held-out R^2 of the target's own mechanism, or null for a root
     * @param minQuality the setting
     * @param extrapolation the server's note when the subject leaves the range it was sampled in, or null
     * @param names how to name the model's nodes
     * @param experiment what an experiment did for this effect
     * @param fewRuns the server's sentence when the traced runs are fewer than half the planned ones
     *     (for models with experiment rows, which the sidecar cannot judge so), or null
     */
    static QuantEffect judge(EffectResult.Effect effect, double level, ObservedEffect observed, double scale,
                             Double targetR2, double minQuality, String extrapolation, NodeNames names,
                             Experiment experiment, String fewRuns) {
        List<EffectReason> reasons = new ArrayList<>();
        boolean sidecarSaysExtrapolated = false;
        boolean sidecarSaysWeak = false;
        for (EffectResult.Finding f : effect.reasons()) {
            sidecarSaysExtrapolated |= f.code().startsWith("extrapolated");
            sidecarSaysWeak |= f.code().equals("weak-fit");
            reasons.add(new EffectReason(f.code(), sentence(f, names, experiment)));
        }
        if (!sidecarSaysWeak && effect.reasons().isEmpty() && targetR2 != null && !(targetR2 >= minQuality)) {
            // A sidecar without reasons: the server's rule of old, the target's own fit.
            reasons.add(new EffectReason("weak-fit", "The model predicts this variable from its inputs with a "
                    + "held-out R² of " + String.format(Locale.ROOT, "%.2f", targetR2) + " (below "
                    + Extrapolation.number(minQuality) + ")."));
        }
        if (fewRuns != null && effect.reasons().stream().noneMatch(f -> f.code().equals("few-runs"))) {
            reasons.add(new EffectReason("few-runs", fewRuns));
        }
        if (extrapolation != null && !sidecarSaysExtrapolated) {
            reasons.add(new EffectReason("extrapolated", extrapolation));
        }
        QuantEffect.Estimate estimate = null;
        if (effect.hasValue() && Double.isFinite(effect.value()) && Double.isFinite(effect.low())
                && Double.isFinite(effect.high())) {
            estimate = new QuantEffect.Estimate(effect.value(), effect.low(), effect.high());
        } else if (effect.hasValue()) {
            if (effect.reasons().stream().noneMatch(f -> f.code().equals("non-finite"))) {
                reasons.add(new EffectReason("non-finite", "DoWhy's estimate is not a finite number ("
                        + effect.value() + ", interval " + effect.low() + " to " + effect.high()
                        + "): the fitted model overflows here."));
            }
        } else if (!effect.identifiable() && effect.reasons().stream().noneMatch(f -> f.code().equals("not-identifiable"))) {
            reasons.add(new EffectReason("not-identifiable", "The traced runs cannot tell this effect apart from "
                    + "the effects of other inputs, so no number is given."));
        }
        boolean disagrees = false;
        if (estimate != null && observed != null) {
            if (observed.differsFrom(estimate.value(), scale)) {
                disagrees = true;
                reasons.add(new EffectReason("measured-differs", "DoWhy's estimate, " + signed(estimate.value())
                        + ", is " + apart(estimate.value(), observed.value()) + " the effect measured by running the "
                        + "code, " + signed(observed.value()) + ": trust the measured one, which is what the code "
                        + "does on the sampled inputs."));
            } else if (observed.outside(estimate.low(), estimate.high())) {
                reasons.add(new EffectReason("measured-outside-interval", "The effect measured by running the code, "
                        + signed(observed.value()) + ", lies outside DoWhy's " + percent(level) + " interval ["
                        + signed(estimate.low()) + ", " + signed(estimate.high()) + "], which is too narrow (the "
                        + "estimate is " + apart(estimate.value(), observed.value()) + " it)."));
            }
        }
        return new QuantEffect(estimate, level, observed, disagrees, reasons, effect.exact() && estimate != null,
                experiment.ran() ? experiment.randomised().stream().map(names::plain).toList() : List.of());
    }

    /** The sidecar's sentence with names for node ids, and its advice replaced by what the server did. */
    private static String sentence(EffectResult.Finding f, NodeNames names, Experiment experiment) {
        String message = f.message();
        boolean collinear = f.code().equals("not-identifiable") || f.code().equals("nearly-collinear");
        int advice = message.indexOf(SIDECAR_ADVICE);
        if (collinear && advice >= 0) {
            message = message.substring(0, advice);
        }
        message = names.rewrite(message);
        boolean stillNot = f.code().equals("not-identifiable") || experiment.failed() != null;
        if (collinear && stillNot && !experiment.randomised().isEmpty()) {
            String which = String.join(", ", experiment.randomised().stream().map(names::quoted).toList());
            message += experiment.failed() != null
                    ? " liftsys could not run the method again with " + which + " drawn at random: " + experiment.failed()
                    : " The method was run again with " + which + " drawn at random, independently of its inputs, "
                            + "and even those runs cannot tell.";
        }
        return message;
    }

    /** "off by 12% of" or "off by 1.3% of" between an estimate and a measured value. */
    private static String apart(double estimate, double measured) {
        if (measured == 0) {
            return "off by " + Extrapolation.number(Math.abs(estimate)) + " from";
        }
        double share = Math.abs(estimate - measured) / Math.abs(measured) * 100;
        String pct = share >= 10 ? String.format(Locale.ROOT, "%.0f%%", share)
                : String.format(Locale.ROOT, "%.2g%%", share);
        return "off by " + pct + " of";
    }

    private static String percent(double level) {
        return String.format(Locale.ROOT, "%.0f%%", level * 100);
    }

    /** A number with its sign, four significant digits. */
    static String signed(double v) {
        String s = Extrapolation.number(v);
        return v > 0 || (v == 0 && 1 / v > 0) ? "+" + s : s;
    }
}
