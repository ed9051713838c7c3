package liftsys.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.HoverOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The language server: lifecycle and capabilities; each request is handed to its handler. */
public final class LiftsysServer implements LanguageServer, LanguageClientAware, LiftsysProtocol {
    public static final String VERSION = "0.1.0";

    private final ServerState state = new ServerState();
    private final DocumentSyncService documents = new DocumentSyncService(state);
    private final CausalImpactHandler impact = new CausalImpactHandler(state);
    private final WorkspaceSettingsService workspace = new WorkspaceSettingsService(state, impact);
    private final MethodGraphHandler graph = new MethodGraphHandler(state);
    private final DriversHandler drivers = new DriversHandler(state);
    private final CounterfactualHandler counterfactuals = new CounterfactualHandler(state);
    private final Lifecycle lifecycle = new Lifecycle();
    private final java.util.function.IntConsumer onExit;
    private volatile boolean shutdownRequested;

    /**
     * {@code onExit} gets the process's exit code on the {@code exit} notification (0 after
     * {@code shutdown}, 1 without, as LSP says); the launcher ends the process there.
     */
    public LiftsysServer(java.util.function.IntConsumer onExit) {
        this.onExit = onExit;
    }

    /** The lifecycle the reading thread enforces before any handler runs. */
    Lifecycle lifecycle() {
        return lifecycle;
    }

    /** A warning for the client's log and stderr: a message that was ignored, and why. */
    void warn(String message) {
        state.log(MessageType.Warning, message);
    }

    @Override
    public void connect(LanguageClient client) {
        state.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        state.clientCapabilities(params.getCapabilities());
        state.projects.initialize(params);
        Object options = params.getInitializationOptions();
        WorkspaceSettingsService.apply(state, options instanceof JsonElement e ? e : null);
        ServerCapabilities capabilities = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        sync.setSave(new SaveOptions(false));
        capabilities.setTextDocumentSync(sync);
        capabilities.setHoverProvider(new HoverOptions());
        capabilities.setCodeLensProvider(new org.eclipse.lsp4j.CodeLensOptions(true));
        capabilities.setInlayHintProvider(true);
        capabilities.setExecuteCommandProvider(
                new org.eclipse.lsp4j.ExecuteCommandOptions(java.util.List.of(LensAndHintHandler.QUANTIFY_COMMAND,
                        LensAndHintHandler.IMPACT_COMMAND)));
        JsonObject experimental = new JsonObject();
        experimental.addProperty("causalImpactProvider", true);
        // The requests of issue 16, advertised like causalImpact: clients pin the list under liftsys.requests.
        experimental.addProperty("driversProvider", true);
        experimental.addProperty("counterfactualProvider", true);
        JsonObject liftsys = new JsonObject();
        com.google.gson.JsonArray methods = new com.google.gson.JsonArray();
        methods.add("liftsys/causalImpact");
        methods.add("liftsys/methodGraph");
        liftsys.add("requests", methods);
        experimental.add("liftsys", liftsys);
        capabilities.setExperimental(experimental);
        ProjectWiring.advertise(capabilities);
        return CompletableFuture.completedFuture(new InitializeResult(capabilities, new ServerInfo("liftsys", VERSION)));
    }

    @Override
    public void cancelProgress(org.eclipse.lsp4j.WorkDoneProgressCancelParams params) {
        ProgressReporter.cancel(params.getToken());
    }

    @Override
    public void initialized(InitializedParams params) {
        state.log(MessageType.Info, "liftsys " + VERSION + " ready");
        state.initialized();
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdownRequested = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        state.workers.shutdownNow();
        state.projects.close();
        state.tracer.close();
        state.sidecar.close();
        onExit.accept(shutdownRequested ? 0 : 1);
    }

    /** The current text of an open document; for tests that compare it with the client's. */
    public java.util.Optional<String> documentText(String uri) {
        return state.documents.get(uri).map(liftsys.text.DocumentSnapshot::text);
    }

    /** The settings in force; for tests of how settings are read. */
    public liftsys.analysis.Settings settings() {
        return state.settings.get();
    }

    public boolean shutdownRequested() {
        return shutdownRequested;
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    @Override
    public CompletableFuture<ExplicitJson> causalImpact(JsonElement params) {
        CausalImpactHandler.Prepared prepared;
        try {
            prepared = impact.prepare(params);
        } catch (ResponseErrorException e) {
            return CompletableFuture.failedFuture(e);
        }
        return guarded("liftsys/causalImpact", cancel -> impact.handle(prepared, cancel));
    }

    @Override
    public CompletableFuture<ExplicitJson> methodGraph(JsonElement params) {
        return guarded("liftsys/methodGraph", cancel -> graph.handle(params));
    }

    @Override
    public CompletableFuture<ExplicitJson> drivers(JsonElement params) {
        return prepared("liftsys/drivers", () -> drivers.prepare(params), drivers::handle);
    }

    @Override
    public CompletableFuture<ExplicitJson> counterfactual(JsonElement params) {
        return prepared("liftsys/counterfactual", () -> counterfactuals.prepare(params), counterfactuals::handle);
    }

    /**
     * Validates a request's params and takes its snapshot on the reading thread (so it answers for the
     * version current when it arrived), then handles it on the worker pool; bad params fail at once.
     */
    private <P> CompletableFuture<ExplicitJson> prepared(String method, java.util.function.Supplier<P> prepare,
            java.util.function.BiFunction<P, org.eclipse.lsp4j.jsonrpc.CancelChecker, ExplicitJson> handle) {
        P prepared;
        try {
            prepared = prepare.get();
        } catch (ResponseErrorException e) {
            return CompletableFuture.failedFuture(e);
        }
        return guarded(method, cancel -> handle.apply(prepared, cancel));
    }

    /** Runs a handler on the worker pool; an unexpected exception becomes a JSON-RPC error and a log line. */
    private <T> CompletableFuture<T> guarded(String method,
                                             java.util.function.Function<org.eclipse.lsp4j.jsonrpc.CancelChecker, T> handler) {
        return CompletableFutures.computeAsync(state.workers, cancel -> {
            try {
                return handler.apply(cancel);
            } catch (ResponseErrorException | java.util.concurrent.CancellationException e) {
                throw e;
            } catch (RuntimeException e) {
                state.log(MessageType.Error, method + " failed: " + e);
                e.printStackTrace(System.err);
                throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InternalError,
                        "internal error: " + e, null));
            }
        });
    }
}
