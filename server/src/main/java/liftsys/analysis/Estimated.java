package liftsys.analysis;

import liftsys.sidecar.EffectResult;

/**
 * DoWhy's effects for one question and where they come from: the model queried ({@code cached}:
 * whether the method's fit was already done), the plan that chose it (split definitions, drawn
 * ones), what an experiment did, and how many of the model's rows are the traced runs.
 */
record Estimated(FittedMethod model, boolean cached, EffectResult result, DerivedModels.Plan plan,
                 EffectJudge.Experiment experiment, int observedRows) {
}
