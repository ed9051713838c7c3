package liftsys.project;

import java.nio.file.Path;

/**
 * Why a build's class path could not be had, as data the editor layer can show as a message or
 * as a diagnostic on the build file.
 *
 * @param cause       what kind of failure
 * @param buildFile   the build file it is about (the module's pom.xml, build.gradle, ...)
 * @param line        1-based line in the build file where it is known (a pom that does not parse), else 0
 * @param column      1-based column where known, else 0
 * @param message     what failed and what to do, in words for a user
 * @param toolMessage the build tool's own first error line, or "" when there is none
 */
public record BuildProblem(Cause cause, Path buildFile, int line, int column, String message, String toolMessage) {
    /** What kind of failure it was; the advice in {@link #message} fits it. */
    public enum Cause {
        /** The build file is not well-formed XML (or otherwise cannot be read). */
        UNPARSABLE_BUILD_FILE,
        /** The build tool ran and failed (a dependency it cannot find, offline without a copy, ...). */
        RESOLVE_FAILED,
        /** No usable build tool (no {@code mvn}, no Gradle wrapper and no {@code gradle} on PATH). */
        NO_BUILD_TOOL,
        /** The build tool ran longer than the resolve timeout and was stopped. */
        TIMEOUT
    }

    public BuildProblem {
        toolMessage = toolMessage == null ? "" : toolMessage;
    }

    /** One line for a message window: the message, then the tool's own line when it adds something. */
    public String summary() {
        String where = buildFile + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
        return where + ": " + message + (toolMessage.isEmpty() ? "" : " (" + toolMessage + ")");
    }
}
