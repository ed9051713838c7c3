package liftsys.lsp;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import liftsys.analysis.ProgressSink;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Work-done progress for one request ({@code window/workDoneProgress/create} and {@code $/progress}):
 * begin, one report per phase, end. The user can cancel it from the editor; the request then
 * stops between phases like a {@code $/cancelRequest}.
 */
final class ProgressReporter implements ProgressSink, AutoCloseable {
    private static final Map<String, ProgressReporter> ACTIVE = new ConcurrentHashMap<>();

    private final LanguageClient client;
    private final Either<String, Integer> token;
    private volatile boolean cancelled;
    private volatile boolean ended;

    private ProgressReporter(LanguageClient client, Either<String, Integer> token) {
        this.client = client;
        this.token = token;
    }

    /** Starts progress under the client's token, or under a new one the client is asked to create. */
    static ProgressReporter begin(LanguageClient client, Either<String, Integer> clientToken, String title) {
        Either<String, Integer> token = clientToken;
        if (token == null) {
            token = Either.forLeft("liftsys-" + UUID.randomUUID());
            try {
                client.createProgress(new WorkDoneProgressCreateParams(token)).get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                return null;
            }
        }
        ProgressReporter reporter = new ProgressReporter(client, token);
        ACTIVE.put(key(token), reporter);
        WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
        begin.setTitle(title);
        begin.setCancellable(true);
        begin.setPercentage(0);
        client.notifyProgress(new ProgressParams(token, Either.forLeft(begin)));
        return reporter;
    }

    /** The editor's cancel button for a token. */
    static void cancel(Either<String, Integer> token) {
        ProgressReporter reporter = ACTIVE.get(key(token));
        if (reporter != null) {
            reporter.cancelled = true;
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    @Override
    public void report(String message, int percent) {
        if (ended) {
            return;
        }
        WorkDoneProgressReport report = new WorkDoneProgressReport();
        report.setMessage(message);
        report.setPercentage(percent);
        report.setCancellable(true);
        client.notifyProgress(new ProgressParams(token, Either.forLeft(report)));
    }

    @Override
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        ACTIVE.remove(key(token));
        WorkDoneProgressEnd end = new WorkDoneProgressEnd();
        end.setMessage(cancelled ? "cancelled" : "done");
        client.notifyProgress(new ProgressParams(token, Either.forLeft(end)));
    }

    private static String key(Either<String, Integer> token) {
        return token.isLeft() ? "s:" + token.getLeft() : "i:" + token.getRight();
    }

    /**
     * What a handler hands the analysis as its cancel check: the request's {@code $/cancelRequest}
     * (LSP4J's checker throws), or a cancel of its progress ({@code progress} may be null).
     */
    static java.util.function.BooleanSupplier cancelCheck(org.eclipse.lsp4j.jsonrpc.CancelChecker cancel,
                                                          ProgressReporter progress) {
        return () -> {
            cancel.checkCanceled();
            if (progress != null && progress.cancelled()) {
                throw new java.util.concurrent.CancellationException("cancelled from the editor's progress");
            }
            return false;
        };
    }
}
