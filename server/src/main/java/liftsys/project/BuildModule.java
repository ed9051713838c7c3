package liftsys.project;

import java.nio.file.Path;

/**
 * The module of a build that owns a source file: in a Maven reactor the directory of the nearest
 * {@code pom.xml} listed (transitively) by the reactor's root pom, in a Gradle build the nearest
 * directory with a {@code build.gradle(.kts)} under the directory of {@code settings.gradle(.kts)}.
 *
 * @param tool      the build tool
 * @param buildRoot the directory the build tool runs in (the reactor's or settings' directory)
 * @param moduleDir the owning module's directory (equal to buildRoot for a single-module build)
 * @param buildFile the module's build file (its pom.xml or build.gradle), or null for {@link BuildTool#NONE}
 */
public record BuildModule(BuildTool tool, Path buildRoot, Path moduleDir, Path buildFile) {
}
