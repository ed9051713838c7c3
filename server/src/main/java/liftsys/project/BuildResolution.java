package liftsys.project;

import java.nio.file.Path;
import java.util.Map;

/**
 * The outcome of resolving one build (a Maven reactor, a Gradle build) with its build tool.
 *
 * @param buildRoot where the tool ran
 * @param tool      which tool
 * @param key       the hash of the build files it was resolved from (see {@link BuildFilesKey})
 * @param modules   each resolved module by directory; a module missing here was not resolved
 * @param problem   why (part of) the build could not be resolved, or null when all of it was
 * @param fromCache whether it was read from the on-disk cache instead of running the tool
 * @param millis    how long the resolve took (reading the cache, or running the tool)
 */
public record BuildResolution(Path buildRoot, BuildTool tool, String key, Map<Path, ModuleClassPath> modules,
                              BuildProblem problem, boolean fromCache, long millis) {
    public BuildResolution {
        modules = Map.copyOf(modules);
    }

    BuildResolution withMillis(long elapsed) {
        return new BuildResolution(buildRoot, tool, key, modules, problem, fromCache, elapsed);
    }
}
