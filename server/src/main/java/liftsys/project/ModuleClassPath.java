package liftsys.project;

import java.nio.file.Path;
import java.util.List;

/**
 * One module's resolved build: what its sources compile against and where its sources are.
 *
 * @param moduleDir         the module's directory
 * @param classPath         the build tool's class path for the module, in its order (jars of the
 *                          local repository, and sibling modules' output directories in a reactor)
 * @param sourceRoots       main source roots of the module, then of the sibling modules it depends on
 * @param testSourceRoots   the module's test source roots
 */
public record ModuleClassPath(Path moduleDir, List<Path> classPath, List<Path> sourceRoots,
                              List<Path> testSourceRoots) {
    public ModuleClassPath {
        classPath = List.copyOf(classPath);
        sourceRoots = List.copyOf(sourceRoots);
        testSourceRoots = List.copyOf(testSourceRoots);
    }
}
