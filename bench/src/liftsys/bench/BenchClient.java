package liftsys.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/** A real LSP4J client driving {@code ./liftsys serve} in its own process. */
final class BenchClient implements LanguageClient, AutoCloseable {
    /** The server as this client calls it. */
    interface Server extends LanguageServer {
        @JsonRequest("liftsys/causalImpact")
        CompletableFuture<JsonObject> causalImpact(Object params);
    }

    final Process process;
    final Server server;
    private volatile java.util.function.Consumer<MessageParams> messages = m -> { };

    private BenchClient(Process process) {
        this.process = process;
        Launcher<Server> launcher = new Launcher.Builder<Server>()
                .setLocalService(this)
                .setRemoteInterface(Server.class)
                .setInput(process.getInputStream())
                .setOutput(process.getOutputStream())
                .create();
        launcher.startListening();
        this.server = launcher.getRemoteProxy();
    }

    /** Starts the launcher's server with extra JVM options, e.g. to force full reparses. */
    static BenchClient start(Path root, String javaOptions) throws Exception {
        return start(root, javaOptions, null);
    }

    /**
     * Starts a server with initialization options. The structural measurements pass
     * {@code warmUp: false}: they time a server that is not starting its worker JVM and sidecar
     * on the same two cores; the cold start is measured with the defaults, warm-up included.
     */
    static BenchClient start(Path root, String javaOptions, String initializationOptions) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("liftsys").toString(), "serve");
        pb.environment().put("LIFTSYS_JAVA_OPTS", javaOptions);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        BenchClient client = new BenchClient(pb.start());
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        if (initializationOptions != null) {
            init.setInitializationOptions(JsonParser.parseString(initializationOptions));
        }
        client.server.initialize(init).get(60, TimeUnit.SECONDS);
        client.server.initialized(new InitializedParams());
        return client;
    }

    /**
     * Starts a server the way an editor opens a project folder: {@code rootUri} and one workspace
     * folder, and the given initialization options (null: none, so no settings); the server's
     * stderr goes to {@code log}.
     */
    static BenchClient startInWorkspace(Path root, Path workspace, Path log, String initializationOptions)
            throws Exception {
        return startInWorkspace(root, workspace, log, initializationOptions, Map.of());
    }

    /** The same, with extra environment variables for the server (e.g. its cache directory). */
    static BenchClient startInWorkspace(Path root, Path workspace, Path log, String initializationOptions,
                                        Map<String, String> environment) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("liftsys").toString(), "serve");
        pb.environment().put("LIFTSYS_JAVA_OPTS", "");
        pb.environment().putAll(environment);
        pb.redirectError(log.toFile());
        BenchClient client = new BenchClient(pb.start());
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        String uri = workspace.toUri().toString();
        init.setRootUri(uri);
        init.setWorkspaceFolders(List.of(new org.eclipse.lsp4j.WorkspaceFolder(uri, workspace.getFileName().toString())));
        if (initializationOptions != null) {
            init.setInitializationOptions(JsonParser.parseString(initializationOptions));
        }
        client.server.initialize(init).get(60, TimeUnit.SECONDS);
        client.server.initialized(new InitializedParams());
        return client;
    }

    void open(String uri, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "java", 1, text)));
    }

    void change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
        server.getTextDocumentService().didChange(
                new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), changes));
    }

    JsonObject impact(String uri, Position p) throws Exception {
        return impactAsync(uri, p).get(120, TimeUnit.SECONDS);
    }

    /** {@code liftsys/causalImpact}, direction both, quantify false, without waiting for the answer. */
    CompletableFuture<JsonObject> impactAsync(String uri, Position p) {
        Map<String, Object> params = Map.of("textDocument", Map.of("uri", uri), "position", p,
                "direction", "both", "quantify", false);
        return server.causalImpact(JsonParser.parseString(new com.google.gson.Gson().toJson(params)));
    }

    Hover hover(String uri, Position p) throws Exception {
        return hoverAsync(uri, p).get(60, TimeUnit.SECONDS);
    }

    CompletableFuture<Hover> hoverAsync(String uri, Position p) {
        return server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), p));
    }

    /** Where the server's log and shown messages go; the stress run watches them for refused changes. */
    void onMessage(java.util.function.Consumer<MessageParams> listener) {
        this.messages = listener;
    }

    /** Resident set size of the server process in MiB, from /proc. */
    double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
            server.exit();
        } catch (Exception ignored) {
            // The process is destroyed below in any case.
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
    }

    @Override
    public void showMessage(MessageParams messageParams) {
        messages.accept(messageParams);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {
        messages.accept(message);
    }
}
