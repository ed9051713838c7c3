package liftsys.lsp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Moves or drops a document's diagnostics after edits, once typing pauses: the work reads the
 * document's structure, which an edit outside a method body makes a full parse, and that should
 * not happen per keystroke. Answers never wait for it.
 */
final class DiagnosticsRefresh {
    private static final long QUIET_MILLIS = 250;

    private final ServerState state;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "liftsys-diagnostics");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

    DiagnosticsRefresh(ServerState state) {
        this.state = state;
    }

    void schedule(String uri) {
        pending.compute(uri, (key, previous) -> {
            if (previous != null) {
                previous.cancel(false);
            }
            return timer.schedule(() -> run(uri), QUIET_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    private void run(String uri) {
        pending.remove(uri);
        try {
            state.documents.get(uri).ifPresent(state.diagnostics::refresh);
        } catch (RuntimeException e) {
            System.err.println("[liftsys] refreshing diagnostics of " + uri + " failed: " + e);
        }
    }

    void close() {
        timer.shutdownNow();
    }
}
