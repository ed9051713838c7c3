package liftsys.lsp;

import com.google.gson.JsonElement;
import liftsys.analysis.Settings;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Settings changes, commands, and the workspace's folders and watched build files (for {@link ProjectWiring}). */
final class WorkspaceSettingsService implements WorkspaceService {
    private final ServerState state;

    private final CausalImpactHandler impact;

    WorkspaceSettingsService(ServerState state, CausalImpactHandler impact) {
        this.state = state;
        this.impact = impact;
    }

    /**
     * {@code liftsys.server.quantify [uri, line, character]} quantifies the method whose name is
     * there; {@code liftsys.server.impact} with the same arguments answers structurally.
     */
    @Override
    public java.util.concurrent.CompletableFuture<Object> executeCommand(org.eclipse.lsp4j.ExecuteCommandParams params) {
        return org.eclipse.lsp4j.jsonrpc.CompletableFutures.computeAsync(state.workers, cancel -> {
            boolean quantify = LensAndHintHandler.QUANTIFY_COMMAND.equals(params.getCommand());
            if (!quantify && !LensAndHintHandler.IMPACT_COMMAND.equals(params.getCommand())) {
                throw InvalidParams.of("unknown command " + params.getCommand());
            }
            var args = params.getArguments();
            if (args == null || args.size() != 3) {
                throw InvalidParams.of(params.getCommand() + " takes [uri, line, character]");
            }
            com.google.gson.JsonObject request = new com.google.gson.JsonObject();
            com.google.gson.JsonObject document = new com.google.gson.JsonObject();
            document.add("uri", (JsonElement) args.get(0));
            request.add("textDocument", document);
            com.google.gson.JsonObject position = new com.google.gson.JsonObject();
            position.add("line", (JsonElement) args.get(1));
            position.add("character", (JsonElement) args.get(2));
            request.add("position", position);
            request.addProperty("quantify", quantify);
            return impact.handle(request, cancel);
        });
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        Object settings = params.getSettings();
        apply(state, settings instanceof JsonElement e ? e : null);
    }

    /** Reads settings over those in force; one read at a time, since each builds on the last. */
    static void apply(ServerState state, JsonElement source) {
        synchronized (state.settings) {
            SettingsReader.Result result = SettingsReader.read(source, state.settings.get(), state.settingsGiven);
            result.warnings().forEach(w -> state.log(MessageType.Warning, w));
            state.settingsGiven = result.given();
            state.settings.set(result.settings());
        }
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        if (params != null && params.getChanges() != null) {
            params.getChanges().forEach(change -> state.projects.fileChanged(change == null ? null : change.getUri()));
        }
    }

    @Override
    public void didChangeWorkspaceFolders(org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams params) {
        state.projects.foldersChanged(params);
    }

    Settings current() {
        return state.settings.get();
    }
}
