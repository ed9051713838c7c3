package liftsys.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import liftsys.testing.Fixtures;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, syntax errors: a method that does not parse says so where it is asked about and on its
 * lens, with 1-based positions; quantifying another method of a file that does not parse or
 * compile says which line and why, without class path advice; the diagnostic goes with the first
 * edit that makes the file compile.
 */
class SyntaxErrorTest {
    private static final String URI = "file:///work/shop/Pricing.java";
    private static final String PRICING = Fixtures.read("/Pricing.java");
    /** Line 9 (1-based) of the example loses the parenthesis that closes the condition. */
    private static final String BROKEN = PRICING.replace("if (subtotal > 100) {", "if (subtotal > 100 {");
    /** Line 12 (1-based) uses a variable that does not exist: the file parses, javac refuses it. */
    private static final String UNDEFINED = PRICING.replace("double net = subtotal - discount;",
            "double net = subtotal - discount * taxRate;");
    private InProcessClient client;

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void askingInsideAMethodThatDoesNotParseSaysSoWithItsOneBasedPosition() throws Exception {
        client = open(BROKEN);
        String message = invalid(8, 16);
        assertEquals("total does not parse: unexpected \"{\" at line 9, column 28. Its variables "
                + "are answered again once it parses; the other methods of the file still answer.", message);
        JsonObject affine = client.impact(URI, 15, 32, "downstream");
        assertEquals("u", affine.getAsJsonObject("subject").get("name").getAsString());
    }

    @Test
    void aMissingSemicolonIsShownWhereJavacWouldShowIt() throws Exception {
        client = open(PRICING.replace("double discount = 0.0;", "double discount = 0.0"));
        assertTrue(invalid(7, 16).startsWith("total does not parse: \";\" expected at line 8, column 30."));
    }

    @Test
    void theLensOfAMethodThatDoesNotParseSaysSo() throws Exception {
        client = open(BROKEN);
        List<? extends CodeLens> lenses = client.server.getTextDocumentService()
                .codeLens(new CodeLensParams(new TextDocumentIdentifier(URI))).get(10, TimeUnit.SECONDS);
        CodeLens total = lenses.stream().filter(l -> l.getRange().getStart().getLine() == 5).findFirst().orElseThrow();
        assertEquals("total does not parse (unexpected \"{\" at line 9, column 28)",
                total.getCommand().getTitle());
        assertEquals(LensAndHintHandler.IMPACT_COMMAND, total.getCommand().getCommand());
        assertTrue(lenses.stream().anyMatch(l -> l.getRange().getStart().getLine() == 15), "affine keeps its lenses");
    }

    @Test
    void quantifyingAnotherMethodOfAFileThatDoesNotParseSaysWhichLineAndTheDiagnosticGoesWithTheFix()
            throws Exception {
        client = open(BROKEN);
        JsonObject degraded = quantifyAffine();
        assertEquals("trace-failed", degraded.get("reason").getAsString());
        String message = degraded.get("message").getAsString();
        assertEquals("affine cannot be run because the file does not parse: unexpected \"{\" at "
                + "line 9, column 28 (in total). Fix it, then quantify again.", message);
        Diagnostic shown = diagnosticsOf(d -> !d.getDiagnostics().isEmpty()).getDiagnostics().get(0);
        assertTrue(shown.getMessage().getLeft().endsWith(message), shown.getMessage().getLeft());
        assertEquals(15, shown.getRange().getStart().getLine(), "on affine's name");
        client.change(URI, 2, List.of(new TextDocumentContentChangeEvent(
                new Range(new Position(8, 26), new Position(8, 26)), ")")));
        diagnosticsOf(d -> d.getVersion() != null && d.getVersion() == 2 && d.getDiagnostics().isEmpty());
    }

    @Test
    void quantifyingAnotherMethodOfAFileThatDoesNotCompileNamesTheMissingSymbolAndItsLine() throws Exception {
        client = open(UNDEFINED);
        String message = quantifyAffine().get("message").getAsString();
        assertEquals("affine cannot be run because the file does not compile: cannot find symbol: variable taxRate "
                + "at line 12, column 44 (in total). Fix it, then quantify again.", message);
        assertFalse(message.contains("classpath"), message);
        int line = 11;
        int at = UNDEFINED.split("\n")[line].indexOf(" * taxRate");
        client.change(URI, 2, List.of(new TextDocumentContentChangeEvent(
                new Range(new Position(line, at), new Position(line, at + " * taxRate".length())), "")));
        diagnosticsOf(d -> d.getVersion() != null && d.getVersion() == 2 && d.getDiagnostics().isEmpty());
    }

    @Test
    void hoverBeforeAFitSaysWhatToDoInTheEditorsWords() throws Exception {
        client = open(PRICING);
        String hover = client.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI),
                new Position(6, 16))).get(10, TimeUnit.SECONDS).getContents().getRight().getValue();
        assertTrue(hover.contains("Run the quantify lens on the method's name"), hover);
        assertFalse(hover.contains("liftsys/"), hover);
    }

    private static InProcessClient open(String text) {
        InProcessClient c = InProcessClient.start("{\"liftsys\": {\"warmUp\": false, \"samples\": 50}}");
        c.open(URI, 1, text);
        return c;
    }

    private JsonObject quantifyAffine() throws Exception {
        JsonObject answer = client.impact("{\"textDocument\": {\"uri\": \"" + URI + "\"},"
                + " \"position\": {\"line\": 15, \"character\": 32}, \"quantify\": true}");
        assertEquals("degraded", answer.getAsJsonObject("model").get("status").getAsString());
        return answer.getAsJsonObject("degraded");
    }

    private String invalid(int line, int character) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.impact(URI, line, character, "downstream"));
        ResponseErrorException error = assertInstanceOf(ResponseErrorException.class, e.getCause());
        assertEquals(ResponseErrorCode.InvalidParams.getValue(), error.getResponseError().getCode());
        return error.getResponseError().getMessage();
    }

    /** Waits (at most 20 s) for a publication of the document's diagnostics that fits. */
    private PublishDiagnosticsParams diagnosticsOf(java.util.function.Predicate<PublishDiagnosticsParams> fits)
            throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<PublishDiagnosticsParams> found = client.diagnostics.stream()
                    .filter(d -> d.getUri().equals(URI)).filter(fits).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such diagnostics; published: " + client.diagnostics);
    }
}
