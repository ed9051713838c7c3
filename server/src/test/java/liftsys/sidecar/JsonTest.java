package liftsys.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sidecar's own JSON codec: values round-trip, doubles exactly, and bad text is refused. */
class JsonTest {

    @Test
    void parsesEveryKindOfValue() {
        Object parsed = Json.parse(" {\"a\": [1, -2.5, 3e2, true, false, null, \"s\"], \"b\": {}, \"c\": []} ");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1L, -2.5, 300.0, true, false, null, "s"));
        expected.put("b", Map.of());
        expected.put("c", List.of());
        assertEquals(expected, parsed);
    }

    @Test
    void keepsObjectKeyOrder() {
        Map<?, ?> parsed = (Map<?, ?>) Json.parse("{\"z\":1,\"a\":2,\"m\":3}");

        assertEquals(List.of("z", "a", "m"), new ArrayList<>(parsed.keySet()));
    }

    @Test
    void integersAreLongsAndTooBigIntegersAreDoubles() {
        assertEquals(9007199254740993L, Json.parse("9007199254740993"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertInstanceOf(Double.class, Json.parse("92233720368547758070"));
    }

    @Test
    void doublesRoundTripExactly() {
        Random random = new Random(7);
        List<Double> values = new ArrayList<>(List.of(0.1, -0.0, 1e-320, Double.MIN_VALUE, Double.MAX_VALUE,
                -Double.MAX_VALUE, 1.0 / 3, 123456789.123456789, 5e-324, 2.5e21));
        for (int i = 0; i < 1000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
        }
        values.removeIf(v -> !Double.isFinite(v));

        Object back = Json.parse(Json.write(values));

        assertEquals(values.size(), ((List<?>) back).size());
        for (int i = 0; i < values.size(); i++) {
            Object v = ((List<?>) back).get(i);
            assertEquals(Double.doubleToLongBits(values.get(i)), Double.doubleToLongBits(((Number) v).doubleValue()),
                    "value " + values.get(i));
        }
    }

    @Test
    void writesPythonReadableNumbers() {
        assertEquals("[1.0E-5,3,2.5,1.0E21]", Json.write(List.of(1e-5, 3L, 2.5, 1e21)));
        assertEquals("[0.5,1.5]", Json.write(new double[] {0.5, 1.5}));
    }

    @Test
    void stringsRoundTripWithEscapesAndUnicode() {
        String tricky = "quote\" backslash\\ slash/ newline\n tab\t nul\u0000 bell\u0007 é 日本 😀 \u2028";

        String written = Json.write(Map.of("k", tricky));

        assertTrue(!written.contains("\n") && !written.contains("\u2028"), written);
        assertEquals(Map.of("k", tricky), Json.parse(written));
        assertEquals("😀/", Json.parse("\"\\ud83d\\ude00\\/\""));
    }

    @Test
    void refusesNumbersWithoutJsonForm() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new double[] {Double.NEGATIVE_INFINITY}));
    }

    @Test
    void refusesValuesOfOtherTypes() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "a")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "tru", "nul", "01", "1.", ".5", "-", "1e",
            "\"abc", "\"\\x\"", "\"\\u12\"", "\"a\nb\"", "NaN", "Infinity", "[1] [2]", "{'a':1}", "{a:1}", "+1"})
    void refusesMalformedText(String text) {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> Json.parse(text));

        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void refusesNestingDeeperThanTheLimitInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThrows(MalformedJsonException.class, () -> Json.parse(deep));
        assertEquals(List.of(List.of(List.of())), Json.parse("[[[]]]"));
    }
}
