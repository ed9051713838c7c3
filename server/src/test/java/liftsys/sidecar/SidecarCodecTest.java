package liftsys.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sidecar's codec: the wire shapes the Python side reads, doubles to the last bit (NaN and the
 * infinities as strings), unknown fields ignored, missing ones and garbage refused; and the same
 * numbers through the sidecar's own Python code in a real interpreter.
 */
class SidecarCodecTest {
    private static final TypeToken<List<Double>> DOUBLES = new TypeToken<>() {};

    /** Extremes, the values the task names, and 2,000 random bit patterns and magnitudes. */
    static List<Double> doubles() {
        List<Double> values = new ArrayList<>(List.of(1e50, -1e-300, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 0.1, -0.0, 0.0, 1.0 / 3, Double.MIN_VALUE, Double.MIN_NORMAL,
                Double.MAX_VALUE, -Double.MAX_VALUE, 123456789.123456789, 2.5e21, 9007199254740993.0));
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add(random.nextGaussian() * Math.pow(10, random.nextInt(600) - 300));
        }
        return values;
    }

    @Test
    void everyDoubleRoundTripsToTheLastBitWithNonFiniteOnesAsStrings() {
        List<Double> values = doubles();

        String json = SidecarCodec.toJson(values);
        List<Double> back = SidecarCodec.fromJson(json, DOUBLES);

        assertBitsEqual(values, back);
        assertTrue(json.startsWith("[1.0E50,-1.0E-300,\"NaN\",\"Infinity\",\"-Infinity\",0.1,-0.0,"), json);
    }

    @Test
    void fitParamsHaveTheShapeTheSidecarReads() {
        FitRequest request = new FitRequest(
                List.of(Sidecars.node("x", "parameter"),
                        new FitRequest.Node("b", "local", FitRequest.ValueType.BOOLEAN)),
                List.of(new FitRequest.Edge("x", "b", "control")),
                Map.of("x", List.of(1e50, -1e-300), "b", List.of(0.0, 1.0)), "GOOD", 3);

        String line = SidecarCodec.requestLine(4, "fit", SidecarCodec.fitParams(request));

        String expectedStart = "{\"id\":4,\"method\":\"fit\",\"params\":{\"graph\":{\"nodes\":["
                + "{\"id\":\"x\",\"kind\":\"parameter\",\"type\":\"continuous\"},"
                + "{\"id\":\"b\",\"kind\":\"local\",\"type\":\"boolean\"}],"
                + "\"edges\":[{\"from\":\"x\",\"to\":\"b\",\"kind\":\"control\"}]},\"data\":{";
        assertTrue(line.startsWith(expectedStart), line);
        assertTrue(line.contains("\"x\":[1.0E50,-1.0E-300]") && line.contains("\"b\":[0.0,1.0]"), line);
        assertTrue(line.endsWith("},\"quality\":\"GOOD\",\"seed\":3}}"), line);
    }

    @Test
    void effectParamsCarryOneInterventionAndLeaveEmptyTargetsOut() {
        String shift = SidecarCodec.toJson(SidecarCodec.effectParams(
                new EffectRequest("m", NodeIntervention.shift("x", 1.5), List.of(), 500, 0.95, 0)));
        String set = SidecarCodec.toJson(SidecarCodec.effectParams(
                new EffectRequest("m", NodeIntervention.set("b", 0, 1), List.of("y"), 10, 0.9, 2)));

        assertEquals("{\"model\":\"m\",\"intervention\":{\"shift\":{\"x\":1.5}},\"samples\":500,\"level\":0.95,"
                + "\"seed\":0,\"minQuality\":0.7}", shift);
        assertEquals("{\"model\":\"m\",\"intervention\":{\"set\":{\"b\":{\"from\":0.0,\"to\":1.0}}},"
                + "\"targets\":[\"y\"],\"samples\":10,\"level\":0.9,\"seed\":2,\"minQuality\":0.7}", set);
    }

    @Test
    void fitParamsCarryExperimentRowsAndRunCountsOnlyWhenThereAreAny() {
        FitRequest plain = Sidecars.chain(3, 1);
        FitRequest experiment = new FitRequest(plain.nodes(), plain.edges(), plain.data(), "GOOD", 0,
                List.of(List.of(), List.of("y"), List.of("y")), new FitRequest.Runs(5, 3));

        String without = SidecarCodec.toJson(SidecarCodec.fitParams(plain));
        String with = SidecarCodec.toJson(SidecarCodec.fitParams(experiment));

        assertTrue(!without.contains("intervened") && !without.contains("runs"), without);
        assertTrue(with.endsWith("\"seed\":0,\"intervened\":[[],[\"y\"],[\"y\"]],\"runs\":{\"planned\":5,"
                + "\"kept\":3}}"), with);
        assertThrows(IllegalArgumentException.class, () -> new FitRequest(plain.nodes(), plain.edges(), plain.data(),
                "GOOD", 0, List.of(List.of()), null), "one entry per row");
    }

    @Test
    void anEffectWithoutANumberCarriesItsReasonsAndTheExperimentToRun() {
        String json = "{\"effects\":{\"return\":{\"value\":null,\"low\":null,\"high\":null,\"exact\":false,"
                + "\"identifiable\":false,\"unreliable\":true,\"reasons\":[{\"code\":\"not-identifiable\","
                + "\"message\":\"In every kept run, `out@1` is a function of `x@in`.\",\"nodes\":[\"return\"]}],"
                + "\"collinear\":[{\"node\":\"return\"}],\"experiment\":[\"base@1\"]},"
                + "\"y\":{\"value\":2.0,\"low\":1.0,\"high\":3.0}},\"level\":0.95}";

        EffectResult result = SidecarCodec.result(SidecarCodec.response("{\"id\":1,\"result\":" + json + "}")
                .result(), EffectResult.class);

        EffectResult.Effect none = result.effects().get("return");
        assertTrue(!none.hasValue() && !none.identifiable() && none.unreliable());
        assertEquals("not-identifiable", none.reasons().get(0).code());
        assertEquals(List.of("return"), none.reasons().get(0).nodes());
        assertEquals(List.of("base@1"), none.experiment());
        EffectResult.Effect old = result.effects().get("y");
        assertTrue(old.hasValue() && old.identifiable() && !old.unreliable() && old.reasons().isEmpty(),
                "a sidecar of the first version: nothing said, nothing against it");
    }

    @Test
    void driversAndCounterfactualsHaveTheSidecarsShapeBothWays() {
        String drivers = SidecarCodec.toJson(SidecarCodec.driversParams(
                new DriversRequest("m", "return", 0.95, 1, 10, 300)));
        String counterfactual = SidecarCodec.toJson(SidecarCodec.counterfactualParams(
                new CounterfactualRequest("m", 7, Map.of("price@in", 12.0), Map.of(), List.of("return"))));
        DriversResult ranked = SidecarCodec.result(SidecarCodec.response("{\"id\":1,\"result\":{\"target\":"
                + "\"return\",\"parents\":[{\"node\":\"a@in\",\"value\":1e50,\"low\":1.0,\"high\":\"Infinity\","
                + "\"share\":0.99}],\"ancestors\":[],\"measure\":\"variance\",\"level\":0.95,\"bootstrap\":10,"
                + "\"notes\":[]}}").result(), DriversResult.class);
        CounterfactualResult replayed = SidecarCodec.result(SidecarCodec.response("{\"id\":1,\"result\":{\"row\":7,"
                + "\"available\":false,\"factual\":{\"price@in\":9.0},\"targets\":[\"return\"],\"reason\":\"no"
                + " noise\"}}").result(), CounterfactualResult.class);

        assertEquals("{\"model\":\"m\",\"target\":\"return\",\"level\":0.95,\"seed\":1,\"bootstrap\":10,"
                + "\"samples\":300}", drivers);
        assertEquals("{\"model\":\"m\",\"row\":7,\"intervention\":{\"set\":{\"price@in\":12.0}},"
                + "\"targets\":[\"return\"]}", counterfactual);
        assertEquals(1e50, ranked.parents().get(0).value());
        assertEquals(Double.POSITIVE_INFINITY, ranked.parents().get(0).high());
        assertTrue(!replayed.available() && replayed.change().isEmpty() && replayed.reason().equals("no noise"));
    }

    @Test
    void resultsIgnoreUnknownFieldsAtEveryLevelAndCarryNonFiniteNumbers() {
        SidecarCodec.Response response = SidecarCodec.response("{\"id\":7,\"trace\":\"abc\",\"result\":{"
                + "\"effects\":{\"y\":{\"value\":2.0,\"low\":\"-Infinity\",\"high\":\"NaN\",\"se\":0.1}},"
                + "\"level\":0.95,\"samples\":500,\"bootstrap\":{\"n\":400}}}");

        EffectResult result = SidecarCodec.result(response.result(), EffectResult.class);

        assertEquals(7L, response.id());
        assertEquals(2.0, result.effects().get("y").value());
        assertEquals(Double.NEGATIVE_INFINITY, result.effects().get("y").low());
        assertTrue(Double.isNaN(result.effects().get("y").high()));
        assertEquals(0.95, result.level());
    }

    @Test
    void resultsKeepTheSidecarsOrder() {
        String json = "{\"effects\":{\"z\":{\"value\":1,\"low\":1,\"high\":1},\"a\":{\"value\":2,\"low\":2,"
                + "\"high\":2}},\"level\":0.5}";

        EffectResult result = SidecarCodec.result(SidecarCodec.response("{\"id\":1,\"result\":" + json + "}")
                .result(), EffectResult.class);

        assertEquals(List.of("z", "a"), List.copyOf(result.effects().keySet()));
    }

    @Test
    void aMissingFieldIsTheSidecarMisbehavingAndNamed() {
        var result = SidecarCodec.response("{\"id\":1,\"result\":{\"effects\":{\"y\":{\"value\":2.0,\"low\":1.0}},"
                + "\"level\":0.95}}").result();

        SidecarException e = assertThrows(SidecarException.class, () -> SidecarCodec.result(result, EffectResult.class));

        assertEquals(SidecarFailure.SIDECAR_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("'high' is missing at $.effects.y"), e.getMessage());
    }

    @Test
    void anErrorAnswerAndAnAnswerWithoutIdAreRead() {
        SidecarCodec.Response error = SidecarCodec.response(
                "{\"id\":3,\"error\":{\"code\":\"unknown-model\",\"message\":\"refit\",\"hint\":1}}");
        SidecarCodec.Response anonymous = SidecarCodec.response(
                "{\"id\":null,\"error\":{\"code\":\"bad-request\",\"message\":\"malformed JSON\"}}");

        assertEquals("unknown-model", error.error().code());
        assertEquals("refit", error.error().message());
        assertNull(error.result());
        assertNull(anonymous.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Traceback (most recent call last):", "{\"id\":1,\"result\":{}} trailing",
            "{'id':1}", "{\"id\":1,\"result\":{\"x\":NaN}}", "[1,2]", "{\"id\":\"one\"}", "{\"id\":1,"})
    void garbageIsNotAProtocolResponse(String line) {
        SidecarException e = assertThrows(SidecarException.class, () -> SidecarCodec.response(line));

        assertEquals(SidecarFailure.SIDECAR_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("not a protocol response"), e.getMessage());
    }

    @Test
    void aStringWhereANumberBelongsIsRefused() {
        var result = SidecarCodec.response("{\"id\":1,\"result\":{\"effects\":{},\"level\":\"high\"}}").result();

        SidecarException e = assertThrows(SidecarException.class, () -> SidecarCodec.result(result, EffectResult.class));

        assertTrue(e.getMessage().contains("got the string 'high'"), e.getMessage());
    }

    @Test
    void stringsWithLineSeparatorsStayOnOneLine() {
        String tricky = "quote\" backslash\\ newline\n nul\u0000 é 日本 😀 \u2028 \u2029 <&>";

        String line = SidecarCodec.requestLine(1, "drop", new SidecarCodec.ModelParams(tricky));

        assertTrue(!line.contains("\n") && !line.contains("\u2028") && !line.contains("\u2029"), line);
        Map<String, Object> back = SidecarCodec.fromJson(line, new TypeToken<Map<String, Object>>() {});
        assertEquals(Map.of("model", tricky), back.get("params"));
    }

    /** Java writes, the sidecar's own Python code reads and writes back, Java reads: every bit survives. */
    @Test
    void numbersSurviveTheRoundTripThroughTheSidecarsPythonCode() throws Exception {
        List<Double> values = doubles();
        String script = "import sys, json\n"
                + "from liftsys_dowhy import wire\n"
                + "values = [wire.column_number(v) for v in json.loads(sys.stdin.readline())]\n"
                + "assert all(isinstance(v, float) for v in values), 'not all numbers'\n"
                + "print(json.dumps(wire.encode(values), allow_nan=False))\n";
        ProcessBuilder builder = new ProcessBuilder(Sidecars.python(), "-c", script);
        builder.environment().put("PYTHONPATH", Sidecars.root().resolve("dowhy/src").toString());
        Process python = builder.start();
        python.getOutputStream().write((SidecarCodec.toJson(values) + "\n").getBytes(StandardCharsets.UTF_8));
        python.getOutputStream().close();
        String out = read(python.getInputStream().readAllBytes());
        String err = read(python.getErrorStream().readAllBytes());
        assertTrue(python.waitFor(30, TimeUnit.SECONDS) && python.exitValue() == 0, err);

        assertBitsEqual(values, SidecarCodec.fromJson(out.strip(), DOUBLES));
    }

    private static void assertBitsEqual(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Double.doubleToRawLongBits(canonical(expected.get(i))),
                    Double.doubleToRawLongBits(canonical(actual.get(i))), "value " + i + ": " + expected.get(i));
        }
    }

    /** NaN has many bit patterns; all of them are the one NaN on the wire. */
    private static double canonical(double d) {
        return Double.isNaN(d) ? Double.NaN : d;
    }

    private static String read(byte[] bytes) throws IOException {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
