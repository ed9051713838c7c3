package liftsys.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import liftsys.testing.Fixtures;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server through a real LSP4J client over pipes: sync, settings, errors, hover. */
class LspSessionTest {
    private static final String URI = "file:///work/Pricing.java";
    private static final String PRICING = Fixtures.read("/Pricing.java");
    private InProcessClient client;

    @BeforeEach
    void start() {
        client = InProcessClient.start(
                "{\"liftsys\": {\"samples\": 100, \"timeoutMs\": \"soon\", \"seed\": 7, \"warmUp\": false}}");
        client.open(URI, 1, PRICING);
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void severalChangesInOneNotificationApplyInOrder() throws Exception {
        client.change(URI, 2, List.of(
                change(0, 0, 0, 0, "// one\n"),
                change(0, 0, 0, 0, "// zero\n"),
                change(1, 3, 1, 6, "ONE")));
        assertEquals("// zero\n// ONE\n" + PRICING, client.serverText(URI));
    }

    @Test
    void aWholeTextChangeReplacesTheDocument() throws Exception {
        client.change(URI, 2, List.of(new TextDocumentContentChangeEvent("class A { int f(int a) { return a; } }")));
        assertEquals("class A { int f(int a) { return a; } }", client.serverText(URI));
        JsonObject answer = client.impact(URI, 0, 20, "downstream");
        assertEquals("a", answer.getAsJsonObject("subject").get("name").getAsString());
        assertEquals(2, answer.get("version").getAsInt());
    }

    @Test
    void columnsCountUtf16CodeUnits() throws Exception {
        String text = "class E {\n  static int f(int a) { String s = \"\uD83D\uDE00\"; int x = a; return x; }\n}\n";
        client.change(URI, 2, List.of(new TextDocumentContentChangeEvent(text)));
        int column = text.split("\n")[1].indexOf("x = a");
        JsonObject answer = client.impact(URI, 1, column, "upstream");
        JsonObject range = answer.getAsJsonObject("subject").getAsJsonObject("range");
        assertEquals(column, range.getAsJsonObject("start").get("character").getAsInt());
        assertEquals(column + 1, range.getAsJsonObject("end").get("character").getAsInt());
        assertEquals("a", answer.getAsJsonArray("upstream").get(0).getAsJsonObject().get("name").getAsString());
    }

    @Test
    void aStaleVersionIsRefusedAndLogged() throws Exception {
        client.change(URI, 1, List.of(new TextDocumentContentChangeEvent("broken")));
        assertEquals(PRICING, client.serverText(URI));
        assertTrue(client.logs.stream().anyMatch(m -> m.getType() == MessageType.Warning
                && m.getMessage().contains("not newer")), "a warning in the client's log");
    }

    @Test
    void aWronglyTypedSettingWarnsAndTakesTheDefault() throws Exception {
        client.sync();
        assertTrue(client.logs.stream().anyMatch(m -> m.getType() == MessageType.Warning
                && m.getMessage().contains("timeoutMs")), "a warning about timeoutMs");
        assertEquals(30_000, client.connection.server().settings().timeoutMs());
        assertEquals(100, client.connection.server().settings().samples());
        client.server.getWorkspaceService().didChangeConfiguration(new org.eclipse.lsp4j.DidChangeConfigurationParams(
                com.google.gson.JsonParser.parseString("{\"liftsys\": {\"samples\": 50, \"executeCode\": false}}")));
        client.sync();
        assertEquals(50, client.connection.server().settings().samples());
        assertEquals(false, client.connection.server().settings().executeCode());
        assertEquals(7, client.connection.server().settings().seed(), "a later change keeps keys it does not name");
    }

    @Test
    void badInputGetsInvalidParamsAndTheServerKeepsServing() throws Exception {
        assertInvalid("{\"position\": {\"line\": 0, \"character\": 0}}", "textDocument is missing");
        assertInvalid("{\"textDocument\": {\"uri\": \"" + URI + "\"}, \"position\": {\"line\": \"x\", \"character\": 0}}",
                "position.line must be a number");
        assertInvalid("{\"textDocument\": {\"uri\": \"" + URI + "\"}, \"position\": {\"line\": 5, \"character\": 9},"
                + " \"direction\": \"sideways\"}", "direction");
        assertInvalid("{\"textDocument\": {\"uri\": \"file:///none.java\"}, \"position\": {\"line\": 0, \"character\": 0}}",
                "not open");
        assertInvalid("{\"textDocument\": {\"uri\": \"" + URI + "\"}, \"position\": {\"line\": 999, \"character\": 0}}",
                "outside the text");
        JsonObject answer = client.impact(URI, 5, 59, "downstream");
        assertEquals("shipping", answer.getAsJsonObject("subject").get("name").getAsString());
    }

    @Test
    void hoverListsBothDirectionsAndNothingOnWhitespace() throws Exception {
        Hover hover = client.server.getTextDocumentService()
                .hover(new HoverParams(new TextDocumentIdentifier(URI), new Position(6, 16))).get(5, TimeUnit.SECONDS);
        String markdown = hover.getContents().getRight().getValue();
        assertTrue(markdown.contains("Depends on: `price` (1), `quantity` (1)"), markdown);
        assertTrue(markdown.contains("Affects: `discount` (1), `net` (1), `return` (2)"), markdown);
        assertNull(client.server.getTextDocumentService()
                .hover(new HoverParams(new TextDocumentIdentifier(URI), new Position(6, 1))).get(5, TimeUnit.SECONDS));
    }

    @Test
    void structuralAnswerCarriesNullEffectsAndNullDegraded() throws Exception {
        JsonObject answer = client.impact(URI, 5, 32, "downstream");
        assertTrue(answer.has("degraded") && answer.get("degraded").isJsonNull());
        JsonObject first = answer.getAsJsonArray("downstream").get(0).getAsJsonObject();
        assertTrue(first.has("effect") && first.get("effect").isJsonNull());
        assertEquals("structural", answer.getAsJsonObject("model").get("status").getAsString());
    }

    @Test
    void methodGraphListsEveryDefinitionAndLabelledEdge() throws Exception {
        JsonObject graph = client.server.methodGraph(com.google.gson.JsonParser.parseString(
                "{\"textDocument\": {\"uri\": \"" + URI + "\"}, \"position\": {\"line\": 29, \"character\": 8}}"))
                .get(5, TimeUnit.SECONDS);
        assertEquals("clamp", graph.getAsJsonObject("method").get("name").getAsString());
        List<String> nodes = new java.util.ArrayList<>();
        graph.getAsJsonArray("nodes").forEach(n -> nodes.add(n.getAsJsonObject().get("id").getAsString()));
        assertEquals(List.of("value@in", "lo@in", "hi@in", "r@1", "r@2", "r@3", "return"), nodes);
        List<String> edges = new java.util.ArrayList<>();
        graph.getAsJsonArray("edges").forEach(e -> edges.add(e.getAsJsonObject().get("from").getAsString() + ">"
                + e.getAsJsonObject().get("to").getAsString() + ":" + e.getAsJsonObject().get("kind").getAsString()));
        assertTrue(edges.contains("lo@in>r@2:data"), edges.toString());
        assertTrue(edges.contains("r@1>r@2:control"), edges.toString());
        assertTrue(edges.contains("r@1>r@2:fallback"), edges.toString());
        assertTrue(edges.contains("r@3>return:data"), edges.toString());
    }

    private void assertInvalid(String params, String fragment) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.impact(params));
        ResponseErrorException error = assertInstanceOf(ResponseErrorException.class, e.getCause());
        assertEquals(ResponseErrorCode.InvalidParams.getValue(), error.getResponseError().getCode());
        assertTrue(error.getMessage().contains(fragment), error.getMessage());
    }

    private static TextDocumentContentChangeEvent change(int l1, int c1, int l2, int c2, String text) {
        return new TextDocumentContentChangeEvent(new Range(new Position(l1, c1), new Position(l2, c2)), text);
    }
}
