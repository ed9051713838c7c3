package liftsys.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
import liftsys.trace.ColumnType;
import liftsys.trace.Trace;
import liftsys.trace.TraceException;
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
    private final Map<String, EffectResult> effects = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EffectResult> eldest) {
            return size() > EFFECT_CACHE_SIZE;
        }
    };

    private final Map<String, RecentEffects> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RecentEffects> eldest) {
            return size() > EFFECT_CACHE_SIZE;
        }
    };

    private final java.nio.file.Path dumpDirectory;

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
     * Effects for the structural answer's subject and downstream entries. Checks {@code cancelled}
     * between phases and throws {@link CancellationException} when it says so.
     */
    public QuantitativeAnswer quantify(StructuralImpact impact, Intervention intervention, Settings settings,
                                       BooleanSupplier cancelled, ProgressSink progress) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMs());
        try {
            if (!settings.executeCode()) {
                throw Degradations.executionDisabled();
            }
            String key = contentKey(impact, settings);
            FittedWithOrigin fitted = fitted(key, impact, settings, deadline, cancelled, progress);
            checkCancelled(cancelled);
            progress.report("estimating", 90);
            EffectResult result = effectsOf(fitted.method, impact, intervention, settings, deadline);
            EffectChecker.Outcome checked = EffectChecker.Outcome.NONE;
            if (!result.effects().isEmpty()) {
                checkCancelled(cancelled);
                progress.report("checking the effects with " + (intervention.isShift() ? "" : "2 x ")
                        + settings.samples() + " runs of the code", 95);
                checked = checker.check(effectKey(fitted.method, impact, intervention), fitted.method.contentKey(),
                        impact, intervention, targets(impact), settings, deadline, cancelled);
            }
            QuantitativeAnswer answer = answer(impact, fitted, result, checked, settings);
            synchronized (recent) {
                recent.put(key, new RecentEffects(impact.subject().name(), intervention, answer.effects()));
            }
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
        return fits.ready(contentKey(impact, settings));
    }

    /**
     * Effects from a cached model only, for hover: never traces or fits, and waits at most
     * {@code budget} for the effect query.
     */
    public java.util.Optional<QuantitativeAnswer> fromCache(StructuralImpact impact, Intervention intervention,
                                                           Settings settings, Duration budget) {
        java.util.Optional<FittedMethod> fitted = cached(impact, settings);
        if (fitted.isEmpty()) {
            return java.util.Optional.empty();
        }
        long deadline = System.nanoTime() + budget.toNanos();
        try {
            EffectResult result = effectsOf(fitted.get(), impact, intervention, settings, deadline);
            EffectChecker.Outcome checked = checker.cached(effectKey(fitted.get(), impact, intervention))
                    .orElse(EffectChecker.Outcome.NONE);
            return java.util.Optional.of(answer(impact, new FittedWithOrigin(fitted.get(), true), result, checked,
                    settings));
        } catch (DegradedException e) {
            return java.util.Optional.empty();
        }
    }

    /** The last quantified answer for a method's current content, if any; never computes. */
    public java.util.Optional<RecentEffects> recent(JavaDocument document, liftsys.ir.Member member, Settings settings) {
        String key = ContentKey.of(document, member, document.graphOf(member), settings);
        synchronized (recent) {
            return java.util.Optional.ofNullable(recent.get(key));
        }
    }

    private String contentKey(StructuralImpact impact, Settings settings) {
        JavaDocument document = ir.documentOf(impact.snapshot());
        return ContentKey.of(document, impact.member(), impact.graph(), settings);
    }

    private record FittedWithOrigin(FittedMethod method, boolean cached) {
    }

    /** The shared fit for a key: started here when none is under way, else awaited within the budget. */
    private FittedWithOrigin fitted(String key, StructuralImpact impact, Settings settings, long deadline,
                                    BooleanSupplier cancelled, ProgressSink progress) throws DegradedException {
        for (int attempt = 0; attempt < 2; attempt++) {
            CompletableFuture<FittedMethod> fresh = new CompletableFuture<>();
            Map.Entry<CompletableFuture<FittedMethod>, Boolean> entry = fits.getOrStart(key, () -> fresh);
            if (entry.getValue()) {
                try {
                    FittedMethod method = fit(key, impact, settings, deadline, cancelled, progress);
                    fresh.complete(method);
                    return new FittedWithOrigin(method, false);
                } catch (DegradedException | RuntimeException e) {
                    fresh.completeExceptionally(e);
                    throw e;
                }
            }
            CompletableFuture<FittedMethod> shared = entry.getKey();
            boolean wasDone = shared.isDone();
            try {
                progress.report("waiting for the same analysis started by another request", 10);
                return new FittedWithOrigin(shared.get(remainingMillis(deadline), TimeUnit.MILLISECONDS), wasDone);
            } catch (TimeoutException e) {
                throw Degradations.timeout(settings.timeoutMs(), "waiting for a fit of the same method");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            } catch (CancellationException e) {
                checkCancelled(cancelled);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof DegradedException d) {
                    throw d;
                }
                if (!(e.getCause() instanceof CancellationException)) {
                    throw new IllegalStateException(e.getCause());
                }
                // The request that started it was cancelled: start again ourselves.
            }
        }
        throw Degradations.timeout(settings.timeoutMs(), "waiting for a fit of the same method");
    }

    private FittedMethod fit(String key, StructuralImpact impact, Settings settings, long deadline,
                             BooleanSupplier cancelled, ProgressSink progress) throws DegradedException {
        MethodGraph graph = impact.graph();
        progress.report("tracing " + settings.samples() + " runs", 5);
        Trace trace;
        try {
            trace = tracer.trace(new TraceRequest(impact.document(), impact.member(), graph,
                    settings.samples(), settings.seed(), settings.classpath(), remaining(deadline, settings)));
        } catch (TraceException e) {
            throw Degradations.of(e, settings.timeoutMs());
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
            FitRequest request = fitRequest(graph, trace, settings);
            dump(impact.methodName(), key, request);
            FitResult fit = client.fit(request, remaining(deadline, settings));
            String engine = "dowhy " + client.hello(remaining(deadline, settings)).versions().getOrDefault("dowhy", "?");
            Map<String, String> inputs = new TreeMap<>();
            trace.inputs().forEach((id, range) -> inputs.put(id, range.description()));
            checker.remember(key, trace);
            return new FittedMethod(key, fit.model(), fit.r2(), fit.mechanism(), fit.fitMillis(), trace.rowCount(),
                    trace.thrown(), inputs, engine);
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
                                   Settings settings, long deadline) throws DegradedException {
        List<String> subjectNodes = impact.subject().definitionIds();
        List<String> targets = targets(impact);
        if (subjectNodes.isEmpty() || targets.isEmpty()) {
            return new EffectResult(Map.of(), LEVEL);
        }
        String key = effectKey(fitted, impact, intervention);
        synchronized (effects) {
            EffectResult cached = effects.get(key);
            if (cached != null) {
                return cached;
            }
        }
        liftsys.sidecar.Intervention wire = wireIntervention(subjectNodes, intervention);
        try {
            EffectResult result = sidecar.client(settings).effect(new EffectRequest(fitted.sidecarModel(), wire, targets,
                    fitted.rows(), LEVEL, settings.seed()), remaining(deadline, settings));
            synchronized (effects) {
                effects.put(key, result);
            }
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

    private static liftsys.sidecar.Intervention wireIntervention(List<String> nodes, Intervention intervention) {
        if (intervention.isShift()) {
            Map<String, Double> by = new LinkedHashMap<>();
            nodes.forEach(n -> by.put(n, intervention.shift()));
            return new liftsys.sidecar.Intervention.Shift(by);
        }
        Map<String, liftsys.sidecar.Intervention.FromTo> values = new LinkedHashMap<>();
        nodes.forEach(n -> values.put(n, new liftsys.sidecar.Intervention.FromTo(intervention.from(), intervention.to())));
        return new liftsys.sidecar.Intervention.SetTo(values);
    }

    private static QuantitativeAnswer answer(StructuralImpact impact, FittedWithOrigin fitted, EffectResult result,
                                             EffectChecker.Outcome checked, Settings settings) {
        FittedMethod method = fitted.method;
        Map<String, QuantEffect> byVariable = new LinkedHashMap<>();
        List<String> unreliable = new ArrayList<>();
        int observedCount = 0;
        int disagreements = 0;
        for (ImpactEntry e : impact.downstream()) {
            EffectResult.Effect effect = result.effects().get(e.definitionId());
            if (effect == null) {
                continue;
            }
            Double r2 = method.r2().get(e.definitionId());
            boolean weak = r2 != null && r2 < settings.minQuality();
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
        }
        List<String> notes = new ArrayList<>();
        if (checked.extrapolation() != null) {
            notes.add(checked.extrapolation());
        }
        if (checked.unchecked() != null) {
            notes.add(checked.unchecked());
        }
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
        return new QuantitativeAnswer(byVariable, model, null);
    }

    /** Tells the sidecar to forget a model the cache let go of; failures are only logged by the client. */
    private void forget(FittedMethod evicted) {
        checker.forget(evicted.contentKey());
        var client = sidecar.existing();
        if (client != null) {
            try {
                client.drop(evicted.sidecarModel(), Duration.ofSeconds(2));
            } catch (RuntimeException ignored) {
                // The sidecar may be down; it then holds no models anyway.
            }
        }
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("the request was cancelled");
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static Duration remaining(long deadline, Settings settings) throws DegradedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw Degradations.timeout(settings.timeoutMs(), "starting the next phase");
        }
        return Duration.ofNanos(left);
    }
}
