package liftsys.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of every node of a method's graph over many executions: the data the causal model
 * is fitted on. Columns are the graph's definition ids, in the graph's order, by construction.
 * Rows are the executions that returned and whose values are all finite; the others are counted
 * in {@code thrown} and {@code dropped}. Immutable (arrays are copied in and out), so thread-safe.
 *
 * @param columns the graph's definition ids
 * @param types how each column is modelled, by id
 * @param rows {@code rows[i][j]} is column j's value in kept execution i
 * @param inputs how each sampled input (parameters, fields read) was drawn, by column id
 * @param run executions run
 * @param thrown executions that threw (their rows are not kept)
 * @param dropped executions that returned but recorded a value that is not finite (NaN, infinite, null number)
 * @param firstException the first exception thrown, as {@code Class: message}, or null
 */
public record Trace(List<String> columns, Map<String, ColumnType> types, double[][] rows,
                    Map<String, InputRange> inputs, int run, int thrown, int dropped, String firstException) {
    public Trace {
        columns = List.copyOf(columns);
        types = Collections2.copyOrdered(types);
        inputs = Collections2.copyOrdered(inputs);
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != columns.size()) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values for "
                        + columns.size() + " columns");
            }
            copy[i] = rows[i].clone();
        }
        rows = copy;
    }

    /** A copy of the rows. */
    @Override
    public double[][] rows() {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    public int rowCount() {
        return rows.length;
    }

    /** One column's values, in row order. */
    public double[] column(String id) {
        int j = columns.indexOf(id);
        if (j < 0) {
            throw new IllegalArgumentException("no column " + id + " in " + columns);
        }
        double[] values = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            values[i] = rows[i][j];
        }
        return values;
    }

    /** Every column by id, as the sidecar's fit request wants its data. */
    public Map<String, List<Double>> columnsById() {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (int j = 0; j < columns.size(); j++) {
            List<Double> values = new ArrayList<>(rows.length);
            for (double[] row : rows) {
                values.add(row[j]);
            }
            out.put(columns.get(j), values);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trace t && columns.equals(t.columns) && types.equals(t.types)
                && Arrays.deepEquals(rows, t.rows) && inputs.equals(t.inputs) && run == t.run
                && thrown == t.thrown && dropped == t.dropped
                && java.util.Objects.equals(firstException, t.firstException);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(columns, types, Arrays.deepHashCode(rows), inputs, run, thrown, dropped,
                firstException);
    }

    @Override
    public String toString() {
        return "Trace[" + columns + ", " + rows.length + " rows, run " + run + ", thrown " + thrown + ", dropped "
                + dropped + (firstException == null ? "" : ", first exception " + firstException) + "]";
    }

    /** Unmodifiable copies that keep the given order. */
    private static final class Collections2 {
        static <K, V> Map<K, V> copyOrdered(Map<K, V> map) {
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }
    }
}
