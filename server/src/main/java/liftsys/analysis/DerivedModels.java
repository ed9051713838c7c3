package liftsys.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import liftsys.sidecar.EffectResult;
import liftsys.time.Deadline;
import liftsys.trace.Trace;
import liftsys.trace.TraceException;
import liftsys.trace.TraceIntervention;
import liftsys.trace.TraceProject;
import liftsys.trace.TraceRequest;

/**
 * The models a question may need beyond the method's fitted model (issue 16), each fitted once and
 * shared by content key like it:
 * <ul>
 *   <li>where the subject is a conditional definition, the model with it split
 *       ({@link FitRequests}), so that the intervention applies where the definition runs, as in
 *       the code;
 *   <li>where the traced runs cannot tell an effect (the sidecar says it is not identifiable and
 *       names the nodes to randomise), an experiment: the method run again on the same inputs with
 *       those definitions drawn at random from the values they took (a seeded permutation), so
 *       they vary independently of their inputs; its rows are fitted together with the traced ones.
 *       If even then the effect is not identifiable, the sidecar gives no number, and the answer
 *       says so;
 *   <li>where the change takes the subject outside the values it took in the runs (the sidecar says
 *       {@code extrapolated}), a widening experiment: the method run again on the same inputs with
 *       the subject drawn across the traced values and the question's ({@link RangeDraws}), fitted
 *       with the traced runs, so DoWhy evaluates its mechanisms where they have seen data instead of
 *       extrapolating. It comes before an experiment for collinear inputs, which keeps its runs.
 * </ul>
 * Thread-safe (the fits are the analyzer's shared cache; the runs of widening experiments are kept
 * here, a bounded cache, so that a repeated question runs nothing again).
 */
final class DerivedModels {
    /** Why a widening experiment that ran did not help: none of its runs reached the question's values. */
    static final String NOT_REACHED = "the runs that took the question's values did not complete (the code threw, "
            + "or gave no finite value, there), so the model has still not seen them.";
    /** The end of the note that says the subject was sampled where the question takes it. */
    static final String WIDENED = "so DoWhy does not extrapolate";
    /** Widening experiments kept, by the derived model's key (a few hundred rows each): a repeated question reruns nothing. */
    private static final int WIDENED_RUNS = 64;

    private final QuantitativeAnalyzer analyzer;
    /**
     * The runs of each widening experiment, by its model's key: the model of a repeated question is
     * cached, and a later experiment for collinear inputs fits these runs again with its own.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, Trace> widenedRuns =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(WIDENED_RUNS).build();

    DerivedModels(QuantitativeAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * The model a question queries, and the nodes its intervention goes to: the subject's
     * definitions, or for a split one its {@code #own} node. {@code split} lists the split
     * definitions, {@code drawn} the definitions an experiment drew at random (empty for none).
     */
    record Plan(FittedMethod model, List<String> subjectNodes, Set<String> split, Set<String> drawn,
                Widened widened) {
        Plan {
            subjectNodes = List.copyOf(subjectNodes);
            split = Set.copyOf(split);
            drawn = Set.copyOf(drawn);
        }

        Plan(FittedMethod model, List<String> subjectNodes, Set<String> split, Set<String> drawn) {
            this(model, subjectNodes, split, drawn, null);
        }

        /** Whether the model has runs where the subject was drawn across the values the question gives it. */
        boolean covered() {
            return widened != null && widened.ran() && widened.failed() == null;
        }

        /** The same plan, its widening experiment marked as not having reached the question's values. */
        Plan notReached() {
            return new Plan(model, subjectNodes, split, drawn, new Widened(widened.segment(), widened.question(),
                    widened.ranges(), widened.runs(), NOT_REACHED));
        }
    }

    /**
     * An experiment that sampled the subject where the question takes it ({@link RangeDraws}): the
     * runs ({@code segment}, null when it could not run; with {@code failed} set too when none of its
     * runs at the question's values completed), the question it was drawn for
     * ({@code question}, part of the model's key), the definitions drawn with their covering ranges,
     * how many runs it added, and why it could not run ({@code failed}, else null).
     */
    record Widened(FitRequests.Segment segment, String question, Map<String, double[]> ranges, int runs,
                   String failed) {
        static Widened failed(String question, Set<String> nodes, String why) {
            Map<String, double[]> none = new LinkedHashMap<>();
            nodes.forEach(n -> none.put(n, new double[0]));
            return new Widened(null, question, none, 0, why);
        }

        /** Whether its runs are in the model (it may still not have reached the question's values). */
        boolean ran() {
            return segment != null;
        }

        /** What it adds to a derived model's key: nothing when it did not run. */
        String key() {
            return ran() ? "|widened " + question : "";
        }
    }

    /** Where the work happens: computed within the deadline, or only what is cached (for hover). */
    record Budget(Settings settings, TraceProject project, Deadline deadline, BooleanSupplier cancelled,
                  ProgressSink progress, boolean readyOnly) {
    }

    /** The plan for the method's own model: its conditional subject definitions split when they need to be. */
    Optional<Plan> plan(StructuralImpact impact, FittedMethod base, Budget budget) throws DegradedException {
        List<String> subject = impact.subject().definitionIds();
        boolean anyConditional = subject.stream().anyMatch(d -> impact.graph().parentsOf(d).stream()
                .anyMatch(e -> e.kind() == liftsys.ir.EdgeKind.FALLBACK));
        if (!anyConditional) {
            return Optional.of(new Plan(base, subject, Set.of(), Set.of()));
        }
        Optional<Trace> kept = analyzer.keptTrace(base);
        Trace trace;
        if (kept.isPresent()) {
            trace = kept.get();
        } else if (budget.readyOnly()) {
            return Optional.empty();
        } else {
            trace = analyzer.retrace(impact, base, budget);
        }
        Set<String> split = FitRequests.splittable(impact.graph(), trace, subject);
        if (split.isEmpty()) {
            return Optional.of(new Plan(base, subject, Set.of(), Set.of()));
        }
        Optional<FittedMethod> model = derived(impact, base, trace, null, split, Set.of(), null, budget);
        return model.map(m -> new Plan(m, wireNodes(subject, split), split, Set.of()));
    }

    /**
     * The nodes the effects ask to randomise, when any effect is not identifiable from the rows of
     * the plan's model: definitions of the method (a split definition's {@code #own} node is the
     * definition itself, drawn where it runs).
     */
    static Set<String> wanted(EffectResult result, Plan plan) {
        Set<String> nodes = new LinkedHashSet<>();
        for (EffectResult.Effect e : result.effects().values()) {
            if (!e.identifiable()) {
                for (String n : e.experiment()) {
                    nodes.add(n.endsWith(FitRequests.OWN) ? n.substring(0, n.length() - FitRequests.OWN.length())
                            : n.endsWith(FitRequests.RAN) ? null : n);
                }
            }
        }
        nodes.remove(null);
        nodes.removeAll(plan.drawn());
        return nodes;
    }

    /** What came of an experiment: the plan with its rows, or why there is none. */
    record Experimented(Plan plan, String failed) {
    }

    /**
     * Runs the experiment that draws {@code nodes} at random and fits its rows with the traced ones.
     * Empty in ready-only mode when it was not done before.
     */
    Optional<Experimented> experiment(StructuralImpact impact, FittedMethod base, Plan plan, Set<String> nodes,
                                      Budget budget) throws DegradedException {
        Trace trace = analyzer.keptTrace(base).orElse(null);
        if (trace == null) {
            if (budget.readyOnly()) {
                return Optional.empty();
            }
            trace = analyzer.retrace(impact, base, budget);
        }
        String key = key(base, plan.split(), nodes, plan.widened());
        if (budget.readyOnly()) {
            return analyzer.readyDerived(key).map(m -> new Experimented(new Plan(m,
                    wireNodes(impact.subject().definitionIds(), plan.split()), plan.split(), nodes, plan.widened()),
                    null));
        }
        Trace drawn;
        Map<String, double[]> values = draws(trace, nodes, budget.settings().seed());
        if (values.size() < nodes.size() || values.values().stream().anyMatch(v -> v.length == 0)) {
            return Optional.of(new Experimented(plan, "some of them have no traced values to draw from."));
        }
        try {
            budget.progress().report("running " + impact.methodName() + " again with " + String.join(", ",
                    names(impact, nodes)) + " drawn at random", 92);
            drawn = analyzer.tracer().trace(new TraceRequest(impact.document(), impact.member(),
                    impact.graph(), budget.settings().samples(), budget.settings().seed(),
                    budget.settings().classpath(), QuantitativeAnalyzer.timeLeft(budget.deadline(), "an experiment"),
                    TraceIntervention.values(values))
                    .cancellable(budget.cancelled()).inProject(budget.project()));
        } catch (TraceException e) {
            return Optional.of(new Experimented(plan, e.getMessage().endsWith(".") ? e.getMessage()
                    : e.getMessage() + "."));
        }
        Optional<FittedMethod> model = derived(impact, base, trace, drawn, plan.split(), nodes, plan.widened(), budget);
        return model.map(m -> new Experimented(new Plan(m, wireNodes(impact.subject().definitionIds(), plan.split()),
                plan.split(), nodes, plan.widened()), null));
    }

    /**
     * The subject's definitions the sidecar says the change takes outside the values they took in
     * the plan's runs (its {@code extrapolated} reason names them), as definitions of the method.
     */
    static Set<String> outside(EffectResult result, Plan plan) {
        Set<String> nodes = new LinkedHashSet<>();
        for (EffectResult.Effect e : result.effects().values()) {
            for (EffectResult.Finding f : e.reasons()) {
                if (f.code().equals("extrapolated")) {
                    for (String n : f.nodes()) {
                        if (plan.subjectNodes().contains(n)) {
                            nodes.add(n.endsWith(FitRequests.OWN) ? n.substring(0, n.length() - FitRequests.OWN.length())
                                    : n);
                        }
                    }
                }
            }
        }
        return nodes;
    }

    /**
     * Runs the experiment that draws the subject's {@code nodes} across the values the question gives
     * them ({@link RangeDraws}) and fits its runs with the traced ones (before any experiment for
     * collinear inputs, which then keeps these runs too). Empty in ready-only mode when
     * it was not done before; a plan with a failed {@link Widened} when it could not run.
     */
    Optional<Plan> widen(StructuralImpact impact, FittedMethod base, Plan plan, Set<String> nodes,
                         Intervention intervention, Budget budget) {
        try {
            return widenOrFail(impact, base, plan, nodes, intervention, budget);
        } catch (DegradedException e) {
            // Tracing again or fitting failed: the answer keeps the traced runs' model, and says why.
            return Optional.of(new Plan(plan.model(), plan.subjectNodes(), plan.split(), plan.drawn(),
                    Widened.failed("", nodes, e.degradation().message())));
        }
    }

    private Optional<Plan> widenOrFail(StructuralImpact impact, FittedMethod base, Plan plan, Set<String> nodes,
                                       Intervention intervention, Budget budget) throws DegradedException {
        String question = new java.util.TreeSet<>(nodes) + " " + intervention;
        String key = key(base, plan.split(), Set.of(), new Widened(null, question, Map.of(), 0, null));
        List<String> wire = wireNodes(impact.subject().definitionIds(), plan.split());
        Trace trace = analyzer.keptTrace(base).orElse(null);
        Trace drawn = widenedRuns.getIfPresent(key);
        if (budget.readyOnly()) {
            Optional<FittedMethod> ready = analyzer.readyDerived(key);
            if (ready.isEmpty() || drawn == null || trace == null) {
                return Optional.empty();
            }
            RangeDraws.Drawn values = RangeDraws.of(trace, nodes, intervention, budget.settings().samples(),
                    budget.settings().seed());
            Widened widened = new Widened(new FitRequests.Segment(drawn, nodes), question, values.ranges(),
                    drawn.rowCount(), null);
            return ready.map(m -> new Plan(m, wire, plan.split(), Set.of(), widened));
        }
        if (trace == null) {
            trace = analyzer.retrace(impact, base, budget);
        }
        RangeDraws.Drawn values = RangeDraws.of(trace, nodes, intervention, budget.settings().samples(),
                budget.settings().seed());
        if (values.values().size() < nodes.size()) {
            return Optional.of(new Plan(plan.model(), plan.subjectNodes(), plan.split(), Set.of(),
                    Widened.failed(question, nodes, "only numbers with traced values can be drawn so.")));
        }
        if (drawn == null) {
            try {
                budget.progress().report("running " + impact.methodName() + " again with " + String.join(", ",
                        names(impact, nodes)) + " drawn where the question takes it", 91);
                drawn = analyzer.tracer().trace(new TraceRequest(impact.document(), impact.member(),
                        impact.graph(), budget.settings().samples(), budget.settings().seed(),
                        budget.settings().classpath(), QuantitativeAnalyzer.timeLeft(budget.deadline(),
                        "an experiment"), TraceIntervention.values(values.values()))
                        .cancellable(budget.cancelled()).inProject(budget.project()));
            } catch (TraceException e) {
                return Optional.of(new Plan(plan.model(), plan.subjectNodes(), plan.split(), Set.of(),
                        Widened.failed(question, nodes, e.getMessage().endsWith(".") ? e.getMessage()
                                : e.getMessage() + ".")));
            }
            widenedRuns.put(key, drawn);
        }
        Widened widened = new Widened(new FitRequests.Segment(drawn, nodes), question, values.ranges(),
                drawn.rowCount(), null);
        Optional<FittedMethod> model = derived(impact, base, trace, null, plan.split(), Set.of(), widened, budget);
        return model.map(m -> new Plan(m, wire, plan.split(), Set.of(), widened));
    }

    /** What the answer says of an experiment that sampled the subject where the question takes it. */
    static String widenedNote(StructuralImpact impact, Widened widened) {
        NodeNames names = NodeNames.of(impact);
        List<String> which = new ArrayList<>();
        widened.ranges().forEach((node, range) -> which.add(names.quoted(node) + (range.length == 2
                ? " drawn across [" + Extrapolation.number(range[0]) + ", " + Extrapolation.number(range[1]) + "]"
                : "")));
        if (widened.failed() != null && widened.ran()) {
            return "The change takes the subject outside the values the traced runs gave it; " + impact.methodName()
                    + " was run " + widened.runs() + " more times with " + String.join(" and ", which) + ", but "
                    + widened.failed();
        }
        if (widened.failed() != null) {
            List<String> plain = widened.ranges().keySet().stream().map(names::quoted).toList();
            String them = plain.size() == 1 ? "it" : "them";
            return "The change takes " + String.join(" and ", plain) + " outside the values the traced runs gave "
                    + them + ", and liftsys could not run " + impact.methodName() + " again with " + them
                    + " drawn there: " + widened.failed();
        }
        return "The change takes the subject outside the values the traced runs gave it, so " + impact.methodName()
                + " was run " + widened.runs() + " more times with " + String.join(" and ", which)
                + (widened.ranges().values().stream().allMatch(r -> r.length == 2) ? " (including the values the "
                + "question gives it)" : "") + ", independently of its inputs; the model is fitted on both sets of "
                + "runs, " + WIDENED + ".";
    }

    /** What the answer says of split definitions: where the change applies. */
    static String splitNote(StructuralImpact impact, Set<String> split) {
        NodeNames names = NodeNames.of(impact);
        List<String> which = split.stream().map(names::quoted).toList();
        return String.join(" and ", which) + (which.size() == 1 ? " is" : " are") + " assigned in some of the runs "
                + "only: the change applies where the assignment runs, in DoWhy's model as in the code; elsewhere "
                + "the variable keeps its earlier value.";
    }

    /** What the answer says of an experiment that ran. */
    static String experimentNote(StructuralImpact impact, List<String> drawn, int runs) {
        NodeNames names = NodeNames.of(impact);
        return "The traced runs could not tell the effects apart, so " + impact.methodName() + " was run " + runs
                + " more times with " + String.join(" and ", drawn.stream().map(names::quoted).toList())
                + " drawn at random (from the values it took), independently of its inputs; the model is fitted on "
                + "both sets of runs.";
    }

    /** The variable names of definitions, for messages. */
    static List<String> names(StructuralImpact impact, Set<String> definitions) {
        NodeNames names = NodeNames.of(impact);
        return definitions.stream().map(d -> names.quoted(d).replace("`", "")).toList();
    }

    private Optional<FittedMethod> derived(StructuralImpact impact, FittedMethod base, Trace trace, Trace drawn,
                                           Set<String> split, Set<String> nodes, Widened widened, Budget budget)
            throws DegradedException {
        String key = key(base, split, nodes, widened);
        if (budget.readyOnly()) {
            return analyzer.readyDerived(key);
        }
        List<FitRequests.Segment> segments = new ArrayList<>();
        segments.add(FitRequests.Segment.observed(trace));
        if (widened != null && widened.segment() != null) {
            segments.add(widened.segment());
        }
        if (drawn != null) {
            segments.add(new FitRequests.Segment(drawn, nodes));
        }
        budget.progress().report(drawn == null && widened == null ? "fitting the assignment where it runs"
                : "fitting with the experiment", 93);
        return Optional.of(analyzer.fitDerived(key, base, () -> FitRequests.of(impact.graph(), segments, split,
                budget.settings()), budget));
    }

    private static String key(FittedMethod base, Set<String> split, Set<String> drawn, Widened widened) {
        return base.contentKey() + "|split " + new java.util.TreeSet<>(split) + "|drawn " + new java.util.TreeSet<>(drawn)
                + (widened == null ? "" : widened.key());
    }

    /** The subject's nodes in a model where {@code split} definitions are split: their {@code #own} nodes. */
    private static List<String> wireNodes(List<String> subject, Set<String> split) {
        return subject.stream().map(d -> split.contains(d) ? d + FitRequests.OWN : d).toList();
    }

    /**
     * Per definition, a value per run drawn independently of the run's inputs: a seeded permutation of
     * the values it took in the traced runs (where it ran), so the draws keep its type and its range.
     * A definition that took one value only (a constant in these runs, whose permutation would not
     * move it) is drawn around it instead: uniformly within max(1, |value|) of it, whole numbers for
     * a whole value, 0 and 1 for a boolean.
     */
    static Map<String, double[]> draws(Trace trace, Set<String> nodes, long seed) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String node : nodes) {
            int j = trace.columns().indexOf(node);
            if (j < 0) {
                continue;
            }
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < trace.rowCount(); i++) {
                if (trace.ran(i, j)) {
                    values.add(trace.value(i, j));
                }
            }
            Random random = new Random(seed * 31 + node.hashCode());
            if (!values.isEmpty() && values.stream().distinct().count() == 1) {
                values = around(values.get(0), values.size(), trace.types().get(node), random);
            }
            java.util.Collections.shuffle(values, random);
            out.put(node, values.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }

    private static List<Double> around(double value, int count, liftsys.trace.ColumnType type, Random random) {
        List<Double> drawn = new ArrayList<>();
        double spread = Math.max(1, Math.abs(value));
        for (int i = 0; i < count; i++) {
            double v;
            if (type == liftsys.trace.ColumnType.BOOLEAN) {
                v = i % 2;
            } else {
                v = value + (2 * random.nextDouble() - 1) * spread;
                if (value == Math.rint(value)) {
                    v = Math.rint(v);
                }
            }
            drawn.add(v);
        }
        return drawn;
    }
}
