package liftsys.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import liftsys.ir.Definition;
import liftsys.ir.Edge;
import liftsys.ir.EdgeKind;
import liftsys.ir.MethodGraph;
import liftsys.sidecar.FitRequest;
import liftsys.trace.ColumnType;
import liftsys.trace.Trace;

/**
 * What the sidecar fits, built from a method's graph and its traces (a pure function of them).
 *
 * <p>Rows come in segments: the traced runs, then the runs of an experiment, in which some
 * definitions were drawn at random independently of their inputs (marked {@code intervened}, so the
 * sidecar fits their mechanisms on the other rows only, while their children use every row).
 *
 * <p>A conditional definition that is the subject of a question can be <em>split</em>, so that an
 * intervention on it means what it means in the code: it applies where the definition runs and
 * nowhere else (README, "One meaning for an intervention on a conditional definition"). The traced
 * value of such a definition is the variable's value after it, which is its earlier value in the runs
 * where it did not run; shifting that node shifts the earlier value too, in every run. Split, the
 * node {@code d} becomes three:
 * <ul>
 *   <li>{@code d#own}: what the definition computes, from its data and control inputs; in the runs
 *       where it did not run, a value drawn from the ones it computed elsewhere, marked as set by an
 *       experiment (its mechanism is fitted where it ran);
 *   <li>{@code d#ran}: whether it ran (1 or 0), from its control inputs;
 *   <li>{@code d}: {@code ran ? own : earlier}, from the two and its earlier definitions (the
 *       graph's fallback edges): an exact product the sidecar's polynomial mechanism fits.
 * </ul>
 * An intervention on {@code d#own} then moves {@code d} exactly in the runs where the definition
 * ran, as the same intervention applied in the code does. Stateless.
 */
final class FitRequests {
    /** The suffix of the node that stands for what a split definition computes. */
    static final String OWN = "#own";
    /** The suffix of the node that says whether a split definition ran. */
    static final String RAN = "#ran";
    /** Fewer runs than this where a definition ran (or did not) are too few to fit its parts on. */
    static final int MIN_RUNS = 5;

    private FitRequests() {
    }

    /** Rows of one trace, and the definitions an experiment drew at random in all of them (empty for traced runs). */
    record Segment(Trace trace, Set<String> drawn) {
        Segment {
            drawn = Set.copyOf(drawn);
        }

        static Segment observed(Trace trace) {
            return new Segment(trace, Set.of());
        }
    }

    /** The traced runs only, with how many runs were planned. */
    static FitRequest observed(MethodGraph graph, Trace trace, Settings settings) {
        return of(graph, List.of(Segment.observed(trace)), Set.of(), settings);
    }

    /**
     * The conditional definitions among {@code subject} that a split changes: those with earlier
     * definitions to fall back on (fallback edges) that ran in at least {@link #MIN_RUNS} of the
     * traced runs and did not run in at least as many (one that always ran moves in every run anyway).
     */
    static Set<String> splittable(MethodGraph graph, Trace trace, Collection<String> subject) {
        Set<String> out = new LinkedHashSet<>();
        for (String d : subject) {
            int j = trace.columns().indexOf(d);
            boolean conditional = graph.parentsOf(d).stream().anyMatch(e -> e.kind() == EdgeKind.FALLBACK);
            if (j < 0 || !conditional || trace.types().get(d) == ColumnType.CATEGORICAL) {
                continue;
            }
            int ran = 0;
            for (int i = 0; i < trace.rowCount(); i++) {
                ran += trace.ran(i, j) ? 1 : 0;
            }
            if (ran >= MIN_RUNS && trace.rowCount() - ran >= MIN_RUNS) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * The request for the segments' rows, with the definitions in {@code split} split.
     *
     * @param segments the traced runs first; their row count is the {@code kept} of {@code runs} (sent only
     *     when no row is marked as set by an experiment)
     */
    static FitRequest of(MethodGraph graph, List<Segment> segments, Set<String> split, Settings settings) {
        Trace first = segments.get(0).trace();
        Set<String> columns = new LinkedHashSet<>(first.columns());
        List<FitRequest.Node> nodes = new ArrayList<>();
        Map<String, FitRequest.Edge> edges = new LinkedHashMap<>();
        for (Definition d : graph.definitions()) {
            if (!columns.contains(d.id())) {
                continue;
            }
            String kind = graph.variableOf(d).kind().wireName();
            FitRequest.ValueType type = valueType(first.types().get(d.id()));
            if (split.contains(d.id())) {
                nodes.add(new FitRequest.Node(d.id() + OWN, "local", type));
                nodes.add(new FitRequest.Node(d.id() + RAN, "local", FitRequest.ValueType.BOOLEAN));
            }
            nodes.add(new FitRequest.Node(d.id(), kind, type));
        }
        for (Edge e : graph.edges()) {
            if (!columns.contains(e.from()) || !columns.contains(e.to())) {
                continue;
            }
            if (split.contains(e.to())) {
                // own: the definition's inputs; ran: its conditions; the node itself: own, ran and the fallbacks.
                if (e.kind() == EdgeKind.FALLBACK) {
                    edge(edges, e.from(), e.to(), "data");
                } else {
                    edge(edges, e.from(), e.to() + OWN, e.kind() == EdgeKind.CONTROL ? "control" : "data");
                    if (e.kind() == EdgeKind.CONTROL) {
                        edge(edges, e.from(), e.to() + RAN, "control");
                    }
                }
            } else {
                edge(edges, e.from(), e.to(), e.kind() == EdgeKind.CONTROL ? "control" : "data");
            }
        }
        for (String d : split) {
            edge(edges, d + OWN, d, "data");
            edge(edges, d + RAN, d, "data");
        }
        Map<String, List<Double>> data = new LinkedHashMap<>();
        for (String c : columns) {
            data.put(c, new ArrayList<>());
            if (split.contains(c)) {
                data.put(c + OWN, new ArrayList<>());
                data.put(c + RAN, new ArrayList<>());
            }
        }
        Set<String> ownHasInputs = new LinkedHashSet<>();
        for (FitRequest.Edge e : edges.values()) {
            if (e.to().endsWith(OWN)) {
                ownHasInputs.add(e.to());
            }
        }
        List<List<String>> intervened = new ArrayList<>();
        boolean anyIntervened = false;
        Random random = new Random(settings.seed() * 0x9E3779B97F4A7C15L + split.hashCode());
        for (Segment segment : segments) {
            Trace t = segment.trace();
            Map<String, double[]> computed = new LinkedHashMap<>();
            for (String d : split) {
                computed.put(d, ranValues(t, d));
            }
            for (int i = 0; i < t.rowCount(); i++) {
                List<String> set = new ArrayList<>();
                for (String c : columns) {
                    int j = t.columns().indexOf(c);
                    double v = t.value(i, j);
                    data.get(c).add(v);
                    boolean drawn = segment.drawn().contains(c);
                    if (split.contains(c)) {
                        boolean ran = t.ran(i, j);
                        double[] pool = computed.get(c);
                        boolean fromElsewhere = !ran && pool.length > 0;
                        data.get(c + OWN).add(ran ? v : fromElsewhere ? pool[random.nextInt(pool.length)] : v);
                        data.get(c + RAN).add(ran ? 1.0 : 0.0);
                        // An own node without inputs is a root: its drawn values are simply its values.
                        if ((drawn || !ran) && ownHasInputs.contains(c + OWN)) {
                            set.add(c + OWN);
                        }
                    } else if (drawn) {
                        set.add(c);
                    }
                }
                anyIntervened |= !set.isEmpty();
                intervened.add(set);
            }
        }
        // The sidecar judges few runs by the rows no experiment set: with split or drawn rows that count is not
        // the traced runs', so the server judges them itself then (EffectJudge).
        return new FitRequest(nodes, new ArrayList<>(edges.values()), data, settings.quality(), settings.seed(),
                anyIntervened ? intervened : null,
                anyIntervened ? null : new FitRequest.Runs(settings.samples(), first.rowCount()));
    }

    /** The values definition {@code d} computed in the runs where it ran. */
    private static double[] ranValues(Trace t, String d) {
        int j = t.columns().indexOf(d);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.ran(i, j)) {
                values.add(t.value(i, j));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void edge(Map<String, FitRequest.Edge> edges, String from, String to, String kind) {
        // A data edge wins over a control edge between the same two nodes.
        edges.merge(from + "\u0000" + to, new FitRequest.Edge(from, to, kind), (a, b) -> a.kind().equals("data") ? a : b);
    }

    static FitRequest.ValueType valueType(ColumnType type) {
        if (type == null) {
            return FitRequest.ValueType.CONTINUOUS;
        }
        return switch (type) {
            case CONTINUOUS -> FitRequest.ValueType.CONTINUOUS;
            case BOOLEAN -> FitRequest.ValueType.BOOLEAN;
            case CATEGORICAL -> FitRequest.ValueType.CATEGORICAL;
        };
    }
}
