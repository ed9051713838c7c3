package liftsys.project;

import java.nio.file.Path;

/**
 * What the project model tells the editor layer while it works: progress of a resolve ("resolving
 * the Maven class path of app") and its outcome, which carries a {@link BuildProblem} when it failed.
 * Called on the resolving thread; implementations must not block.
 */
public interface ProjectListener {
    ProjectListener NONE = new ProjectListener() {
    };

    /** A build tool started for the build at {@code buildRoot}; {@code message} says so in words. */
    default void resolving(Path buildRoot, String message) {
    }

    /** The resolve finished, from the tool or the cache, completely or with a problem. */
    default void resolved(BuildResolution resolution) {
    }
}
