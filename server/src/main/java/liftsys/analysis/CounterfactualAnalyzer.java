package liftsys.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import liftsys.ir.Definition;
import liftsys.sidecar.CounterfactualRequest;
import liftsys.sidecar.CounterfactualResult;
import liftsys.sidecar.SidecarException;
import liftsys.sidecar.SidecarRejectedException;
import liftsys.time.Deadline;
import liftsys.trace.Trace;
import liftsys.trace.TraceException;
import liftsys.trace.TraceIntervention;
import liftsys.trace.TraceRequest;

/**
 * "This run, with price = 12 instead of 9" ({@code liftsys/counterfactual}): one traced run of the
 * method replayed with its subject set or shifted, by DoWhy's {@code gcm.counterfactual_samples}
 * with the run's own noise, and, because the code is ours to run, measured too: the same inputs run
 * again with the change applied in the code (a deterministic method's counterfactual is then exact).
 * Thread-safe; nothing cached but the model the quantitative analysis keeps.
 */
public final class CounterfactualAnalyzer {
    private final QuantitativeAnalyzer quantitative;

    public CounterfactualAnalyzer(QuantitativeAnalyzer quantitative) {
        this.quantitative = quantitative;
    }

    /** A replayed run, or why there is none. */
    public record Answer(Counterfactual counterfactual, Degradation degradation) {
    }

    /**
     * @param run the index of the run among the traced runs (0-based)
     * @param change a shift of the subject, or a set (its {@code to} value; {@code from} is ignored)
     * @throws BadQueryException when the subject is a method's name, the run does not exist, or
     *     nothing is downstream of the subject
     */
    public Answer replay(StructuralImpact impact, int run, Intervention change, Settings settings,
                         Deadline deadline, BooleanSupplier cancelled, ProgressSink progress)
            throws BadQueryException {
        List<String> subject = impact.subject().definitionIds();
        if (impact.subject().isMethod() || subject.isEmpty()) {
            throw new BadQueryException(BadQueryException.Kind.NO_VARIABLE, "a counterfactual changes one variable; "
                    + "put the cursor on a parameter or a local, not on the method's name");
        }
        List<ImpactEntry> downstream = impact.downstream();
        if (downstream.isEmpty()) {
            throw new BadQueryException(BadQueryException.Kind.NO_VARIABLE, "nothing in " + impact.methodName()
                    + " depends on `" + impact.subject().name() + "`, so changing it changes nothing");
        }
        try {
            FittedMethod fitted = quantitative.model(impact, settings, deadline, cancelled, progress);
            checkCancelled(cancelled);
            Trace base = quantitative.baseline(impact, fitted, settings, deadline, cancelled);
            if (run < 0 || run >= base.rowCount()) {
                throw new BadQueryException(BadQueryException.Kind.NO_VARIABLE, "run " + run + " does not exist: "
                        + impact.methodName() + " has " + base.rowCount() + " traced runs (0 to "
                        + (base.rowCount() - 1) + ")");
            }
            progress.report("replaying run " + run, 80);
            // A conditional assignment changes where it runs, in the model as in the code (DerivedModels).
            DerivedModels.Plan plan = quantitative.plan(impact, fitted, settings, deadline, cancelled, progress);
            Map<String, Double> values = new LinkedHashMap<>();
            plan.subjectNodes().forEach(node -> values.put(node, change.isShift() ? change.shift() : change.to()));
            List<String> targets = downstream.stream().map(ImpactEntry::definitionId).distinct()
                    .filter(base.columns()::contains).toList();
            CounterfactualResult modelled = quantitative.client(settings).counterfactual(new CounterfactualRequest(
                    plan.model().sidecarModel(), run, change.isShift() ? Map.of() : values,
                    change.isShift() ? values : Map.of(), targets), deadline);
            checkCancelled(cancelled);
            progress.report("running it again with the change", 90);
            double[] measuredRow = null;
            String unmeasured = null;
            try {
                measuredRow = measured(impact, base, run, subject, change, settings, deadline, cancelled);
                if (measuredRow == null) {
                    unmeasured = "The run threw (or recorded a value that is not a finite number) once changed.";
                }
            } catch (TraceException e) {
                unmeasured = "The run was not repeated with the change in the code: " + e.getMessage();
            }
            return new Answer(counterfactual(impact, base, run, change, modelled, measuredRow, unmeasured), null);
        } catch (DegradedException e) {
            return new Answer(null, e.degradation());
        } catch (TraceException e) {
            return new Answer(null, Degradations.of(e, settings.timeoutMs()).degradation());
        } catch (SidecarException e) {
            return new Answer(null, Degradations.of(e, settings.timeoutMs()).degradation());
        } catch (SidecarRejectedException e) {
            return new Answer(null, Degradations.of(e).degradation());
        }
    }

    /** The run's row when its inputs run again with the change applied in the code; null when that run threw. */
    private double[] measured(StructuralImpact impact, Trace base, int run, List<String> subject,
                              Intervention change, Settings settings, Deadline deadline, BooleanSupplier cancelled)
            throws TraceException {
        TraceIntervention applied = change.isShift() ? TraceIntervention.shift(subject, change.shift())
                : TraceIntervention.set(subject, change.to());
        Trace changed = quantitative.tracer().trace(new TraceRequest(impact.document(), impact.member(),
                impact.graph(), settings.samples(), settings.seed(), settings.classpath(), deadline.remaining(),
                applied).cancellable(cancelled).inProject(quantitative.project(impact, deadline)));
        int row = changed.rowOfSample(base.sample(run));
        if (row < 0) {
            return null;
        }
        double[] values = new double[base.columns().size()];
        for (int j = 0; j < values.length; j++) {
            int k = changed.columns().indexOf(base.columns().get(j));
            values[j] = k < 0 ? Double.NaN : changed.value(row, k);
        }
        return values;
    }

    private static Counterfactual counterfactual(StructuralImpact impact, Trace base, int run, Intervention change,
                                                 CounterfactualResult modelled, double[] measuredRow,
                                                 String unmeasured) {
        NodeNames names = NodeNames.of(impact);
        Map<String, Double> inputs = new LinkedHashMap<>();
        for (Definition d : impact.graph().definitions()) {
            int j = base.columns().indexOf(d.id());
            if (d.id().endsWith("@in") && j >= 0) {
                inputs.put(names.quoted(d.id()).replace("`", ""), base.value(run, j));
            }
        }
        List<Counterfactual.Entry> entries = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ImpactEntry e : impact.downstream()) {
            int j = base.columns().indexOf(e.definitionId());
            if (j < 0 || !seen.add(e.variableId())) {
                continue;
            }
            Double value = null;
            Double low = null;
            Double high = null;
            CounterfactualResult.Change c = modelled.change().get(e.definitionId());
            if (modelled.available() && c != null && Double.isFinite(c.value())) {
                double factual = base.value(run, j);
                value = factual + c.value();
                low = c.low();
                high = c.high();
            }
            Double measured = measuredRow == null || !Double.isFinite(measuredRow[j]) ? null : measuredRow[j];
            entries.add(new Counterfactual.Entry(e, base.value(run, j), value, low, high, measured));
        }
        List<EffectReason> reasons = modelled.reasons().stream()
                .map(f -> new EffectReason(f.code(), names.rewrite(f.message()))).toList();
        String what = change.isShift() ? (change.shift() >= 0 ? "+" : "") + Extrapolation.number(change.shift())
                : "= " + Extrapolation.number(change.to());
        return new Counterfactual(run, impact.subject().name() + " " + what, inputs, entries, reasons,
                modelled.level() == null ? QuantitativeAnalyzer.LEVEL : modelled.level(),
                modelled.available() ? null : names.rewrite(String.valueOf(modelled.reason())), unmeasured);
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("the request was cancelled");
        }
    }
}
