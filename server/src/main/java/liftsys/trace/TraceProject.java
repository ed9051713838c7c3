package liftsys.trace;

import java.util.List;
import liftsys.wire.Wire;

/**
 * The workspace project a traced document belongs to, as tracing needs it: the build's class
 * path, the source roots javac finds sibling classes under, and the open documents whose current
 * text wins over their files on disk. The document's file compiles with its siblings, and its
 * classes and the project's load in one class loader (so package-private access works).
 *
 * @param classPath     the build's class path (before the {@code classpath} setting's entries)
 * @param sourceRoots   javac's source path
 * @param openDocuments open documents under those roots, by path relative to their root
 * @param fingerprint   the class path's and source roots' fingerprint (entries with size and
 *                      modification time), for the keys of results computed in this project
 * @param buildNote     why the build's class path is missing, in words for a message ("" when it
 *                      is resolved or there is no build): still resolving, or what failed
 * @param documentShape a hash of the traced document without its method and constructor bodies
 *                      ("" when unknown): the worker compiles the sibling classes once per shape
 *                      and reuses them for every method of the document, since they cannot
 *                      depend on a body
 * @param buildFile     the build file of the document's module ("" for none), for advice
 */
public record TraceProject(List<String> classPath, List<String> sourceRoots, List<OpenDocument> openDocuments,
                           String fingerprint, String buildNote, String documentShape, String buildFile) {
    /** A document of no project: compiled alone, against the {@code classpath} setting. */
    public static final TraceProject NONE = new TraceProject(List.of(), List.of(), List.of(), "", "");

    /** A project whose traced document's shape is unknown: its siblings are compiled with each method. */
    public TraceProject(List<String> classPath, List<String> sourceRoots, List<OpenDocument> openDocuments,
                        String fingerprint, String buildNote) {
        this(classPath, sourceRoots, openDocuments, fingerprint, buildNote, "", "");
    }

    /** The same project, for a traced document of this shape. */
    public TraceProject withDocumentShape(String shape) {
        return new TraceProject(classPath, sourceRoots, openDocuments, fingerprint, buildNote, shape, buildFile);
    }

    /** The same project, whose module's build file is this. */
    public TraceProject withBuildFile(String file) {
        return new TraceProject(classPath, sourceRoots, openDocuments, fingerprint, buildNote, documentShape, file);
    }

    /** An open document's text, by its path relative to its source root ("demo/core/Rates.java"). */
    public record OpenDocument(String relativePath, String text) {
    }

    public TraceProject {
        classPath = List.copyOf(classPath);
        sourceRoots = List.copyOf(sourceRoots);
        openDocuments = List.copyOf(openDocuments);
        fingerprint = fingerprint == null ? "" : fingerprint;
        buildNote = buildNote == null ? "" : buildNote;
        documentShape = documentShape == null ? "" : documentShape;
        buildFile = buildFile == null ? "" : buildFile;
    }

    Wire.Project toWire() {
        return new Wire.Project(sourceRoots, openDocuments.stream()
                .map(d -> new Wire.SourceFile(d.relativePath(), d.text())).toList(), documentShape);
    }
}
