package liftsys.trace;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The String values behind a trace's String columns, which hold each String's length: per column,
 * per kept row, the code of the String in {@code dictionary} (-1 for null), so a model can be fed
 * features of the Strings that mean something (equality with a literal, whether it parses as a
 * number, ...) instead of codes. Immutable (arrays are copied in and out).
 *
 * @param dictionary the distinct Strings recorded, by code
 * @param literals the String literals of the traced method, in order of appearance
 * @param codes per String column (by definition id), the code of each kept row's String
 */
public record TraceStrings(List<String> dictionary, List<String> literals, Map<String, int[]> codes) {
    public static final TraceStrings NONE = new TraceStrings(List.of(), List.of(), Map.of());

    public TraceStrings {
        dictionary = List.copyOf(dictionary);
        literals = List.copyOf(literals);
        Map<String, int[]> copy = new LinkedHashMap<>();
        codes.forEach((column, values) -> copy.put(column, values.clone()));
        codes = java.util.Collections.unmodifiableMap(copy);
    }

    /** Whether the column holds Strings (as lengths). */
    public boolean isString(String column) {
        return codes.containsKey(column);
    }

    /** The String of a column in a kept row (null when it was null, or when the row has no String there). */
    public String value(String column, int row) {
        int[] c = codes.get(column);
        if (c == null || row < 0 || row >= c.length) {
            return null;
        }
        int code = c[row];
        return code >= 0 && code < dictionary.size() ? dictionary.get(code) : null;
    }

    /** The Strings of a column, row by row. */
    public String[] values(String column) {
        int[] c = codes.get(column);
        String[] out = new String[c == null ? 0 : c.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(column, i);
        }
        return out;
    }

    @Override
    public Map<String, int[]> codes() {
        Map<String, int[]> copy = new LinkedHashMap<>();
        codes.forEach((column, values) -> copy.put(column, values.clone()));
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TraceStrings t) || !dictionary.equals(t.dictionary) || !literals.equals(t.literals)
                || !codes.keySet().equals(t.codes.keySet())) {
            return false;
        }
        return codes.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), t.codes.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        int h = dictionary.hashCode() * 31 + literals.hashCode();
        for (Map.Entry<String, int[]> e : codes.entrySet()) {
            h = h * 31 + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
        }
        return h;
    }
}
