package liftsys.lsp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import liftsys.project.BuildProblem;
import liftsys.project.BuildResolution;
import liftsys.project.ProjectListener;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * What the project model says, told to the user: a resolve under way as work-done progress
 * ("resolving the Maven class path of shop") when the client supports it, else as a log line; a
 * failed resolve as one warning message per failure and a diagnostic on the build file (at the
 * line where it is known, source "liftsys"), cleared when the build resolves again. Called on
 * the model's threads; never waits for the client. Thread-safe.
 */
final class BuildFeedback implements ProjectListener {
    static final String SOURCE = "liftsys";

    private final ServerState state;
    private volatile boolean progressSupported;
    /** The progress of each build's resolve under way, by build root: its token once the client made it. */
    private final Map<Path, CompletableFuture<Either<String, Integer>>> progress = new ConcurrentHashMap<>();
    /**
     * The failures already shown as a message, by build root, so a failure is shown once however
     * often it is met; a build that resolves again forgets its own, so a new failure shows again.
     */
    private final Map<Path, Set<String>> shown = new ConcurrentHashMap<>();
    /** The build files that carry a diagnostic of ours, by the build root they belong to. */
    private final Map<Path, Set<Path>> diagnosed = new ConcurrentHashMap<>();

    BuildFeedback(ServerState state) {
        this.state = state;
    }

    void clientCapabilities(ClientCapabilities capabilities) {
        var window = capabilities == null ? null : capabilities.getWindow();
        progressSupported = window != null && Boolean.TRUE.equals(window.getWorkDoneProgress());
    }

    @Override
    public void resolving(Path buildRoot, String message) {
        LanguageClient client = state.client();
        if (!progressSupported || client == null) {
            state.log(MessageType.Info, message);
            return;
        }
        Either<String, Integer> token = Either.forLeft("liftsys-resolve-" + UUID.randomUUID());
        CompletableFuture<Either<String, Integer>> begun = client.createProgress(new WorkDoneProgressCreateParams(token))
                .orTimeout(5, TimeUnit.SECONDS)
                .thenApply(ignored -> {
                    WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
                    begin.setTitle("liftsys: " + message);
                    begin.setCancellable(false);
                    client.notifyProgress(new ProgressParams(token, Either.forLeft(begin)));
                    return token;
                });
        begun.exceptionally(e -> {
            state.log(MessageType.Info, message);
            return null;
        });
        progress.put(buildRoot, begun);
    }

    @Override
    public void resolved(BuildResolution resolution) {
        endProgress(resolution);
        BuildProblem problem = resolution.problem();
        if (problem == null) {
            state.log(MessageType.Info, "resolved the " + resolution.tool().displayName() + " class path of "
                    + resolution.buildRoot() + " in " + resolution.millis() + " ms"
                    + (resolution.fromCache() ? " (from the disk cache)" : ""));
            shown.remove(resolution.buildRoot());
            clear(resolution.buildRoot(), null);
            return;
        }
        String summary = problem.summary();
        state.log(MessageType.Warning, summary);
        if (shown.computeIfAbsent(resolution.buildRoot(), r -> ConcurrentHashMap.newKeySet())
                .add(resolution.key() + "\u0000" + summary)) {
            LanguageClient client = state.client();
            if (client != null) {
                client.showMessage(new MessageParams(MessageType.Warning, "liftsys: effect sizes of "
                        + resolution.buildRoot().getFileName() + " are limited: " + summary));
            }
        }
        clear(resolution.buildRoot(), problem.buildFile());
        publish(resolution.buildRoot(), problem);
    }

    /** Forgets what was said about the builds under a workspace folder that was removed. */
    void forgetUnder(Path folder) {
        for (Path root : List.copyOf(diagnosed.keySet())) {
            if (root.startsWith(folder)) {
                shown.remove(root);
                clear(root, null);
            }
        }
    }

    private void endProgress(BuildResolution resolution) {
        CompletableFuture<Either<String, Integer>> begun = progress.remove(resolution.buildRoot());
        LanguageClient client = state.client();
        if (begun == null || client == null) {
            return;
        }
        begun.thenAccept(token -> {
            if (token != null) {
                WorkDoneProgressEnd end = new WorkDoneProgressEnd();
                end.setMessage(resolution.problem() == null ? "resolved in " + resolution.millis() + " ms" : "failed");
                client.notifyProgress(new ProgressParams(token, Either.forLeft(end)));
            }
        });
    }

    private void publish(Path buildRoot, BuildProblem problem) {
        LanguageClient client = state.client();
        if (client == null || problem.buildFile() == null) {
            return;
        }
        int line = Math.max(0, problem.line() - 1);
        int column = Math.max(0, problem.column() - 1);
        // Without a known line the whole first line is marked: the file as a whole failed.
        Range range = problem.line() > 0 ? new Range(new Position(line, column), new Position(line, column + 1))
                : new Range(new Position(0, 0), new Position(0, 1000));
        String text = problem.message() + (problem.toolMessage().isEmpty() ? "" : " (" + problem.toolMessage() + ")");
        Diagnostic diagnostic = new Diagnostic(range, text, problem.cause() == BuildProblem.Cause.UNPARSABLE_BUILD_FILE
                ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, SOURCE, problem.cause().name().toLowerCase(
                java.util.Locale.ROOT).replace('_', '-'));
        diagnosed.computeIfAbsent(buildRoot, r -> ConcurrentHashMap.newKeySet()).add(problem.buildFile());
        client.publishDiagnostics(new PublishDiagnosticsParams(problem.buildFile().toUri().toString(),
                List.of(diagnostic)));
    }

    /** Clears the build's diagnostics but those of {@code keep} (about to be replaced, so no flicker). */
    private void clear(Path buildRoot, Path keep) {
        Set<Path> files = diagnosed.remove(buildRoot);
        LanguageClient client = state.client();
        if (files == null || client == null) {
            return;
        }
        files.stream().filter(f -> !f.equals(keep)).forEach(f -> client.publishDiagnostics(
                new PublishDiagnosticsParams(f.toUri().toString(), List.of())));
    }
}
