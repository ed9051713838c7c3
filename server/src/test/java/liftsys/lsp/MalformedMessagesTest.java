package liftsys.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The words of the answers to malformed messages, one row per case: the frame's body as sent, the
 * code and the message the server answers with. The bytes go through the real reader over a pipe;
 * tests/e2e/test_malformed.py sweeps every method over real stdio.
 */
class MalformedMessagesTest {
    private PipedOutputStream toServer;
    private final BlockingQueue<JsonObject> answers = new LinkedBlockingQueue<>();
    private ServerLauncher.Connection connection;

    @BeforeEach
    void start() throws Exception {
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        toServer = new PipedOutputStream(serverIn);
        PipedInputStream fromServer = new PipedInputStream(1 << 20);
        connection = ServerLauncher.start(serverIn, new PipedOutputStream(fromServer), code -> { });
        Thread reader = new Thread(() -> readAnswers(fromServer), "test-reader");
        reader.setDaemon(true);
        reader.start();
        send("{\"jsonrpc\": \"2.0\", \"id\": 0, \"method\": \"initialize\", \"params\": {\"capabilities\": {},"
                + " \"initializationOptions\": {\"warmUp\": false}}}");
        answers.poll(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        connection.listening().cancel(true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"jsonrpc": "2.0", "id": 1, "method": "liftsys/causalImpact", "params": [1, 2]}                | -32602 | invalid params for liftsys/causalImpact: params must be an object, not [1,2]
            {"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover"}                                   | -32602 | invalid params for textDocument/hover: params is missing: textDocument/hover takes an object
            {"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": 5}}    | -32602 | invalid params for textDocument/hover: params.textDocument must be an object, not a number
            {"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "a"}, "position": {"line": 1.5, "character": 0}}} | -32602 | invalid params for textDocument/hover: params.position.line must be an integer, not 1.5
            {"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "a"}}} | -32602 | invalid params for textDocument/hover: params.position is missing
            {"jsonrpc": "2.0", "id": 1, "method": "shutdown", "params": [1]}                              | -32602 | invalid params for shutdown: shutdown takes no params, not [1]
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}           | -32600 | initialize was already received: a server is initialized once per connection
            {"jsonrpc": "1.0", "id": 1, "method": "textDocument/hover", "params": {}}                     | -32600 | jsonrpc must be "2.0", not "1.0"
            {"jsonrpc": "2.0", "id": true, "method": "textDocument/hover", "params": {}}                  | -32600 | id must be an integer or a string, not true
            {"jsonrpc": "2.0", "id": 1, "method": 7}                                                      | -32600 | method must be a string, not 7
            {"jsonrpc": "2.0", "id": 1}                                                                   | -32600 | a message needs a method (or, as a response, an id and a result or an error)
            [{"jsonrpc": "2.0", "id": 1, "method": "shutdown"}]                                           | -32600 | batches are not supported: send each message in its own frame
            {"jsonrpc": "2.0", "id": 1, "method": "textDocument/completion", "params": {"textDocument": {"uri": "a"}, "position": {"line": 0, "character": 0}}} | -32601 | liftsys does not provide this method
            """)
    void eachMalformedRequestIsAnsweredInWords(String body, int code, String message) throws Exception {
        send(body);
        JsonObject answer = answers.poll(10, TimeUnit.SECONDS);
        JsonObject error = answer.getAsJsonObject("error");
        assertEquals(code, error.get("code").getAsInt(), answer.toString());
        assertEquals(message, error.get("message").getAsString());
    }

    private void send(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        toServer.write(("Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        toServer.write(bytes);
        toServer.flush();
    }

    /** Reads the server's frames; keeps the responses. */
    private void readAnswers(PipedInputStream in) {
        try {
            while (true) {
                int length = -1;
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                while (true) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    if (c == '\n') {
                        String header = line.toString(StandardCharsets.US_ASCII).trim();
                        line.reset();
                        if (header.isEmpty()) {
                            break;
                        }
                        if (header.startsWith("Content-Length:")) {
                            length = Integer.parseInt(header.substring(15).trim());
                        }
                    } else {
                        line.write(c);
                    }
                }
                JsonObject message = JsonParser.parseString(
                        new String(in.readNBytes(length), StandardCharsets.UTF_8)).getAsJsonObject();
                if (!message.has("method")) {
                    answers.add(message);
                }
            }
        } catch (IOException e) {
            // The pipe closed with the test.
        }
    }
}
