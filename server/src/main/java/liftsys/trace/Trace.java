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
 * @param samples {@code samples[i]} is the index (0-based, in draw order) of the sampled input that kept row i
 *     came from: traces of the same method, seed and sample count draw the same inputs, so rows with the same
 *     index pair up across them (a trace with an intervention against one without)
 * @param ran {@code ran[i]} is a bit set over the columns: bit j is set when column j's definition ran in
 *     the execution of row i (a conditional definition that did not run keeps its variable's earlier
 *     value); null when not recorded, which {@link #ran(int, int)} reads as "ran"
 * @param runs how the runs went: how many were planned, what the ones that threw threw, why drawing stopped
 * @param measures what a column's numbers measure when they are not the variable's own value, by id
 *     ({@code "length"} of a String or array, {@code "size"} of a collection, {@code "non-null"} of an object,
 *     {@code "ordinal"} of an enum, {@code "char code"}, {@code "share true"}); plain numbers have no entry
 * @param strings the Strings behind String columns (which hold lengths)
 */
public record Trace(List<String> columns, Map<String, ColumnType> types, double[][] rows,
                   Map<String, InputRange> inputs, int run, int thrown, int dropped, String firstException,
                   int[] samples, long[][] ran, Runs runs, Map<String, String> measures, TraceStrings strings) {
    /**
     * What became of the planned runs beyond the counts of {@link Trace}: {@code planned} runs
     * were to complete; {@code threw} counts what the others threw by exception class (simple
     * name, most frequent first); {@code stopped} says why drawing stopped short (too many
     * attempts, out of time, or hopeless), null when it did not; {@code nonFiniteIn} is the column
     * of the first non-finite value of the runs {@code dropped}, null when none was.
     */
    public record Runs(int planned, Map<String, Integer> threw, String stopped, String nonFiniteIn) {
        public Runs {
            threw = Collections2.copyOrdered(threw);
        }

        /** Nothing known beyond the trace's own counts. */
        static Runs of(int planned) {
            return new Runs(planned, Map.of(), null, null);
        }
    }

    /** A trace of numbers only that says which definitions ran but nothing of its runs beyond its counts. */
    public Trace(List<String> columns, Map<String, ColumnType> types, double[][] rows,
                 Map<String, InputRange> inputs, int run, int thrown, int dropped, String firstException,
                 int[] samples, long[][] ran) {
        this(columns, types, rows, inputs, run, thrown, dropped, firstException, samples, ran, Runs.of(run), Map.of(),
                TraceStrings.NONE);
    }

    /** A trace whose rows came from the samples 0, 1, 2, ... in order (nothing thrown or dropped between them). */
    public Trace(List<String> columns, Map<String, ColumnType> types, double[][] rows,
                 Map<String, InputRange> inputs, int run, int thrown, int dropped, String firstException) {
        this(columns, types, rows, inputs, run, thrown, dropped, firstException, sequence(rows.length));
    }

    /** A trace of numbers only that says nothing of its runs beyond its counts (planned as many as were run), nor which definitions ran. */
    public Trace(List<String> columns, Map<String, ColumnType> types, double[][] rows,
                 Map<String, InputRange> inputs, int run, int thrown, int dropped, String firstException,
                 int[] samples) {
        this(columns, types, rows, inputs, run, thrown, dropped, firstException, samples, null);
    }

    public Trace {
        runs = runs == null ? Runs.of(run) : runs;
        measures = Collections2.copyOrdered(measures);
        strings = strings == null ? TraceStrings.NONE : strings;
        if (samples.length != rows.length) {
            throw new IllegalArgumentException(samples.length + " sample indexes for " + rows.length + " rows");
        }
        samples = samples.clone();
        for (int i = 1; i < samples.length; i++) {
            if (samples[i] <= samples[i - 1]) {
                throw new IllegalArgumentException("sample indexes must increase: " + samples[i - 1] + ", "
                        + samples[i]);
            }
        }
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
        if (ran != null) {
            if (ran.length != rows.length) {
                throw new IllegalArgumentException(ran.length + " sets of ran definitions for " + rows.length + " rows");
            }
            long[][] bits = new long[ran.length][];
            for (int i = 0; i < ran.length; i++) {
                bits[i] = ran[i].clone();
            }
            ran = bits;
        }
    }

    /** A copy of which definitions ran, per row (null when not recorded). */
    @Override
    public long[][] ran() {
        if (ran == null) {
            return null;
        }
        long[][] copy = new long[ran.length][];
        for (int i = 0; i < ran.length; i++) {
            copy[i] = ran[i].clone();
        }
        return copy;
    }

    /** Whether column {@code j}'s definition ran in the execution of row {@code i}; true when not recorded. */
    public boolean ran(int i, int j) {
        if (ran == null) {
            return true;
        }
        long[] bits = ran[i];
        int word = j >> 6;
        return word < bits.length && (bits[word] & (1L << (j & 63))) != 0;
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

    /** A copy of the sample indexes, one per row. */
    @Override
    public int[] samples() {
        return samples.clone();
    }

    /** The index of the sampled input that row {@code row} came from. */
    public int sample(int row) {
        return samples[row];
    }

    /** The row that came from sample {@code index}, or -1 when that execution threw or was dropped. */
    public int rowOfSample(int index) {
        int found = java.util.Arrays.binarySearch(samples, index);
        return found >= 0 ? found : -1;
    }

    /** Column {@code j}'s value in row {@code i}, without copying. */
    public double value(int i, int j) {
        return rows[i][j];
    }

    private static int[] sequence(int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
        }
        return s;
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
                && java.util.Objects.equals(firstException, t.firstException) && Arrays.equals(samples, t.samples)
                && Arrays.deepEquals(ran, t.ran) && runs.equals(t.runs) && measures.equals(t.measures)
                && strings.equals(t.strings);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(columns, types, Arrays.deepHashCode(rows), inputs, run, thrown, dropped,
                firstException, Arrays.hashCode(samples), Arrays.deepHashCode(ran), runs, measures, strings);
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
