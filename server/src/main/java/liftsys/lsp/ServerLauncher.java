package liftsys.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Connects a {@link LiftsysServer} to a pair of streams (stdio in production, pipes in tests). */
public final class ServerLauncher {
    private ServerLauncher() {
    }

    /** The running connection; {@code listening} ends when the input closes. */
    public record Connection(LiftsysServer server, Future<Void> listening) {
    }

    public static Connection start(InputStream in, OutputStream out, Runnable onExit) {
        LiftsysServer server = new LiftsysServer(onExit);
        Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .configureGson(ExplicitJson::register)
                .create();
        server.connect(launcher.getRemoteProxy());
        return new Connection(server, launcher.startListening());
    }
}
