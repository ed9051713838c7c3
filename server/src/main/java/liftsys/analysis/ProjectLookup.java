package liftsys.analysis;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import liftsys.project.ProjectContext;
import liftsys.project.ProjectModel;
import liftsys.trace.TraceProject;

/**
 * Where quantification learns a document's project: its build's class path and source roots
 * (from {@link ProjectModel}) and the open documents whose text wins over their files. The editor
 * layer makes one with {@link #of} and hands it to {@link QuantitativeAnalyzer#useProjects};
 * until then every document is of no project ({@link #NONE}), as before the project model.
 */
public interface ProjectLookup {
    ProjectLookup NONE = (uri, text, wait) -> TraceProject.NONE;

    /**
     * The document's project for tracing, waiting at most {@code wait} for its build's class path
     * (a build still resolving then gives its source roots alone).
     */
    TraceProject project(String uri, String text, Duration wait);

    /**
     * The project model's contexts, with the open documents ({@code openDocuments}: text by URI)
     * under the context's source roots passed as sources that win over the files on disk.
     */
    static ProjectLookup of(ProjectModel model, Supplier<Map<String, String>> openDocuments) {
        return (uri, text, wait) -> {
            Path file = pathOf(uri);
            if (file == null) {
                return TraceProject.NONE;
            }
            ProjectContext context;
            try {
                context = wait.isZero() ? model.contextNow(file, text)
                        : model.context(file, text).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                context = model.contextNow(file, text);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                context = model.contextNow(file, text);
            }
            return toTrace(context, file, openDocuments.get());
        };
    }

    /** The context as tracing takes it. */
    static TraceProject toTrace(ProjectContext context, Path tracedFile, Map<String, String> openDocuments) {
        List<TraceProject.OpenDocument> open = new ArrayList<>();
        openDocuments.forEach((uri, text) -> {
            Path path = pathOf(uri);
            if (path == null || path.equals(tracedFile)) {
                return;
            }
            for (Path root : context.sourceRoots()) {
                if (path.startsWith(root)) {
                    open.add(new TraceProject.OpenDocument(root.relativize(path).toString(), text));
                    return;
                }
            }
        });
        Path buildFile = context.module() == null ? null : context.module().buildFile();
        return new TraceProject(context.classPath().stream().map(Path::toString).toList(),
                context.sourceRoots().stream().filter(java.nio.file.Files::isDirectory).map(Path::toString).toList(),
                open, context.fingerprint(), buildNote(context))
                .withBuildFile(buildFile == null ? "" : buildFile.toString());
    }

    /** What a message about a failed compilation should add about the build, "" when nothing. */
    static String buildNote(ProjectContext context) {
        return switch (context.status()) {
            case RESOLVING -> "The " + context.module().tool().displayName() + " class path of "
                    + context.module().buildFile() + " is still being resolved; ask again in a moment.";
            case FAILED -> "The class path of the build could not be resolved: " + context.problem().summary();
            case RESOLVED, NO_BUILD -> "";
        };
    }

    private static Path pathOf(String uri) {
        try {
            URI u = URI.create(uri);
            return "file".equals(u.getScheme()) ? Path.of(u).toAbsolutePath().normalize() : null;
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }
}
