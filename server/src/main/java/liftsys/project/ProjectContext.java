package liftsys.project;

import java.nio.file.Path;
import java.util.List;

/**
 * What compiling and running a source file of the workspace needs from its build, at one moment.
 *
 * @param module      the module that owns the file
 * @param status      whether the class path is resolved, still resolving, failed, or there is no build
 * @param classPath   the build tool's class path of the module (empty until resolved)
 * @param sourceRoots the roots that sibling sources are found under: the module's own (the file's
 *                    test roots first for a test source), then those of the modules it depends on;
 *                    the root implied by the file's package declaration when nothing else holds it
 * @param fingerprint hash of the class path entries (path, size, modification time, and the files of
 *                    directory entries) and of the source roots' paths: part of every cache key of
 *                    results computed against this context
 * @param problem     why the build could not be resolved, or null
 */
public record ProjectContext(BuildModule module, Status status, List<Path> classPath, List<Path> sourceRoots,
                             String fingerprint, BuildProblem problem) {
    /** Where the build's class path stands. */
    public enum Status {
        /** The build tool's class path is known. */
        RESOLVED,
        /** The build tool is still running; source roots are known, the class path is not yet. */
        RESOLVING,
        /** The build tool failed; {@link #problem} says why. Source roots are still known. */
        FAILED,
        /** The file belongs to no build; its source root comes from its package declaration. */
        NO_BUILD
    }

    public ProjectContext {
        classPath = List.copyOf(classPath);
        sourceRoots = List.copyOf(sourceRoots);
    }
}
