package liftsys.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liftsys.sidecar.FitRequest;
import liftsys.trace.Trace;
import liftsys.trace.TraceStrings;

/**
 * How String-valued nodes enter the causal model: a String node's own column is its length, and
 * beside it the model gets features that mean something, each a node of its own with the String
 * node's parents and children: whether it is null, whether it equals each of the method's String
 * literals, whether it parses as a number and which. A feature that does not vary over the traced
 * rows is left out (it could explain nothing), so a model never grows with the number of distinct
 * Strings, and no String travels as a category code a user cannot know. A String subject is
 * {@code set} by value through these nodes: {@code "EUR"} and {@code "USD"} become the length and
 * features of each. Immutable.
 *
 * @param byNode the features of each String node (by definition id; empty for a String node whose
 *     features never varied), in the order they were added to the model
 */
public record StringFeatures(Map<String, List<Feature>> byNode) {
    /** Literals compared with at most, per String node. */
    static final int MAX_LITERALS = 6;
    public static final StringFeatures NONE = new StringFeatures(Map.of());

    /** What a feature computes of a String. */
    public enum Kind { NULL, EQUALS, NUMERIC, NUMBER }

    /**
     * One feature of a String node.
     *
     * @param id the model's node id ({@code "to@in#equals \"USD\""})
     * @param kind what it computes
     * @param literal for {@link Kind#EQUALS}, the literal compared with
     */
    public record Feature(String id, Kind kind, String literal) {
        /** The feature's value for a String (null included). */
        public double of(String value) {
            return switch (kind) {
                case NULL -> value == null ? 1 : 0;
                case EQUALS -> literal.equals(value) ? 1 : 0;
                case NUMERIC -> Double.isNaN(number(value)) ? 0 : 1;
                case NUMBER -> Double.isNaN(number(value)) ? 0 : number(value);
            };
        }

        boolean continuous() {
            return kind == Kind.NUMBER;
        }
    }

    public StringFeatures {
        Map<String, List<Feature>> copy = new LinkedHashMap<>();
        byNode.forEach((node, features) -> copy.put(node, List.copyOf(features)));
        byNode = java.util.Collections.unmodifiableMap(copy);
    }

    /** Whether the node holds Strings (its column is their length). */
    public boolean isString(String node) {
        return byNode.containsKey(node);
    }

    /** The number a String reads as ({@link Double#parseDouble}, finite), else NaN. */
    static double number(String value) {
        if (value == null || value.isBlank()) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(value.strip());
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The features of the trace's String columns that vary over its rows. */
    public static StringFeatures of(Trace trace) {
        TraceStrings strings = trace.strings();
        Map<String, List<Feature>> byNode = new LinkedHashMap<>();
        for (String column : trace.columns()) {
            if (!strings.isString(column)) {
                continue;
            }
            String[] values = strings.values(column);
            List<Feature> candidates = new ArrayList<>();
            candidates.add(new Feature(column + "#null", Kind.NULL, null));
            Set<String> literals = new LinkedHashSet<>(strings.literals());
            int compared = 0;
            for (String literal : literals) {
                if (compared >= MAX_LITERALS) {
                    break;
                }
                Feature f = new Feature(column + "#equals \"" + literal + "\"", Kind.EQUALS, literal);
                if (varies(f, values)) {
                    candidates.add(f);
                    compared++;
                }
            }
            candidates.add(new Feature(column + "#numeric", Kind.NUMERIC, null));
            candidates.add(new Feature(column + "#number", Kind.NUMBER, null));
            byNode.put(column, candidates.stream().filter(f -> varies(f, values)).toList());
        }
        return new StringFeatures(byNode);
    }

    private static boolean varies(Feature f, String[] values) {
        if (values.length == 0) {
            return false;
        }
        double first = f.of(values[0]);
        for (String v : values) {
            if (f.of(v) != first) {
                return true;
            }
        }
        return false;
    }

    /**
     * The fit request with each String node's features added: nodes of its kind, columns computed
     * from the trace's Strings, and every edge into or out of a String node repeated for its features.
     */
    public FitRequest expand(FitRequest request, Trace trace) {
        if (byNode.values().stream().allMatch(List::isEmpty)) {
            return request;
        }
        List<FitRequest.Node> nodes = new ArrayList<>();
        Map<String, List<Double>> data = new LinkedHashMap<>(request.data());
        for (FitRequest.Node n : request.nodes()) {
            nodes.add(n);
            for (Feature f : byNode.getOrDefault(n.id(), List.of())) {
                nodes.add(new FitRequest.Node(f.id(), n.kind(), f.continuous() ? FitRequest.ValueType.CONTINUOUS
                        : FitRequest.ValueType.BOOLEAN));
                List<Double> column = new ArrayList<>();
                for (String v : trace.strings().values(n.id())) {
                    column.add(f.of(v));
                }
                data.put(f.id(), column);
            }
        }
        Map<String, FitRequest.Edge> edges = new LinkedHashMap<>();
        for (FitRequest.Edge e : request.edges()) {
            for (String from : group(e.from())) {
                for (String to : group(e.to())) {
                    edges.putIfAbsent(from + "\u0000" + to, new FitRequest.Edge(from, to, e.kind()));
                }
            }
        }
        return new FitRequest(nodes, new ArrayList<>(edges.values()), data, request.quality(), request.seed(),
                request.intervened(), request.runs());
    }

    private List<String> group(String node) {
        List<String> ids = new ArrayList<>();
        ids.add(node);
        byNode.getOrDefault(node, List.of()).forEach(f -> ids.add(f.id()));
        return ids;
    }

    /** Every node an intervention on a String node sets, with the values of {@code from} and {@code to}. */
    public Map<String, double[]> setTo(String node, String from, String to) {
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put(node, new double[] {length(from), length(to)});
        for (Feature f : byNode.getOrDefault(node, List.of())) {
            values.put(f.id(), new double[] {f.of(from), f.of(to)});
        }
        return values;
    }

    private static double length(String s) {
        return s == null ? 0 : s.length();
    }
}
