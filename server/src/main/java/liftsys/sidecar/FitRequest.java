package liftsys.sidecar;

import com.google.gson.annotations.SerializedName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the sidecar fits: a method's dependence graph (acyclic) and one traced column per node.
 *
 * @param nodes the variables, each once
 * @param edges who depends on whom ({@code from} is the cause)
 * @param data one column per node, all of the same length; booleans as 0/1; finite values only:
 *     the sidecar refuses a column with NaN or an infinity
 * @param quality DoWhy's auto-assignment quality for nodes no exact mechanism explains:
 *     {@code GOOD}, {@code BETTER} or {@code BEST}
 * @param seed fitting seed: same seed and data give the same model and the same model key
 * @param runs how many runs were planned and how many completed (the sidecar flags a fit on fewer
 *     than half of the planned runs); null when not known
 */
public record FitRequest(
        List<Node> nodes, List<Edge> edges, Map<String, List<Double>> data, String quality, long seed, Runs runs) {

    /** Planned runs (the {@code samples} setting) and the runs that completed. */
    public record Runs(int planned, int kept) {
        public Runs {
            if (planned < 0 || kept < 0) {
                throw new IllegalArgumentException("run counts must not be negative: " + planned + ", " + kept);
            }
        }
    }

    /** A request that says nothing about planned runs. */
    public FitRequest(List<Node> nodes, List<Edge> edges, Map<String, List<Double>> data, String quality, long seed) {
        this(nodes, edges, data, quality, seed, null);
    }

    /** The same request saying how many runs were planned and completed. */
    public FitRequest withRuns(Runs counted) {
        return new FitRequest(nodes, edges, data, quality, seed, counted);
    }

    private static final Set<String> NODE_KINDS = Set.of("parameter", "local", "field", "return");
    private static final Set<String> EDGE_KINDS = Set.of("data", "control");

    /** How a node's values are modelled: regression for continuous, classification otherwise. */
    public enum ValueType {
        @SerializedName("continuous") CONTINUOUS,
        @SerializedName("boolean") BOOLEAN,
        @SerializedName("categorical") CATEGORICAL
    }

    /**
     * A variable of the method.
     *
     * @param id its name in the graph (and the key of its column)
     * @param kind {@code parameter}, {@code local}, {@code field} or {@code return}
     * @param type how its values are modelled
     */
    public record Node(String id, String kind, ValueType type) {
        public Node {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            if (!NODE_KINDS.contains(kind)) {
                throw new IllegalArgumentException("node kind must be one of " + NODE_KINDS + ": " + kind);
            }
        }
    }

    /**
     * A dependence: {@code to} depends on {@code from}.
     *
     * @param kind {@code data} or {@code control}
     */
    public record Edge(String from, String to, String kind) {
        public Edge {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!EDGE_KINDS.contains(kind)) {
                throw new IllegalArgumentException("edge kind must be one of " + EDGE_KINDS + ": " + kind);
            }
        }
    }

    public FitRequest {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        Objects.requireNonNull(quality, "quality");
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        data.forEach((column, values) -> {
            for (int row = 0; row < values.size(); row++) {
                Double v = values.get(row);
                if (v == null || !Double.isFinite(v)) {
                    throw new IllegalArgumentException(
                            "column '" + column + "' has a non-finite value at row " + row + ": " + v);
                }
            }
            copy.put(column, List.copyOf(values));
        });
        data = Collections.unmodifiableMap(copy);
    }

    /** How many values it carries (rows x columns): what keeping it costs. */
    public int cells() {
        long cells = 0;
        for (List<Double> column : data.values()) {
            cells += column.size();
        }
        return (int) Math.min(Integer.MAX_VALUE, cells);
    }

    /** The request as the sidecar's {@code fit} params, in JSON; for benchmarks that replay it elsewhere. */
    public String wireJson() {
        return SidecarCodec.fitParamsJson(this);
    }
}
