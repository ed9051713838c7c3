package liftsys.analysis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import liftsys.ir.JavaDocument;
import liftsys.ir.MethodGraph;
import liftsys.sidecar.EffectRequest;
import liftsys.sidecar.EffectResult;
import liftsys.sidecar.FitRequest;
import liftsys.sidecar.FitResult;
import liftsys.sidecar.NodeIntervention;
import liftsys.sidecar.SidecarClient;
import liftsys.sidecar.SidecarException;
import liftsys.sidecar.SidecarRejectedException;
import liftsys.time.Deadline;
import liftsys.trace.Trace;
import liftsys.trace.TraceException;
import liftsys.trace.TraceProject;
import liftsys.trace.TraceRequest;

/**
 * The quantitative part of an answer: trace the method, fit its causal model in the sidecar, and
 * estimate the effect of the intervention on every downstream entry; then check those effects by
 * running the same sampled inputs with the intervention applied in the code ({@link EffectChecker}),
 * within the same budget. Fitted models are shared by content key, so a repeated question costs one
 * effect query; {@code timeoutMs} bounds the whole part, and every failure of the fit or the effect
 * query becomes a {@link Degradation} (a failed check only leaves the effects unchecked). Thread-safe.
 */
public final class QuantitativeAnalyzer {
    static final double LEVEL = 0.95;
    private static final int EFFECT_CACHE_SIZE = 2048;

    private final MethodTracer tracer;
    private final SidecarHolder sidecar;
    private final DocumentIrCache ir;
    private final FitCache fits;
    private final EffectChecker checker;
    private final DerivedModels derived;
    /** Effect query results by effect key; small records, so bounded by count. */
    private final Cache<String, EffectResult> effects = Caffeine.newBuilder().maximumSize(EFFECT_CACHE_SIZE).build();
    /** The last quantified answer per method content key, for lenses and hints. */
    /**
     * The last quantified answer per method, for lenses and hints: by the method's own text key
     * (cheap, so methods never quantified cost nothing), with the full content key it was made under.
     */
    private final Cache<String, Recent> recent = Caffeine.newBuilder().maximumSize(EFFECT_CACHE_SIZE).build();

    private record Recent(String contentKey, RecentEffects effects) {
    }

    private final java.nio.file.Path dumpDirectory;
    private final CompileCheck compileCheck = new CompileCheck();
    private volatile ProjectLookup projects = ProjectLookup.NONE;

    /**
     * {@code capacity} bounds the fitted models kept; {@code dumpDirectory}, when not null, receives
     * every fit request as JSON (for benchmarks).
     */
    public QuantitativeAnalyzer(MethodTracer tracer, SidecarHolder sidecar, DocumentIrCache ir, int capacity,
                                java.nio.file.Path dumpDirectory) {
        this.dumpDirectory = dumpDirectory;
        this.tracer = tracer;
        this.sidecar = sidecar;
        this.ir = ir;
        this.checker = new EffectChecker(tracer);
        this.fits = new FitCache(capacity, this::forget);
        this.derived = new DerivedModels(this);
    }

    /**
     * Where documents' projects come from (their build's class path and sources); until this is
     * called every document is traced alone, against the {@code classpath} setting.
     */
    public void useProjects(ProjectLookup lookup) {
        this.projects = lookup;
    }

    /**
     * Effects for the structural answer's subject and downstream entries. Checks {@code cancelled}
     * between phases and throws {@link CancellationException} when it says so.
     */
    public QuantitativeAnswer quantify(StructuralImpact impact, Intervention intervention, Settings settings,
                                       Deadline deadline, BooleanSupplier cancelled, ProgressSink progress) {
        try {
            if (!settings.executeCode()) {
                throw Degradations.executionDisabled();
            }
            // Quantifying may wait for the build's class path (half the budget at most); structure never does.
            TraceProject project = project(impact, deadline);
            String plainKey = contentKey(impact, settings, project);
            String key = plainKey + projectKey(project, settings);
            FittedWithOrigin fitted = fitted(key, impact, settings, project, deadline, cancelled, progress);
            checkCancelled(cancelled);
            Intervention asked = intervention;
            intervention = StringInterventions.adapt(impact.subject().definitionIds(), asked, fitted.method);
            progress.report("estimating", 90);
            Estimated estimated = estimate(impact, fitted, intervention,
                    new DerivedModels.Budget(settings, project, deadline, cancelled, progress, false));
            EffectChecker.Outcome checked = EffectChecker.Outcome.NONE;
            if (!estimated.result().effects().isEmpty()) {
                checkCancelled(cancelled);
                progress.report("checking the effects with " + (intervention.isShift() ? "" : "2 x ")
                        + settings.samples() + " runs of the code", 95);
                checked = checker.check(effectKey(fitted.method, impact, intervention), fitted.method.contentKey(),
                        impact, intervention, targets(impact), settings, project, deadline, cancelled);
            }
            QuantitativeAnswer answer = AnswerWriter.answer(impact, asked, estimated, checked, settings,
                    tracer.containmentNote());
            JavaDocument quantified = ir.documentOf(impact.snapshot());
            recent.put(ContentKey.of(quantified, impact.member(), impact.graph(), settings), new Recent(plainKey,
                    new RecentEffects(impact.subject().name(), impact.subject().isMethod(), intervention,
                            answer.effects())));
            return answer;
        } catch (DegradedException e) {
            return QuantitativeAnswer.degraded(e.degradation());
        }
    }

    /**
     * DoWhy's effects, on the model the question needs (DerivedModels): the method's own, or one
     * with the subject's conditional definitions split, or one with an experiment's rows: where the
     * change takes the subject outside the values the runs gave it (sampled there instead), and where
     * the traced runs cannot tell an effect. With a ready-only budget, only models already fitted are used.
     */
    private Estimated estimate(StructuralImpact impact, FittedWithOrigin fitted, Intervention intervention,
                               DerivedModels.Budget budget) throws DegradedException {
        java.util.Optional<DerivedModels.Plan> planned = derived.plan(impact, fitted.method, budget);
        if (planned.isEmpty()) {
            throw new DegradedException(Degradation.Reason.UNSUPPORTED, "not fitted yet where the assignment runs");
        }
        DerivedModels.Plan plan = planned.get();
        EffectResult result = effectsOf(plan.model(), plan.subjectNodes(), impact, intervention, budget.settings(),
                budget.deadline());
        java.util.Set<String> outside = DerivedModels.outside(result, plan);
        if (!outside.isEmpty() && !intervention.isText()) {
            // The change leaves the values the runs gave the subject: sample it there rather than extrapolate.
            java.util.Optional<DerivedModels.Plan> widened = derived.widen(impact, fitted.method, plan, outside,
                    intervention, budget);
            if (widened.isPresent()) {
                plan = widened.get();
                if (plan.covered()) {
                    result = effectsOf(plan.model(), plan.subjectNodes(), impact, intervention, budget.settings(),
                            budget.deadline());
                    if (!DerivedModels.outside(result, plan).isEmpty()) {
                        plan = plan.notReached();
                    }
                }
            }
        }
        FittedWithOrigin model = plan.model() == fitted.method ? fitted : new FittedWithOrigin(plan.model(),
                fitted.cached);
        java.util.Set<String> wanted = DerivedModels.wanted(result, plan);
        if (wanted.isEmpty()) {
            return new Estimated(model.method, model.cached, result, plan, EffectJudge.Experiment.NONE, fitted.method.rows());
        }
        List<String> names = List.copyOf(wanted);
        java.util.Optional<DerivedModels.Experimented> experimented;
        try {
            experimented = derived.experiment(impact, fitted.method, plan, wanted, budget);
        } catch (DegradedException e) {
            experimented = java.util.Optional.of(new DerivedModels.Experimented(plan, e.degradation().message()));
        }
        if (experimented.isEmpty()) {
            return new Estimated(model.method, model.cached, result, plan, EffectJudge.Experiment.NONE, fitted.method.rows());
        }
        if (experimented.get().failed() != null) {
            return new Estimated(model.method, model.cached, result, plan, EffectJudge.Experiment.failed(names,
                    experimented.get().failed()), fitted.method.rows());
        }
        DerivedModels.Plan withRows = experimented.get().plan();
        EffectResult again = effectsOf(withRows.model(), withRows.subjectNodes(), impact, intervention,
                budget.settings(), budget.deadline());
        return new Estimated(withRows.model(), fitted.cached, again, withRows,
                EffectJudge.Experiment.ran(names), fitted.method.rows());
    }

    /** The fitted method for the impact's method content, only if it is cached and done. */
    public java.util.Optional<FittedMethod> cached(StructuralImpact impact, Settings settings) {
        if (!settings.executeCode()) {
            return java.util.Optional.empty();
        }
        TraceProject project = projects.project(impact.uri(), impact.snapshot().text(), Duration.ZERO);
        return fits.ready(contentKey(impact, settings, project) + projectKey(project, settings));
    }

    /**
     * The class path's part of a fit's key: the build's class path fingerprint (entries with size
     * and time, directories' files), and the same of the {@code classpath} setting's entries.
     */
    private static String projectKey(TraceProject project, Settings settings) {
        return (project.fingerprint().isEmpty() ? "" : "|project " + project.fingerprint())
                + (settings.classpath().isEmpty() ? "" : "|classpath " + ClassPathStamp.of(settings.classpath()));
    }

    /**
     * Effects from a cached model only, for hover: never traces or fits, and waits for the effect
     * query until {@code deadline}.
     */
    public java.util.Optional<QuantitativeAnswer> fromCache(StructuralImpact impact, Intervention intervention,
                                                           Settings settings, Deadline deadline) {
        java.util.Optional<FittedMethod> fitted = cached(impact, settings);
        if (fitted.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            TraceProject project = projects.project(impact.uri(), impact.snapshot().text(), Duration.ZERO);
            Intervention applied = StringInterventions.adapt(impact.subject().definitionIds(), intervention,
                    fitted.get());
            Estimated estimated = estimate(impact, new FittedWithOrigin(fitted.get(), true), applied,
                    new DerivedModels.Budget(settings, project, deadline, () -> false, ProgressSink.NONE, true));
            EffectChecker.Outcome checked = checker.cached(effectKey(fitted.get(), impact, applied))
                    .orElse(EffectChecker.Outcome.NONE);
            return java.util.Optional.of(AnswerWriter.answer(impact, intervention, estimated, checked, settings,
                    tracer.containmentNote()));
        } catch (DegradedException e) {
            return java.util.Optional.empty();
        }
    }

    /** The last quantified answer for a method's current content, if any; never computes. */
    public java.util.Optional<RecentEffects> recent(liftsys.text.DocumentSnapshot snapshot, JavaDocument document,
                                                    liftsys.ir.Member member, Settings settings) {
        Recent last = recent.getIfPresent(ContentKey.of(document, member, document.graphOf(member), settings));
        if (last == null) {
            return java.util.Optional.empty();
        }
        TraceProject project = projects.project(snapshot.uri(), snapshot.text(), Duration.ZERO);
        String key = ContentKey.of(document, member, document.graphOf(member), settings, ReachedCode.Sources.of(project));
        return key.equals(last.contentKey()) ? java.util.Optional.of(last.effects()) : java.util.Optional.empty();
    }

    /**
     * The fitted model of the impact's method: cached, shared with a fit under way, or traced and
     * fitted here within the deadline (for the requests that query a model in other ways: drivers,
     * counterfactuals).
     */
    FittedMethod model(StructuralImpact impact, Settings settings, Deadline deadline, BooleanSupplier cancelled,
                       ProgressSink progress) throws DegradedException {
        if (!settings.executeCode()) {
            throw Degradations.executionDisabled();
        }
        TraceProject project = project(impact, deadline);
        return fitted(contentKey(impact, settings, project) + projectKey(project, settings), impact, settings,
                project, deadline, cancelled, progress).method;
    }

    /** The impact's project (its build's class path and sources), waiting half the budget at most. */
    TraceProject project(StructuralImpact impact, Deadline deadline) {
        TraceProject project = projects.project(impact.uri(), impact.snapshot().text(),
                deadline.remaining().dividedBy(2));
        if (!project.sourceRoots().isEmpty()) {
            // Lets the worker reuse the siblings it compiled for another method of this document.
            project = project.withDocumentShape(DocumentShape.of(ir.documentOf(impact.snapshot())));
        }
        return project;
    }

    /** The sidecar client for the settings (the {@code python} setting picks the interpreter). */
    SidecarClient client(Settings settings) {
        return sidecar.client(settings);
    }

    /** The trace the model was fitted on, while it is kept; else the same inputs traced again. */
    Trace baseline(StructuralImpact impact, FittedMethod fitted, Settings settings, Deadline deadline,
                   BooleanSupplier cancelled) throws TraceException, DegradedException {
        java.util.Optional<Trace> kept = checker.baseline(fitted.contentKey());
        if (kept.isPresent()) {
            return kept.get();
        }
        Trace trace = tracer.trace(new TraceRequest(impact.document(), impact.member(), impact.graph(),
                settings.samples(), settings.seed(), settings.classpath(), timeLeft(deadline, "tracing again"))
                .cancellable(cancelled).inProject(project(impact, deadline)));
        checker.remember(fitted.contentKey(), trace);
        return trace;
    }

    /**
     * The model a change of the impact's subject is asked of, and the nodes it goes to: the
     * method's own, or the one with the subject's conditional definitions split (so the change
     * applies where they run, as in the code).
     */
    DerivedModels.Plan plan(StructuralImpact impact, FittedMethod fitted, Settings settings, Deadline deadline,
                            BooleanSupplier cancelled, ProgressSink progress) throws DegradedException {
        return derived.plan(impact, fitted, new DerivedModels.Budget(settings, project(impact, deadline), deadline,
                cancelled, progress, false)).orElseThrow();
    }

    /** The trace a fitted method was fitted on, while the checker keeps it. */
    java.util.Optional<Trace> keptTrace(FittedMethod fitted) {
        return checker.baseline(fitted.contentKey());
    }

    /** The same inputs traced again (the kept trace was let go of), kept again. */
    Trace retrace(StructuralImpact impact, FittedMethod fitted, DerivedModels.Budget budget) throws DegradedException {
        Settings settings = budget.settings();
        try {
            Trace trace = tracer.trace(new TraceRequest(impact.document(), impact.member(), impact.graph(),
                    settings.samples(), settings.seed(), settings.classpath(), timeLeft(budget.deadline(),
                    "tracing again")).cancellable(budget.cancelled()).inProject(budget.project()));
            checker.remember(fitted.contentKey(), trace);
            return trace;
        } catch (TraceException e) {
            throw Degradations.of(e, settings.timeoutMs());
        }
    }

    /** A derived model of the shared fit cache, if it is done; never fits. */
    java.util.Optional<FittedMethod> readyDerived(String key) {
        return fits.ready(key);
    }

    /** A derived model (DerivedModels): fitted once per key, shared like the method's own model. */
    FittedMethod fitDerived(String key, FittedMethod base, java.util.function.Supplier<FitRequest> request,
                            DerivedModels.Budget budget) throws DegradedException {
        Settings settings = budget.settings();
        try {
            return fits.get(key, budget.deadline(), () -> { }, () -> {
                FitRequest built = request.get();
                try {
                    FitResult fit = sidecar.client(settings).fit(built, budget.deadline());
                    int rows = built.data().values().iterator().next().size();
                    return new FittedMethod(key, fit.model(), fit.r2(), fit.mechanism(), fit.fitMillis(), rows,
                            base.thrown(), base.inputs(), base.engine(), fit.notes(), base.runs(), base.measures(),
                            StringFeatures.NONE);
                } catch (SidecarException e) {
                    throw Degradations.of(e, settings.timeoutMs());
                } catch (SidecarRejectedException e) {
                    throw Degradations.of(e);
                }
            }).value();
        } catch (TimeoutException e) {
            throw Degradations.timeout(settings.timeoutMs(), "waiting for a fit of the same method");
        }
    }

    /** The tracer, for runs with an intervention applied in the code. */
    MethodTracer tracer() {
        return tracer;
    }

    private String contentKey(StructuralImpact impact, Settings settings, TraceProject project) {
        JavaDocument document = ir.documentOf(impact.snapshot());
        return ContentKey.of(document, impact.member(), impact.graph(), settings, ReachedCode.Sources.of(project));
    }

    private record FittedWithOrigin(FittedMethod method, boolean cached) {
    }

    /** The shared fit for a key: done here when none is under way or done, else awaited within the deadline. */
    private FittedWithOrigin fitted(String key, StructuralImpact impact, Settings settings, TraceProject project,
                                    Deadline deadline, BooleanSupplier cancelled, ProgressSink progress)
            throws DegradedException {
        try {
            SharedWork.Result<FittedMethod> fitted = fits.get(key, deadline,
                    () -> progress.report("waiting for the same analysis started by another request", 10),
                    () -> fit(key, impact, settings, project, deadline, cancelled, progress));
            return new FittedWithOrigin(fitted.value(), fitted.wasDone());
        } catch (TimeoutException e) {
            throw Degradations.timeout(settings.timeoutMs(), "waiting for a fit of the same method");
        }
    }

    private FittedMethod fit(String key, StructuralImpact impact, Settings settings, TraceProject project,
                             Deadline deadline,
                             BooleanSupplier cancelled, ProgressSink progress) throws DegradedException {
        MethodGraph graph = impact.graph();
        JavaDocument document = ir.documentOf(impact.snapshot());
        if (!document.problems().isEmpty()) {
            throw Degradations.fileDoesNotParse(impact.snapshot(), document, impact.methodName());
        }
        progress.report("tracing " + settings.samples() + " runs", 5);
        Trace trace;
        try {
            trace = tracer.trace(new TraceRequest(impact.document(), impact.member(), graph,
                    settings.samples(), settings.seed(), settings.classpath(), timeLeft(deadline, "starting to trace"))
                    .cancellable(cancelled).inProject(project));
        } catch (TraceException e) {
            // The advice fits the cause: a missing class is the build's (named), a throwing method its exception's.
            throw Degradations.of(e, settings.timeoutMs(), impact, document, settings, compileCheck, project);
        }
        checkCancelled(cancelled);
        if (trace.rowCount() < 5) {
            throw new DegradedException(Degradation.Reason.TRACE_FAILED, "Only " + trace.rowCount() + " of "
                    + trace.run() + " runs of " + impact.methodName() + " completed"
                    + (trace.firstException() == null ? "" : "; first exception: " + trace.firstException())
                    + ". Make the method run on sampled inputs, or add what it needs to liftsys.classpath.");
        }
        progress.report("fitting", 50);
        SidecarClient client = sidecar.client(settings);
        try {
            RunCounts runs = RunCounts.of(trace, graph);
            StringFeatures strings = StringFeatures.of(trace);
            FitRequest request = strings.expand(FitRequests.observed(graph, trace, settings), trace);
            dump(impact.methodName(), key, request);
            FitResult fit = client.fit(request, deadline);
            String engine = "dowhy " + client.hello(deadline).versions().getOrDefault("dowhy", "?");
            Map<String, String> inputs = new TreeMap<>();
            trace.inputs().forEach((id, range) -> inputs.put(id, range.description()));
            checker.remember(key, trace);
            return new FittedMethod(key, fit.model(), fit.r2(), fit.mechanism(), fit.fitMillis(), trace.rowCount(),
                    trace.thrown(), inputs, engine, fit.notes(), runs, trace.measures(), strings);
        } catch (SidecarException e) {
            throw Degradations.of(e, settings.timeoutMs());
        } catch (SidecarRejectedException e) {
            throw Degradations.of(e);
        }
    }

    /** Keeps the fit request on disk when asked to, so a benchmark can replay it another way. */
    private void dump(String methodName, String key, FitRequest request) {
        if (dumpDirectory == null) {
            return;
        }
        try {
            java.nio.file.Files.createDirectories(dumpDirectory);
            java.nio.file.Files.writeString(dumpDirectory.resolve(methodName + "-" + key.substring(0, 12) + ".json"),
                    request.wireJson());
        } catch (java.io.IOException e) {
            System.err.println("[liftsys] could not keep the fit request of " + methodName + ": " + e);
        }
    }

    private EffectResult effectsOf(FittedMethod fitted, List<String> subjectNodes, StructuralImpact impact,
                                   Intervention intervention, Settings settings, Deadline deadline)
            throws DegradedException {
        List<String> targets = targets(impact);
        if (subjectNodes.isEmpty() || targets.isEmpty()) {
            return new EffectResult(Map.of(), LEVEL);
        }
        String key = fitted.sidecarModel() + "|" + subjectNodes + "|" + intervention + "|" + targets + "|"
                + minQuality(settings);
        EffectResult cached = effects.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        NodeIntervention wire = StringInterventions.wire(subjectNodes, impact.subject().name(),
                intervention, fitted);
        try {
            EffectResult result = sidecar.client(settings).effect(new EffectRequest(fitted.sidecarModel(), wire, targets,
                    fitted.rows(), LEVEL, settings.seed(), minQuality(settings)), deadline);
            effects.put(key, result);
            return result;
        } catch (SidecarException e) {
            throw Degradations.of(e, settings.timeoutMs());
        } catch (SidecarRejectedException e) {
            throw Degradations.of(e);
        }
    }

    /** The setting as the sidecar takes it: within [0, 1]. */
    static double minQuality(Settings settings) {
        double q = settings.minQuality();
        return Double.isNaN(q) ? EffectRequest.DEFAULT_MIN_QUALITY : Math.max(0, Math.min(1, q));
    }

    private static List<String> targets(StructuralImpact impact) {
        return impact.downstream().stream().map(ImpactEntry::definitionId).distinct().toList();
    }

    /** What an effect (and its check) is cached by: the model, the subject's nodes, the intervention, the targets. */
    private static String effectKey(FittedMethod fitted, StructuralImpact impact, Intervention intervention) {
        return fitted.sidecarModel() + "|" + impact.subject().definitionIds() + "|" + intervention + "|"
                + targets(impact);
    }

    /** Lets the sidecar (and the checker's kept trace) go of a fitted method the cache evicted; never blocks. */
    private void forget(FittedMethod evicted) {
        checker.forget(evicted.contentKey());
        var client = sidecar.existing();
        if (client != null) {
            client.forget(evicted.sidecarModel());
        }
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("the request was cancelled");
        }
    }

    /** What is left for the tracing layer, which takes a duration; none left is a timeout. */
    static Duration timeLeft(Deadline deadline, String phase) throws DegradedException {
        if (deadline.expired()) {
            throw Degradations.timeout(deadline.budgetMillis(), phase);
        }
        return deadline.remaining();
    }
}
