package liftsys.lsp;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import liftsys.analysis.AnalysisWiring;
import liftsys.analysis.DocumentIrCache;
import liftsys.analysis.EditorFacts;
import liftsys.analysis.ImpactService;
import liftsys.analysis.ProjectLookup;
import liftsys.analysis.Settings;
import liftsys.analysis.SidecarHolder;
import liftsys.text.DocumentStore;
import liftsys.trace.Tracer;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;

/** What the LSP services share: documents, settings, the analysis facade, the client and a worker pool. */
final class ServerState {
    final DocumentStore documents = new DocumentStore();
    final Tracer tracer = new Tracer();
    final SidecarHolder sidecar = new SidecarHolder(Path.of(System.getProperty("liftsys.root", ".")));
    private final AnalysisWiring analysis = AnalysisWiring.of(documents, tracer, sidecar, AnalysisWiring.Sizes.SERVER,
            !"false".equals(System.getProperty("liftsys.incremental")),
            System.getProperty("liftsys.dumpFitRequests") == null ? null
                    : Path.of(System.getProperty("liftsys.dumpFitRequests")));
    final DocumentIrCache ir = analysis.ir();
    final ImpactService impact = analysis.impact();
    /** What lenses, hints and diagnostics show, as plain records (lsp/ never walks ir/). */
    final EditorFacts editor = analysis.editor();
    final AtomicReference<Settings> settings = new AtomicReference<>(Settings.DEFAULTS);
    /** The workspace's builds; quantification compiles and runs documents in their projects. */
    final ProjectWiring projects = new ProjectWiring(this);

    {
        impact.quantitative().useProjects(ProjectLookup.of(projects.model, documents::openTexts));
    }

    /** The settings keys the user gave a usable value for; written under {@code settings}' lock. */
    volatile java.util.Set<String> settingsGiven = java.util.Set.of();
    final ExecutorService workers = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread t = new Thread(runnable, "liftsys-worker");
                t.setDaemon(true);
                return t;
            });
    final DiagnosticsPublisher diagnostics = new DiagnosticsPublisher(this);
    final DiagnosticsRefresh diagnosticsRefresh = new DiagnosticsRefresh(this);
    private volatile LanguageClient client;
    private final java.util.concurrent.atomic.AtomicBoolean warmedUp = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean sidecarStarting = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean progressSupported;
    private volatile boolean inlayHintRefresh;
    private volatile boolean codeLensRefresh;

    void clientCapabilities(org.eclipse.lsp4j.ClientCapabilities capabilities) {
        if (capabilities == null) {
            return;
        }
        var window = capabilities.getWindow();
        progressSupported = window != null && Boolean.TRUE.equals(window.getWorkDoneProgress());
        var text = capabilities.getTextDocument();
        var publish = text == null ? null : text.getPublishDiagnostics();
        diagnostics.supportCodeDescriptions(publish != null && Boolean.TRUE.equals(publish.getCodeDescriptionSupport()));
        var workspace = capabilities.getWorkspace();
        inlayHintRefresh = workspace != null && workspace.getInlayHint() != null
                && Boolean.TRUE.equals(workspace.getInlayHint().getRefreshSupport());
        codeLensRefresh = workspace != null && workspace.getCodeLens() != null
                && Boolean.TRUE.equals(workspace.getCodeLens().getRefreshSupport());
    }

    /**
     * A document opened: its build's resolve starts now (in the background), and, the first time,
     * the DoWhy sidecar starts at once and the worker JVM as soon as the document's class path is
     * known (DESIGN.md, Quantities), so the first quantified answer does not pay their start-up.
     * No delay: importing DoWhy takes seconds (many more on a loaded machine), the longest step
     * of a first answer, and a structural answer takes milliseconds of the other core. The worker
     * is started for the document's project (a worker's sandbox shows it only the class path it
     * was started with). Nothing starts when execution is off or the {@code warmUp} setting is
     * false, then or later.
     */
    void opened(String uri, String text) {
        java.util.concurrent.CompletableFuture<liftsys.project.ProjectContext> known =
                new java.util.concurrent.CompletableFuture<>();
        projects.opened(uri, text, known::complete);
        if (!settings.get().warmUp() || !warmedUp.compareAndSet(false, true)) {
            return;
        }
        workers.execute(() -> {
            Settings s = settings.get();
            if (!s.executeCode() || !s.warmUp()) {
                return;
            }
            known.thenAccept(context -> {
                Settings now = settings.get();
                // A trace that started meanwhile brought its own worker.
                if (now.executeCode() && now.warmUp() && !tracer.anyWorkerStarted()) {
                    tracer.warmUp(context == null ? liftsys.trace.TraceProject.NONE
                            : ProjectLookup.toTrace(context, null, java.util.Map.of()), now.classpath());
                }
            });
            sidecar.client(s).warmUp();
        });
    }

    /**
     * A quantification starts: the sidecar starts now, beside the resolve, the compile and the
     * trace that come first, so its imports (seconds) overlap them instead of following them.
     */
    void quantifying() {
        Settings s = settings.get();
        if (!s.executeCode() || !sidecarStarting.compareAndSet(false, true)) {
            return;
        }
        sidecar.client(s).warmUp(); // starts the process and returns
    }

    /** After a fit lands, visible lenses and hints may have something new to say. */
    void refreshLensesAndHints() {
        LanguageClient c = client;
        if (c == null) {
            return;
        }
        if (inlayHintRefresh) {
            c.refreshInlayHints();
        }
        if (codeLensRefresh) {
            c.refreshCodeLenses();
        }
    }

    boolean progressSupported() {
        return progressSupported;
    }

    void connect(LanguageClient client) {
        this.client = client;
    }

    LanguageClient client() {
        return client;
    }

    /** A message to the client's log and to stderr, which is the server's own log. */
    void log(MessageType type, String message) {
        System.err.println("[liftsys] " + type + ": " + message);
        LanguageClient c = client;
        if (c != null) {
            c.logMessage(new MessageParams(type, message));
        }
    }
}
