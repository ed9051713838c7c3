package liftsys.analysis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import liftsys.ir.Definition;
import liftsys.ir.Edge;
import liftsys.ir.EdgeKind;
import liftsys.ir.JavaDocument;
import liftsys.ir.MethodGraph;
import liftsys.sidecar.EffectRequest;
import liftsys.sidecar.EffectResult;
import liftsys.sidecar.FitRequest;
import liftsys.sidecar.FitResult;
import liftsys.sidecar.SidecarClient;
import liftsys.sidecar.SidecarException;
import liftsys.sidecar.SidecarRejectedException;
import liftsys.time.Deadline;
import liftsys.trace.ColumnType;
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
    /** Effect query results by effect key; small records, so bounded by count. */
    private final Cache<String, EffectResult> effects = Caffeine.newBuilder().maximumSize(EFFECT_CACHE_SIZE).build();
    /** The last quantified answer per method content key, for lenses and hints. */
    private final Cache<String, RecentEffects> recent = Caffeine.newBuilder().maximumSize(EFFECT_CACHE_SIZE).build();

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
            TraceProject project = projects.project(impact.uri(), impact.snapshot().text(),
                    deadline.remaining().dividedBy(2));
            String plainKey = contentKey(impact, settings);
            String key = plainKey + projectKey(project);
            FittedWithOrigin fitted = fitted(key, impact, settings, project, deadline, cancelled, progress);
            checkCancelled(cancelled);
            Intervention asked = intervention;
            intervention = StringInterventions.adapt(impact.subject().definitionIds(), asked, fitted.method);
            progress.report("estimating", 90);
            EffectResult result = effectsOf(fitted.method, impact, intervention, settings, deadline);
            EffectChecker.Outcome checked = EffectChecker.Outcome.NONE;
            if (!result.effects().isEmpty()) {
                checkCancelled(cancelled);
                progress.report("checking the effects with " + (intervention.isShift() ? "" : "2 x ")
                        + settings.samples() + " runs of the code", 95);
                checked = checker.check(effectKey(fitted.method, impact, intervention), fitted.method.contentKey(),
                        impact, intervention, targets(impact), settings, project, deadline, cancelled);
            }
            QuantitativeAnswer answer = answer(impact, asked, fitted, result, checked, settings);
            recent.put(plainKey, new RecentEffects(impact.subject().name(), impact.subject().isMethod(),
                    intervention, answer.effects()));
            return answer;
        } catch (DegradedException e) {
            return QuantitativeAnswer.degraded(e.degradation());
        }
    }

    /** The fitted method for the impact's method content, only if it is cached and done. */
    public java.util.Optional<FittedMethod> cached(StructuralImpact impact, Settings settings) {
        if (!settings.executeCode()) {
            return java.util.Optional.empty();
        }
        TraceProject project = projects.project(impact.uri(), impact.snapshot().text(), Duration.ZERO);
        return fits.ready(contentKey(impact, settings) + projectKey(project));
    }

    /** The project's part of a fit's key: its class path's fingerprint (entries with size and time). */
    private static String projectKey(TraceProject project) {
        return project.fingerprint().isEmpty() ? "" : "|project " + project.fingerprint();
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
            Intervention applied = StringInterventions.adapt(impact.subject().definitionIds(), intervention,
                    fitted.get());
            EffectResult result = effectsOf(fitted.get(), impact, applied, settings, deadline);
            EffectChecker.Outcome checked = checker.cached(effectKey(fitted.get(), impact, applied))
                    .orElse(EffectChecker.Outcome.NONE);
            return java.util.Optional.of(answer(impact, intervention, new FittedWithOrigin(fitted.get(), true), result,
                    checked, settings));
        } catch (DegradedException e) {
            return java.util.Optional.empty();
        }
    }

    /** The last quantified answer for a method's current content, if any; never computes. */
    public java.util.Optional<RecentEffects> recent(JavaDocument document, liftsys.ir.Member member, Settings settings) {
        String key = ContentKey.of(document, member, document.graphOf(member), settings);
        return java.util.Optional.ofNullable(recent.getIfPresent(key));
    }

    private String contentKey(StructuralImpact impact, Settings settings) {
        JavaDocument document = ir.documentOf(impact.snapshot());
        return ContentKey.of(document, impact.member(), impact.graph(), settings);
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
            if (!project.buildNote().isEmpty() && e.reason() == TraceException.Reason.TRACE_FAILED) {
                // The build's class path is missing: say so instead of advising the classpath setting.
                throw new DegradedException(Degradation.Reason.TRACE_FAILED, e.getMessage() + ". "
                        + project.buildNote());
            }
            throw Degradations.of(e, settings.timeoutMs(), impact, document, settings, compileCheck);
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
            StringFeatures strings = StringFeatures.of(trace);
            FitRequest request = strings.expand(fitRequest(graph, trace, settings), trace);
            dump(impact.methodName(), key, request);
            FitResult fit = client.fit(request, deadline);
            String engine = "dowhy " + client.hello(deadline).versions().getOrDefault("dowhy", "?");
            Map<String, String> inputs = new TreeMap<>();
            trace.inputs().forEach((id, range) -> inputs.put(id, range.description()));
            checker.remember(key, trace);
            return new FittedMethod(key, fit.model(), fit.r2(), fit.mechanism(), fit.fitMillis(), trace.rowCount(),
                    trace.thrown(), inputs, engine, trace.measures(), strings);
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

    private static FitRequest fitRequest(MethodGraph graph, Trace trace, Settings settings) {
        Set<String> columns = new LinkedHashSet<>(trace.columns());
        List<FitRequest.Node> nodes = new ArrayList<>();
        for (Definition d : graph.definitions()) {
            if (columns.contains(d.id())) {
                nodes.add(new FitRequest.Node(d.id(), graph.variableOf(d).kind().wireName(),
                        valueType(trace.types().get(d.id()))));
            }
        }
        Map<String, FitRequest.Edge> edges = new LinkedHashMap<>();
        for (Edge e : graph.edges()) {
            if (columns.contains(e.from()) && columns.contains(e.to())) {
                String kind = e.kind() == EdgeKind.CONTROL ? "control" : "data";
                edges.merge(e.from() + "\u0000" + e.to(), new FitRequest.Edge(e.from(), e.to(), kind),
                        (a, b) -> a.kind().equals("data") ? a : b);
            }
        }
        Map<String, List<Double>> data = new LinkedHashMap<>(trace.columnsById());
        data.keySet().retainAll(columns);
        return new FitRequest(nodes, new ArrayList<>(edges.values()), data, settings.quality(), settings.seed());
    }

    private static FitRequest.ValueType valueType(ColumnType type) {
        if (type == null) {
            return FitRequest.ValueType.CONTINUOUS;
        }
        return switch (type) {
            case CONTINUOUS -> FitRequest.ValueType.CONTINUOUS;
            case BOOLEAN -> FitRequest.ValueType.BOOLEAN;
            case CATEGORICAL -> FitRequest.ValueType.CATEGORICAL;
        };
    }

    private EffectResult effectsOf(FittedMethod fitted, StructuralImpact impact, Intervention intervention,
                                   Settings settings, Deadline deadline) throws DegradedException {
        List<String> subjectNodes = impact.subject().definitionIds();
        List<String> targets = targets(impact);
        if (subjectNodes.isEmpty() || targets.isEmpty()) {
            return new EffectResult(Map.of(), LEVEL);
        }
        String key = effectKey(fitted, impact, intervention);
        EffectResult cached = effects.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        liftsys.sidecar.Intervention wire = StringInterventions.wire(subjectNodes, impact.subject().name(),
                intervention, fitted);
        try {
            EffectResult result = sidecar.client(settings).effect(new EffectRequest(fitted.sidecarModel(), wire, targets,
                    fitted.rows(), LEVEL, settings.seed()), deadline);
            effects.put(key, result);
            return result;
        } catch (SidecarException e) {
            throw Degradations.of(e, settings.timeoutMs());
        } catch (SidecarRejectedException e) {
            throw Degradations.of(e);
        }
    }

    private static List<String> targets(StructuralImpact impact) {
        return impact.downstream().stream().map(ImpactEntry::definitionId).distinct().toList();
    }

    /** What an effect (and its check) is cached by: the model, the subject's nodes, the intervention, the targets. */
    private static String effectKey(FittedMethod fitted, StructuralImpact impact, Intervention intervention) {
        return fitted.sidecarModel() + "|" + impact.subject().definitionIds() + "|" + intervention + "|"
                + targets(impact);
    }

    private QuantitativeAnswer answer(StructuralImpact impact, Intervention intervention, FittedWithOrigin fitted,
                                      EffectResult result, EffectChecker.Outcome checked, Settings settings) {
        FittedMethod method = fitted.method;
        Map<String, QuantEffect> byVariable = new LinkedHashMap<>();
        Map<String, String> measures = new LinkedHashMap<>();
        List<String> unreliable = new ArrayList<>();
        int observedCount = 0;
        int disagreements = 0;
        List<String> notFinite = new ArrayList<>();
        for (ImpactEntry e : impact.downstream()) {
            EffectResult.Effect effect = result.effects().get(e.definitionId());
            if (effect == null) {
                continue;
            }
            if (!Double.isFinite(effect.value()) || !Double.isFinite(effect.low()) || !Double.isFinite(effect.high())) {
                // The sidecar carries NaN and infinities explicitly; an answer must never show them as numbers.
                notFinite.add("No effect size for " + e.name() + ": the model's estimate is not a finite number ("
                        + effect.value() + ", interval " + effect.low() + " to " + effect.high() + ").");
                continue;
            }
            Double r2 = method.r2().get(e.definitionId());
            boolean weak = r2 != null && !(r2 >= settings.minQuality()); // a NaN R^2 is weak too
            if (weak) {
                unreliable.add(e.name());
            }
            ObservedEffect observed = checked.observed().get(e.definitionId());
            boolean disagrees = observed != null && observed.disagreesWith(effect.value(), effect.low(), effect.high());
            if (observed != null && !byVariable.containsKey(e.variableId())) {
                observedCount++;
                disagreements += disagrees ? 1 : 0;
            }
            byVariable.put(e.variableId(), new QuantEffect(effect.value(), effect.low(), effect.high(),
                    result.level(), weak, observed, disagrees));
            String measure = method.measures().get(e.definitionId());
            if (measure != null) {
                measures.put(e.variableId(), measure);
            }
        }
        List<String> notes = new ArrayList<>();
        StringInterventions.note(impact.subject().definitionIds(), impact.subject().name(), intervention,
                method).ifPresent(notes::add);
        if (checked.extrapolation() != null) {
            notes.add(checked.extrapolation());
        }
        if (checked.unchecked() != null) {
            notes.add(checked.unchecked());
        }
        notes.addAll(notFinite);
        tracer.containmentNote().ifPresent(notes::add);
        Map<String, Double> quality = new LinkedHashMap<>();
        MethodGraph graph = impact.graph();
        method.r2().forEach((definitionId, r2) -> {
            Definition d = graph.definition(definitionId);
            if (d != null) {
                quality.merge(graph.variableOf(d).name(), r2, Math::min);
            }
        });
        ModelSummary model = new ModelSummary(method.engine(), method.rows(), method.fitMillis(), fitted.cached,
                quality, unreliable, method.inputs(), method.thrown(), observedCount, disagreements,
                checked.extrapolation() != null, notes);
        return new QuantitativeAnswer(byVariable, model, null, measures);
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
    private static Duration timeLeft(Deadline deadline, String phase) throws DegradedException {
        if (deadline.expired()) {
            throw Degradations.timeout(deadline.budgetMillis(), phase);
        }
        return deadline.remaining();
    }
}
