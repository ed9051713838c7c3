package liftsys.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: one method with 5,000 nested parentheses, or 10,000 nested ifs, made every request on
 * its document answer -32603 (a StackOverflowError inside JavaParser). Now the deep methods answer
 * with a problem of their own and every other method of the document answers as before.
 */
class DeepNestingTest {
    private static final String URI = "file:///work/Deep.java";
    private static final String FINE = "    static int fine(int a) {\n        int b = a * 2;\n        return b;\n    }\n";
    private static final String TEXT = "class Deep {\n" + FINE
            + "    static int parens(int a) {\n        int x = " + "(".repeat(5000) + "a" + ")".repeat(5000)
            + ";\n        return x;\n    }\n"
            + "    static int ifs(int a) {\n        int r = 0;\n" + "        if (a > 0) {\n".repeat(10_000)
            + "        r = a;\n" + "        }\n".repeat(10_000) + "        return r;\n    }\n"
            + "    static int after(int p) {\n        int q = p + 1;\n        return q;\n    }\n}\n";
    private static InProcessClient client;

    @BeforeAll
    static void open() {
        client = InProcessClient.start();
        client.open(URI, 1, TEXT);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void theOtherMethodsAnswer() throws Exception {
        assertEquals(List.of("b", "return"), names(client.impact(URI, line("int fine"), 24, "downstream")));
        assertEquals(List.of("q", "return"), names(client.impact(URI, line("int after"), 25, "downstream")));
        var hover = client.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI),
                new Position(line("int b = a"), 12))).get(10, TimeUnit.SECONDS);
        assertTrue(hover.getContents().getRight().getValue().contains("**b**"));
        JsonObject graph = client.server.methodGraph(JsonParser.parseString("{\"textDocument\": {\"uri\": \"" + URI
                + "\"}, \"position\": {\"line\": " + line("int q = p") + ", \"character\": 8}}")).get(10, TimeUnit.SECONDS);
        assertEquals("after", graph.getAsJsonObject("method").get("name").getAsString());
    }

    @Test
    void eachDeepMethodAnswersWithItsOwnProblem() {
        String parens = invalid(line("int x = ((("), 12);
        assertTrue(parens.startsWith("parens (line 6, column 16) cannot be read: it nests 5001 levels deep"), parens);
        String ifs = invalid(line("int r = 0") + 5000, 12);
        assertTrue(ifs.startsWith("ifs (line 10, column 16) cannot be read: it nests 10001 levels deep"), ifs);
    }

    @Test
    void quantifyingAnotherMethodSaysWhichMethodCannotBeReadWithoutRunningAnything() throws Exception {
        JsonObject answer = client.impact("{\"textDocument\": {\"uri\": \"" + URI + "\"}, \"position\": {\"line\": "
                + line("int fine") + ", \"character\": 24}, \"quantify\": true}");
        JsonObject degraded = answer.getAsJsonObject("degraded");
        assertEquals("trace-failed", degraded.get("reason").getAsString());
        assertEquals("fine cannot be run because the file holds a method liftsys cannot read at line 6, column 5 (in "
                + "parens): it nests 5001 levels deep (parentheses, brackets and braces), and liftsys reads methods up "
                + "to 1000 levels deep.", degraded.get("message").getAsString());
    }

    @Test
    void aHoverInADeepMethodIsEmptyNotAnError() throws Exception {
        assertNull(client.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI),
                new Position(line("int x = ((("), 12))).get(10, TimeUnit.SECONDS));
    }

    @Test
    void lensesSayWhichMethodsAreTooDeepAndCountTheOthers() throws Exception {
        List<? extends CodeLens> lenses = client.server.getTextDocumentService()
                .codeLens(new CodeLensParams(new TextDocumentIdentifier(URI))).get(10, TimeUnit.SECONDS);
        List<String> titles = new ArrayList<>();
        for (CodeLens lens : lenses) {
            CodeLens resolved = lens.getCommand() != null ? lens
                    : client.server.getTextDocumentService().resolveCodeLens(lens).get(10, TimeUnit.SECONDS);
            titles.add(resolved.getCommand().getTitle());
        }
        assertTrue(titles.contains("parens is too deeply nested to analyse"), titles.toString());
        assertTrue(titles.contains("ifs is too deeply nested to analyse"), titles.toString());
        assertTrue(titles.contains("a affects 2"), titles.toString());
        assertTrue(titles.contains("p affects 2"), titles.toString());
    }

    @Test
    void anEditInsideAFineMethodStillAnswers() throws Exception {
        try (InProcessClient own = InProcessClient.start()) {
            own.open(URI, 1, TEXT);
            int line = line("int b = a");
            own.change(URI, 2, List.of(new TextDocumentContentChangeEvent(
                    new Range(new Position(line, 20), new Position(line, 21)), "a + 1")));
            assertEquals(List.of("b", "return"), names(own.impact(URI, line("int fine"), 24, "downstream")));
        }
    }

    /**
     * A member that parses but whose graph overflows even the parse stack (here made 1 MB, in a
     * real JVM of its own, so the case costs no gigabytes) is that member's problem alone.
     */
    @Test
    void aGraphThatOverflowsTheStackIsAProblemOfItsMethodAlone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("Sum.java");
        Files.writeString(file, "class Sum {\n" + FINE + "    static int sum(int a) {\n        int s = a"
                + " + a".repeat(20_000) + ";\n        return s;\n    }\n}\n");
        Run sum = analyze(file, 7, 13);
        assertEquals(2, sum.code(), sum.err());
        assertTrue(sum.err().contains("sum cannot be analysed: it nests too deeply to be analysed"), sum.err());
        Run fine = analyze(file, 3, 13);
        assertEquals(0, fine.code(), fine.err());
        assertTrue(fine.out().startsWith("b (local) in fine"), fine.out());
    }

    private record Run(int code, String out, String err) {
    }

    private static Run analyze(Path file, int line, int column) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Dliftsys.parseStackBytes=1048576", "-cp",
                System.getProperty("java.class.path"), "liftsys.cli.Main", "analyze", file + ":" + line + ":" + column)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    private static String invalid(int line, int character) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.impact(URI, line, character, "downstream"));
        ResponseErrorException error = assertInstanceOf(ResponseErrorException.class, e.getCause());
        assertEquals(ResponseErrorCode.InvalidParams.getValue(), error.getResponseError().getCode());
        return error.getResponseError().getMessage();
    }

    private static int line(String fragment) {
        return TEXT.substring(0, TEXT.indexOf(fragment)).split("\n", -1).length - 1;
    }

    private static List<String> names(JsonObject answer) {
        List<String> out = new ArrayList<>();
        answer.getAsJsonArray("downstream").forEach(e -> out.add(e.getAsJsonObject().get("name").getAsString()));
        return out;
    }
}
