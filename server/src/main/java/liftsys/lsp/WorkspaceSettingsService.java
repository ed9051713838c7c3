package liftsys.lsp;

import com.google.gson.JsonElement;
import liftsys.analysis.Settings;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Settings changes; the server watches no files. */
final class WorkspaceSettingsService implements WorkspaceService {
    private final ServerState state;

    WorkspaceSettingsService(ServerState state) {
        this.state = state;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        Object settings = params.getSettings();
        apply(state, settings instanceof JsonElement e ? e : null);
    }

    static void apply(ServerState state, JsonElement source) {
        SettingsReader.Result result = SettingsReader.read(source, state.settings.get());
        result.warnings().forEach(w -> state.log(MessageType.Warning, w));
        state.settings.set(result.settings());
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    }

    Settings current() {
        return state.settings.get();
    }
}
