package liftsys.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liftsys.ir.Definition;
import liftsys.ir.MethodGraph;
import liftsys.sidecar.EffectResult;

/**
 * The quantitative part of an answer from DoWhy's effects and the effects measured by running
 * the code: one judged effect per downstream variable ({@link EffectJudge}), and the model's
 * summary with its notes (where the change applies, an experiment that ran, the sidecar's notes in
 * the code's names). Stateless.
 */
final class AnswerWriter {
    private AnswerWriter() {
    }

    /**
     * @param asked the intervention as the user asked it (a boolean's shift is applied as a set:
     *     {@link StringInterventions}), for the note that says how the model took it
     */
    static QuantitativeAnswer answer(StructuralImpact impact, Intervention asked, Estimated estimated,
                                     EffectChecker.Outcome checked, Settings settings, Optional<String> containment) {
        EffectResult result = estimated.result();
        EffectJudge.Experiment experiment = estimated.experiment();
        DerivedModels.Plan plan = estimated.plan();
        // Sampled where the change takes the subject: the model has seen those values, DoWhy does not extrapolate.
        String extrapolation = plan.covered() ? null : checked.extrapolation();
        EffectJudge.Experiment judged = plan.covered() ? withWidened(experiment, plan.widened())
                : experiment;
        FittedMethod method = estimated.model();
        NodeNames names = NodeNames.of(impact);
        Map<String, QuantEffect> byVariable = new LinkedHashMap<>();
        Map<String, String> measures = new LinkedHashMap<>();
        List<String> unreliable = new ArrayList<>();
        int observedCount = 0;
        int disagreements = 0;
        for (ImpactEntry e : impact.downstream()) {
            EffectResult.Effect effect = result.effects().get(e.definitionId());
            if (effect == null || byVariable.containsKey(e.variableId())) {
                continue;
            }
            Double r2 = method.r2().get(e.definitionId());
            // A NaN R^2 is weak too; so is every effect of a model fitted on fewer than half the planned runs.
            if ((r2 != null && !(r2 >= settings.minQuality())) || (method.runs() != null && method.runs().few())) {
                unreliable.add(e.name());
            }
            ObservedEffect observed = checked.observed().get(e.definitionId());
            QuantEffect quantified = EffectJudge.judge(effect, result.level(), observed,
                    checked.scales().getOrDefault(e.definitionId(), 0.0), r2, settings.minQuality(),
                    extrapolation, names, judged, fewRuns(estimated, settings));
            if (observed != null) {
                observedCount++;
                disagreements += quantified.disagrees() ? 1 : 0;
            }
            byVariable.put(e.variableId(), quantified);
            String measure = method.measures().get(e.definitionId());
            if (measure != null) {
                measures.put(e.variableId(), measure);
            }
        }
        List<String> notes = new ArrayList<>();
        StringInterventions.note(impact.subject().definitionIds(), impact.subject().name(), asked, method)
                .ifPresent(notes::add);
        if (extrapolation != null) {
            notes.add(extrapolation);
        }
        if (plan.widened() != null) {
            notes.add(DerivedModels.widenedNote(impact, plan.widened()));
        }
        if (checked.unchecked() != null) {
            notes.add(checked.unchecked());
        }
        if (!estimated.plan().split().isEmpty()) {
            notes.add(DerivedModels.splitNote(impact, estimated.plan().split()));
        }
        if (experiment.ran()) {
            notes.add(DerivedModels.experimentNote(impact, experiment.randomised(),
                    method.rows() - estimated.observedRows() - (plan.widened() != null && plan.widened().ran()
                            ? plan.widened().runs() : 0)));
        }
        // The sidecar's notes, in the code's names; those about the parts of a split definition are ours to say.
        boolean experimented = experiment.ran() || (plan.widened() != null && plan.widened().ran());
        method.notes().stream().filter(n -> !n.contains(FitRequests.OWN) && !n.contains(FitRequests.RAN)
                        && !(experimented && n.contains("independently of its inputs")))
                .map(names::rewrite).forEach(notes::add);
        if (method.runs() != null) {
            notes.addAll(method.runs().notes());
        }
        containment.ifPresent(notes::add);
        Map<String, Double> quality = new LinkedHashMap<>();
        MethodGraph graph = impact.graph();
        method.r2().forEach((definitionId, r2) -> {
            Definition d = graph.definition(definitionId);
            if (d != null) {
                quality.merge(graph.variableOf(d).name(), r2, Math::min);
            }
        });
        ModelSummary model = new ModelSummary(method.engine(), method.rows(), method.fitMillis(), estimated.cached(),
                quality, unreliable, method.inputs(), method.thrown(), observedCount, disagreements,
                extrapolation != null, notes, method.runs());
        return new QuantitativeAnswer(byVariable, model, null, measures);
    }

    /** The experiment as the effects see it: the subject's definitions drawn across the question's values too. */
    private static EffectJudge.Experiment withWidened(EffectJudge.Experiment experiment,
                                                      DerivedModels.Widened widened) {
        List<String> randomised = new ArrayList<>(widened.ranges().keySet());
        experiment.randomised().stream().filter(n -> !randomised.contains(n)).forEach(randomised::add);
        return new EffectJudge.Experiment(randomised, experiment.failed());
    }

    /**
     * The server's own few-runs sentence, for models the sidecar cannot judge (their experiment rows
     * hide how many runs were traced): fewer than half the planned runs completed.
     */
    private static String fewRuns(Estimated estimated, Settings settings) {
        boolean derived = estimated.model().rows() != estimated.observedRows()
                || !estimated.plan().split().isEmpty();
        if (!derived || estimated.observedRows() * 2 >= settings.samples()) {
            return null;
        }
        return "The model was fitted on " + estimated.observedRows() + " of " + settings.samples()
                + " planned runs, fewer than half; the rest may not be like them.";
    }

}
