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
 *       says so.
 * </ul>
 * Thread-safe (stateless; the fits are the analyzer's shared cache).
 */
final class DerivedModels {
    private final QuantitativeAnalyzer analyzer;

    DerivedModels(QuantitativeAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * The model a question queries, and the nodes its intervention goes to: the subject's
     * definitions, or for a split one its {@code #own} node. {@code split} lists the split
     * definitions, {@code drawn} the definitions an experiment drew at random (empty for none).
     */
    record Plan(FittedMethod model, List<String> subjectNodes, Set<String> split, Set<String> drawn) {
        Plan {
            subjectNodes = List.copyOf(subjectNodes);
            split = Set.copyOf(split);
            drawn = Set.copyOf(drawn);
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
        Optional<FittedMethod> model = derived(impact, base, trace, null, split, Set.of(), budget);
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
        String key = key(base, plan.split(), nodes);
        if (budget.readyOnly()) {
            return analyzer.readyDerived(key).map(m -> new Experimented(new Plan(m,
                    wireNodes(impact.subject().definitionIds(), plan.split()), plan.split(), nodes), null));
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
        Optional<FittedMethod> model = derived(impact, base, trace, drawn, plan.split(), nodes, budget);
        return model.map(m -> new Experimented(new Plan(m, wireNodes(impact.subject().definitionIds(), plan.split()),
                plan.split(), nodes), null));
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
                                           Set<String> split, Set<String> nodes, Budget budget)
            throws DegradedException {
        String key = key(base, split, nodes);
        if (budget.readyOnly()) {
            return analyzer.readyDerived(key);
        }
        List<FitRequests.Segment> segments = new ArrayList<>();
        segments.add(FitRequests.Segment.observed(trace));
        if (drawn != null) {
            segments.add(new FitRequests.Segment(drawn, nodes));
        }
        budget.progress().report(drawn == null ? "fitting the assignment where it runs" : "fitting with the experiment",
                93);
        return Optional.of(analyzer.fitDerived(key, base, () -> FitRequests.of(impact.graph(), segments, split,
                budget.settings()), budget));
    }

    private static String key(FittedMethod base, Set<String> split, Set<String> drawn) {
        return base.contentKey() + "|split " + new java.util.TreeSet<>(split) + "|drawn " + new java.util.TreeSet<>(drawn);
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
