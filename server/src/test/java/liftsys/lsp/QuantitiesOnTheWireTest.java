package liftsys.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import liftsys.sidecar.SidecarConfig;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quantities through the real server, its worker JVM and the DoWhy sidecar, as an editor reads
 * them (issue 16): effects of any magnitude keep every bit (1e50, -1e-300: the old rounding made
 * them 9.22e12 and -0), effects that are not finite are null with a reason (LSP's JSON has no
 * NaN), and what drives a value is ranked, then shown in hover.
 */
class QuantitiesOnTheWireTest {
    private static final Path ROOT = Path.of(System.getProperty("liftsys.root", "..")).toAbsolutePath().normalize();
    private static final String URI = "file:///work/wire/Wire.java";
    // The factors are computed, not literals: the sampler draws inputs around the constants it reads.
    private static final String TEXT = """
            class Wire {
                static double big(double x) {
                    return Math.pow(10, 50) * x;
                }

                static double tiny(double x) {
                    return -Math.pow(10, -300) * x;
                }

                static double over(double x) {
                    return x * Math.pow(10, 300);
                }

                static double drive(double a, double b) {
                    double r = 10 * a + b;
                    return r;
                }

                static double member(double price, boolean vip) {
                    double disc = 0.0;
                    if (vip) {
                        disc = price * 0.1;
                    }
                    return price - disc;
                }
            }
            """;

    private static InProcessClient client;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(SidecarConfig.defaultPython(ROOT)), "the DoWhy environment is missing");
        client = InProcessClient.start("{\"liftsys\": {\"warmUp\": false, \"samples\": 200, \"timeoutMs\": 120000}}");
        client.open(URI, 1, TEXT);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void hugeAndTinyEffectsKeepEveryBit() throws Exception {
        JsonObject big = effectOnReturn(quantify("return Math.pow(10, 50) * x", "x", "{\"shift\": 1}"));
        JsonObject tiny = effectOnReturn(quantify("return -Math.pow(10, -300) * x", "x", "{\"shift\": 1}"));

        assertEquals(1e50, big.get("value").getAsDouble(), 1e50 * 1e-9, big.toString());
        assertEquals(1e50, big.getAsJsonObject("observed").get("value").getAsDouble(), 1e50 * 1e-9, big.toString());
        assertEquals(-1e-300, tiny.get("value").getAsDouble(), 1e-300 * 1e-6, tiny.toString());
        assertEquals(-1e-300, tiny.getAsJsonObject("observed").get("value").getAsDouble(), 1e-300 * 1e-9,
                tiny.toString());
    }

    @Test
    void effectsThatAreNotFiniteAreNullWithAReason() throws Exception {
        // x * 1e300 overflows once x is set to 1e10: +inf - finite, finite - inf, and inf - inf (NaN).
        for (String[] c : new String[][] {{"0", "1e10"}, {"1e10", "0"}, {"1e10", "2e10"}}) {
            JsonObject answer = quantify("return x * Math", "x",
                    "{\"set\": {\"from\": " + c[0] + ", \"to\": " + c[1] + "}}");
            JsonObject entry = returnEntry(answer);
            assertTrue(entry.get("effect").isJsonNull(), answer.toString());
            JsonArray reasons = entry.getAsJsonObject("unquantified").getAsJsonArray("reasons");
            assertTrue(reasons.toString().contains("non-finite") && reasons.toString().contains("not a finite number"),
                    reasons.toString());
        }
    }

    @Test
    void whatDrivesTenAPlusBIsAFirstAndHoverShowsIt() throws Exception {
        Position r = position("return r", "r");
        assertTrue(hover(r).contains("pending"), "nothing measured yet");
        JsonObject drivers = client.server.drivers(JsonParser.parseString("{\"textDocument\":{\"uri\":\"" + URI
                + "\"},\"position\":{\"line\":" + r.getLine() + ",\"character\":" + r.getCharacter() + "}}"))
                .get(180, TimeUnit.SECONDS);

        assertTrue(drivers.get("degraded").isJsonNull(), drivers.toString());
        JsonArray parents = drivers.getAsJsonArray("parents");
        assertEquals("a", parents.get(0).getAsJsonObject().get("name").getAsString(), drivers.toString());
        assertEquals("b", parents.get(1).getAsJsonObject().get("name").getAsString(), drivers.toString());
        JsonObject a = parents.get(0).getAsJsonObject();
        assertTrue(a.get("share").getAsDouble() > 0.9, "equal spreads, ten times the weight: " + a);
        assertTrue(a.get("low").getAsDouble() <= a.get("value").getAsDouble()
                && a.get("value").getAsDouble() <= a.get("high").getAsDouble(), a.toString());
        JsonArray ancestors = drivers.getAsJsonArray("ancestors");
        assertEquals("a", ancestors.get(0).getAsJsonObject().get("name").getAsString(), drivers.toString());
        String shown = hover(r);
        assertTrue(shown.contains("What drives `r`") && shown.indexOf("`a`") < shown.indexOf("`b`", shown
                .indexOf("What drives")), shown);
    }

    @Test
    void aCounterfactualRunIsModelledAndMeasured() throws Exception {
        Position a = position("drive(double a", "a");
        JsonObject replay = client.server.counterfactual(JsonParser.parseString("{\"textDocument\":{\"uri\":\"" + URI
                + "\"},\"position\":{\"line\":" + a.getLine() + ",\"character\":" + a.getCharacter()
                + "},\"run\":3,\"intervention\":{\"shift\":2}}")).get(180, TimeUnit.SECONDS);

        assertTrue(replay.get("degraded").isJsonNull(), replay.toString());
        assertEquals(3, replay.get("run").getAsInt());
        for (JsonElement e : replay.getAsJsonArray("entries")) {
            JsonObject entry = e.getAsJsonObject();
            double factual = entry.get("factual").getAsDouble();
            assertEquals(factual + 20, entry.get("measured").getAsDouble(), 1e-9, replay.toString());
            assertEquals(factual + 20, entry.get("counterfactual").getAsDouble(), 1e-6, replay.toString());
        }
    }

    @Test
    void aCounterfactualOfAConditionalAssignmentChangesTheRunOnlyWhereItRuns() throws Exception {
        Position disc = position("disc = price", "disc");
        int changed = 0;
        int unchanged = 0;
        for (int run = 0; run < 6; run++) {
            JsonObject replay = client.server.counterfactual(JsonParser.parseString("{\"textDocument\":{\"uri\":\""
                    + URI + "\"},\"position\":{\"line\":" + disc.getLine() + ",\"character\":" + disc.getCharacter()
                    + "},\"run\":" + run + ",\"intervention\":{\"shift\":1}}")).get(180, TimeUnit.SECONDS);
            assertTrue(replay.get("degraded").isJsonNull(), replay.toString());
            JsonObject ret = replay.getAsJsonArray("entries").get(0).getAsJsonObject();
            double factual = ret.get("factual").getAsDouble();
            double measured = ret.get("measured").getAsDouble();
            assertEquals(measured, ret.get("counterfactual").getAsDouble(), 1e-6, "the model as the code: " + replay);
            if (measured == factual) {
                unchanged++;
            } else {
                assertEquals(factual - 1, measured, 1e-9, replay.toString());
                changed++;
            }
        }
        assertTrue(changed > 0 && unchanged > 0, "runs with and without the assignment: " + changed + ", " + unchanged);
    }

    private static JsonObject quantify(String needle, String word, String intervention) throws Exception {
        Position p = position(needle, word);
        return client.server.causalImpact(JsonParser.parseString("{\"textDocument\":{\"uri\":\"" + URI
                + "\"},\"position\":{\"line\":" + p.getLine() + ",\"character\":" + p.getCharacter()
                + "},\"quantify\":true,\"intervention\":" + intervention + "}")).get(180, TimeUnit.SECONDS);
    }

    private static JsonObject returnEntry(JsonObject answer) {
        for (JsonElement e : answer.getAsJsonArray("downstream")) {
            if (e.getAsJsonObject().get("name").getAsString().equals("return")) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no return entry: " + answer);
    }

    private static JsonObject effectOnReturn(JsonObject answer) {
        assertEquals("fitted", answer.getAsJsonObject("model").get("status").getAsString(), answer.toString());
        JsonElement effect = returnEntry(answer).get("effect");
        assertTrue(effect.isJsonObject(), answer.toString());
        return effect.getAsJsonObject();
    }

    private static String hover(Position p) throws Exception {
        Hover h = client.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI), p))
                .get(30, TimeUnit.SECONDS);
        return h.getContents().getRight().getValue();
    }

    /** The position of the last {@code word} inside the first {@code needle}. */
    private static Position position(String needle, String word) {
        int offset = TEXT.indexOf(needle) + needle.lastIndexOf(word);
        int line = (int) TEXT.substring(0, offset).chars().filter(ch -> ch == '\n').count();
        return new Position(line, offset - (TEXT.lastIndexOf('\n', offset - 1) + 1));
    }
}
