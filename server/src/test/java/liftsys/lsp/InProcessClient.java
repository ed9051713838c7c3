package liftsys.lsp;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * A real LSP4J client connected to a real server over piped streams, in this JVM. It records
 * what the server sends to the client.
 */
public final class InProcessClient implements LanguageClient, AutoCloseable {
    public final List<MessageParams> logs = new CopyOnWriteArrayList<>();
    public final List<PublishDiagnosticsParams> diagnostics = new CopyOnWriteArrayList<>();
    public final List<MessageParams> shown = new CopyOnWriteArrayList<>();
    public final List<org.eclipse.lsp4j.RegistrationParams> registrations = new CopyOnWriteArrayList<>();
    public final List<org.eclipse.lsp4j.ProgressParams> progress = new CopyOnWriteArrayList<>();
    public final TestServerApi server;
    public final ServerLauncher.Connection connection;

    private InProcessClient(Object initializationOptions, boolean writeNulls) {
        this(initializationOptions, writeNulls, init -> { });
    }

    private InProcessClient(Object initializationOptions, boolean writeNulls,
                            java.util.function.Consumer<InitializeParams> customize) {
        try {
            PipedInputStream serverIn = new PipedInputStream(1 << 20);
            PipedOutputStream clientOut = new PipedOutputStream(serverIn);
            PipedInputStream clientIn = new PipedInputStream(1 << 20);
            PipedOutputStream serverOut = new PipedOutputStream(clientIn);
            connection = ServerLauncher.start(serverIn, serverOut, code -> { });
            Launcher<TestServerApi> launcher = new Launcher.Builder<TestServerApi>()
                    .setLocalService(this)
                    .setRemoteInterface(TestServerApi.class)
                    .setInput(clientIn)
                    .setOutput(clientOut)
                    .configureGson(gson -> {
                        if (writeNulls) {
                            gson.serializeNulls();
                        }
                    })
                    .create();
            launcher.startListening();
            server = launcher.getRemoteProxy();
            InitializeParams init = new InitializeParams();
            init.setCapabilities(new ClientCapabilities());
            init.setInitializationOptions(initializationOptions);
            customize.accept(init);
            server.initialize(init).get(10, TimeUnit.SECONDS);
            server.initialized(new InitializedParams());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client whose server starts no worker JVM or sidecar in the background (structural tests). */
    public static InProcessClient start() {
        return start("{\"liftsys\": {\"warmUp\": false}}");
    }

    public static InProcessClient start(String initializationOptionsJson) {
        return new InProcessClient(JsonParser.parseString(initializationOptionsJson), false);
    }

    /** A client whose initialize params (workspace folders, capabilities) {@code customize} fills in. */
    public static InProcessClient start(String initializationOptionsJson,
                                        java.util.function.Consumer<InitializeParams> customize) {
        return new InProcessClient(JsonParser.parseString(initializationOptionsJson), false, customize);
    }

    /** A client that writes JSON nulls as editors do, where LSP4J's Gson would leave the key out. */
    public static InProcessClient startWritingNulls(String initializationOptionsJson) {
        return new InProcessClient(JsonParser.parseString(initializationOptionsJson), true);
    }

    public void open(String uri, int version, String text) {
        server.getTextDocumentService().didOpen(
                new DidOpenTextDocumentParams(new TextDocumentItem(uri, "java", version, text)));
    }

    public void change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
        server.getTextDocumentService().didChange(
                new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), changes));
    }

    /** The answer, or the JSON-RPC error's exception. */
    public JsonObject impact(String paramsJson) throws Exception {
        return server.causalImpact(JsonParser.parseString(paramsJson)).get(10, TimeUnit.SECONDS);
    }

    public JsonObject impact(String uri, int line, int character, String direction) throws Exception {
        return impact("{\"textDocument\":{\"uri\":\"" + uri + "\"},\"position\":{\"line\":" + line
                + ",\"character\":" + character + "},\"direction\":\"" + direction + "\",\"quantify\":false}");
    }

    /** Waits until the server has handled every message sent before, by a round trip. */
    public void sync() throws Exception {
        server.getTextDocumentService().hover(new org.eclipse.lsp4j.HoverParams(
                new org.eclipse.lsp4j.TextDocumentIdentifier("file:///sync"), new org.eclipse.lsp4j.Position(0, 0)))
                .handle((r, e) -> null).get(10, TimeUnit.SECONDS);
    }

    /** The server's current text of a document, read from its store (tests only). */
    public String serverText(String uri) throws Exception {
        sync();
        return connection.server().documentText(uri).orElse(null);
    }

    @Override
    public void close() {
        try {
            server.shutdown().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // The connection is being torn down anyway.
        }
        connection.listening().cancel(true);
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        diagnostics.add(params);
    }

    @Override
    public void showMessage(MessageParams params) {
        shown.add(params);
    }

    @Override
    public CompletableFuture<Void> registerCapability(org.eclipse.lsp4j.RegistrationParams params) {
        registrations.add(params);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> createProgress(org.eclipse.lsp4j.WorkDoneProgressCreateParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void notifyProgress(org.eclipse.lsp4j.ProgressParams params) {
        progress.add(params);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams params) {
        logs.add(params);
    }
}
