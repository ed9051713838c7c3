package liftsys.lsp;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import liftsys.project.ProjectContext;
import liftsys.project.ProjectModel;
import liftsys.project.ResolveSettings;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceFoldersOptions;
import org.eclipse.lsp4j.WorkspaceServerCapabilities;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The project model as the editor drives it (issue 14): the workspace's folders from
 * {@code initialize} and {@code workspace/didChangeWorkspaceFolders}, build files changed on disk
 * ({@code workspace/didChangeWatchedFiles}, watched by a dynamic registration when the client can
 * make one) or saved, and a document opened, which starts its build's resolve at once without
 * waiting for it. What the model says back goes to {@link BuildFeedback}. Nothing here blocks
 * the thread that reads messages: opening reads poms, so it runs on a thread of its own.
 */
final class ProjectWiring implements AutoCloseable {
    static final String WATCHER_REGISTRATION = "liftsys-build-files";

    private final ServerState state;
    final BuildFeedback feedback;
    final ProjectModel model;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "liftsys-projects");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean dynamicWatchers;

    ProjectWiring(ServerState state) {
        this.state = state;
        this.feedback = new BuildFeedback(state);
        this.model = new ProjectModel(settingsFromProperties(), feedback);
    }

    /**
     * How build tools run, from the server JVM's properties (for tests and unusual set-ups):
     * {@code liftsys.projects.cache} (a directory), {@code liftsys.projects.online} (false keeps
     * Maven offline), {@code liftsys.projects.path} (where mvn and gradle are looked for, PATH's
     * syntax) and {@code liftsys.projects.timeoutSeconds}; the defaults otherwise.
     */
    static ResolveSettings settingsFromProperties() {
        ResolveSettings settings = ResolveSettings.defaults();
        String cache = System.getProperty("liftsys.projects.cache");
        if (cache != null && !cache.isBlank()) {
            settings = settings.withCacheDir(Path.of(cache));
        }
        if ("false".equals(System.getProperty("liftsys.projects.online"))) {
            settings = settings.withOnline(false);
        }
        String path = System.getProperty("liftsys.projects.path");
        if (path != null) {
            settings = settings.withSearchPath(path);
        }
        Long seconds = Long.getLong("liftsys.projects.timeoutSeconds");
        if (seconds != null && seconds > 0) {
            settings = settings.withTimeout(Duration.ofSeconds(seconds));
        }
        return settings;
    }

    /** The workspace folders, else the root URI; a URI that is not a usable file URI is logged and skipped. */
    void initialize(InitializeParams params) {
        ClientCapabilities capabilities = params.getCapabilities();
        var workspace = capabilities == null ? null : capabilities.getWorkspace();
        var watched = workspace == null ? null : workspace.getDidChangeWatchedFiles();
        dynamicWatchers = watched != null && Boolean.TRUE.equals(watched.getDynamicRegistration());
        feedback.clientCapabilities(capabilities);
        List<Path> roots = new ArrayList<>();
        if (params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()) {
            for (WorkspaceFolder folder : params.getWorkspaceFolders()) {
                folderPath(folder == null ? null : folder.getUri(), "workspace folder").ifPresent(roots::add);
            }
        } else if (params.getRootUri() != null) {
            folderPath(params.getRootUri(), "root URI").ifPresent(roots::add);
        } else if (params.getRootPath() != null) {
            try {
                roots.add(Path.of(params.getRootPath()));
            } catch (RuntimeException e) {
                state.log(MessageType.Warning, "ignored the root path " + params.getRootPath() + ": " + e.getMessage());
            }
        }
        model.setWorkspaceRoots(roots);
    }

    /** Says that workspace folders are supported and their changes wanted. */
    static void advertise(ServerCapabilities capabilities) {
        WorkspaceFoldersOptions folders = new WorkspaceFoldersOptions();
        folders.setSupported(true);
        folders.setChangeNotifications(true);
        capabilities.setWorkspace(new WorkspaceServerCapabilities(folders));
    }

    /**
     * After {@code initialized}: asks the client to watch the build files, when it can be asked;
     * and, when {@code prepareBuilds} (quantification and its warm-up are on), starts resolving the
     * builds of the workspace folders, as opening one of their files would: an editor that starts
     * the server when a folder opens then has the class path by the time the user quantifies.
     */
    void initialized(boolean prepareBuilds) {
        if (prepareBuilds) {
            background.execute(() -> model.workspaceRoots().forEach(root -> {
                try {
                    model.prepare(root);
                } catch (RuntimeException e) {
                    state.log(MessageType.Warning, "could not read the build of " + root + ": " + e);
                }
            }));
        }
        LanguageClient client = state.client();
        if (!dynamicWatchers || client == null) {
            return;
        }
        List<FileSystemWatcher> watchers = ProjectModel.BUILD_FILE_GLOBS.stream()
                .map(glob -> new FileSystemWatcher(Either.forLeft(glob))).toList();
        client.registerCapability(new RegistrationParams(List.of(new Registration(WATCHER_REGISTRATION,
                        "workspace/didChangeWatchedFiles", new DidChangeWatchedFilesRegistrationOptions(watchers)))))
                .exceptionally(e -> {
                    state.log(MessageType.Warning, "the editor did not watch the build files (" + e.getMessage()
                            + "); save a build file in the editor for liftsys to notice its change");
                    return null;
                });
    }

    void foldersChanged(DidChangeWorkspaceFoldersParams params) {
        var event = params == null ? null : params.getEvent();
        if (event == null) {
            return;
        }
        List<Path> added = new ArrayList<>();
        List<Path> removed = new ArrayList<>();
        if (event.getAdded() != null) {
            event.getAdded().forEach(f -> folderPath(f == null ? null : f.getUri(), "workspace folder")
                    .ifPresent(added::add));
        }
        if (event.getRemoved() != null) {
            event.getRemoved().forEach(f -> folderPath(f == null ? null : f.getUri(), "workspace folder")
                    .ifPresent(removed::add));
        }
        background.execute(() -> {
            model.changeWorkspaceRoots(added, removed);
            removed.forEach(feedback::forgetUnder);
        });
    }

    /** A file the client watches changed (created, changed or deleted). */
    void fileChanged(String uri) {
        filePath(uri).ifPresent(path -> background.execute(() -> model.buildFileChanged(path)));
    }

    /** A document was saved: a build file's save is a change of the build. */
    void saved(String uri) {
        filePath(uri).filter(ProjectModel::isBuildFile)
                .ifPresent(path -> background.execute(() -> model.buildFileChanged(path)));
    }

    /**
     * A document opened: starts its build's resolve now (or reads it from the disk cache), so the
     * class path is on its way before anything is quantified, and hands the context it gets to
     * {@code whenKnown} (for the warm-up of a worker that can read that class path).
     */
    void opened(String uri, String text, java.util.function.Consumer<ProjectContext> whenKnown) {
        Path path = filePath(uri).filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".java"))
                .orElse(null);
        if (path == null) {
            whenKnown.accept(null); // not a file of a build
            return;
        }
        background.execute(() -> {
            try {
                ProjectContext now = model.contextNow(path, text);
                if (now.status() == ProjectContext.Status.RESOLVING) {
                    model.context(path, text).thenAccept(whenKnown);
                } else {
                    whenKnown.accept(now);
                }
            } catch (RuntimeException e) {
                state.log(MessageType.Warning, "could not read the build of " + path + ": " + e);
                whenKnown.accept(null);
            }
        });
    }

    @Override
    public void close() {
        background.shutdownNow();
        model.close();
    }

    /** A folder's path; a malformed or non-file URI is logged and skipped, never a failure. */
    private java.util.Optional<Path> folderPath(String uri, String what) {
        if (uri == null) {
            return java.util.Optional.empty();
        }
        java.util.Optional<Path> path = filePath(uri);
        if (path.isEmpty()) {
            state.log(MessageType.Warning, "ignored the " + what + " " + uri
                    + ": only file URIs can hold a build liftsys reads");
        }
        return path;
    }

    static java.util.Optional<Path> filePath(String uri) {
        if (uri == null) {
            return java.util.Optional.empty();
        }
        try {
            URI u = new URI(uri);
            if (!"file".equalsIgnoreCase(u.getScheme()) || u.getPath() == null || u.getPath().isEmpty()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Path.of(u).toAbsolutePath().normalize());
        } catch (java.net.URISyntaxException | IllegalArgumentException
                 | java.nio.file.FileSystemNotFoundException e) {
            return java.util.Optional.empty();
        }
    }
}
