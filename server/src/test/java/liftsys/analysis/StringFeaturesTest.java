package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liftsys.sidecar.FitRequest;
import liftsys.trace.ColumnType;
import liftsys.trace.Trace;
import liftsys.trace.TraceStrings;
import org.junit.jupiter.api.Test;

/**
 * String nodes enter the model as their length plus the features that vary in the traced rows,
 * each wired like the String node; a String set by value sets all of them.
 */
class StringFeaturesTest {
    static final List<String> DICTIONARY = List.of("USD", "GBP", "EUR", "42", "");
    /** Row by row: the code of {@code to}'s String, and the rate the code computed. */
    static final int[] CODES = {0, 1, 2, 3, 4, 0, 2};
    static final double[] RATES = {1.1, 0.85, 1, 1, 1, 1.1, 1};

    static Trace trace() {
        double[][] rows = new double[CODES.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {DICTIONARY.get(CODES[i]).length(), RATES[i]};
        }
        return new Trace(List.of("to@in", "rate@1"), Map.of("to@in", ColumnType.CONTINUOUS, "rate@1",
                ColumnType.CONTINUOUS), rows, Map.of(), rows.length, 0, 0, null,
                new int[] {0, 1, 2, 3, 4, 5, 6}, null, null, Map.of("to@in", "length"),
                new TraceStrings(DICTIONARY, List.of("USD", "GBP", "JPY"), Map.of("to@in", CODES)));
    }

    @Test
    void onlyFeaturesThatVaryEnterTheModel() {
        StringFeatures f = StringFeatures.of(trace());
        assertEquals(List.of("to@in#equals \"USD\"", "to@in#equals \"GBP\"", "to@in#numeric", "to@in#number"),
                f.byNode().get("to@in").stream().map(StringFeatures.Feature::id).toList(),
                "never null and never \"JPY\": those say nothing");
        assertFalse(f.isString("rate@1"));
    }

    @Test
    void featuresAreNodesWiredLikeTheirStringWithColumnsComputedFromTheStrings() {
        Trace t = trace();
        StringFeatures f = StringFeatures.of(t);
        Map<String, List<Double>> data = new LinkedHashMap<>(t.columnsById());
        FitRequest plain = new FitRequest(List.of(
                new FitRequest.Node("to@in", "parameter", FitRequest.ValueType.CONTINUOUS),
                new FitRequest.Node("rate@1", "local", FitRequest.ValueType.CONTINUOUS)),
                List.of(new FitRequest.Edge("to@in", "rate@1", "control")), data, "GOOD", 0);
        FitRequest expanded = f.expand(plain, t);
        assertEquals(6, expanded.nodes().size());
        assertEquals(FitRequest.ValueType.BOOLEAN, expanded.nodes().get(1).type());
        assertEquals("parameter", expanded.nodes().get(1).kind());
        assertEquals(FitRequest.ValueType.CONTINUOUS, expanded.nodes().get(4).type(), "the number it parses to");
        assertEquals(5, expanded.edges().size());
        assertTrue(expanded.edges().stream().allMatch(e -> e.to().equals("rate@1") && e.kind().equals("control")));
        assertEquals(List.of(1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0), expanded.data().get("to@in#equals \"USD\""));
        assertEquals(List.of(0.0, 0.0, 0.0, 42.0, 0.0, 0.0, 0.0), expanded.data().get("to@in#number"));
    }

    @Test
    void aSetByValueSetsTheLengthAndEveryFeature() {
        Map<String, double[]> set = StringFeatures.of(trace()).setTo("to@in", "EUR", "USD");
        assertArrayEquals(new double[] {3, 3}, set.get("to@in"));
        assertArrayEquals(new double[] {0, 1}, set.get("to@in#equals \"USD\""));
        assertArrayEquals(new double[] {0, 0}, set.get("to@in#equals \"GBP\""));
        assertArrayEquals(new double[] {0, 0}, set.get("to@in#numeric"));
    }
}
