package liftsys.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a build tool as a child process with its output in a log file (so a chatty build cannot
 * fill a pipe and block), bounded by a timeout after which the whole process tree is killed:
 * {@code mvn} and {@code gradlew} are scripts that start a JVM, and Gradle may leave a daemon.
 * Thread-safe; {@link #killAll()} stops whatever is still running (server shutdown).
 */
final class BuildToolProcess {
    /** How a run ended: its exit code (-1 when it timed out or did not start) and its output. */
    record Outcome(int exitCode, boolean timedOut, String startFailure, String output) {
        boolean succeeded() {
            return exitCode == 0 && !timedOut && startFailure == null;
        }
    }

    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    Outcome run(List<String> command, Path directory, Duration timeout, Path log) throws InterruptedException {
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(devNull())).start();
        } catch (IOException e) {
            return new Outcome(-1, false, e.getMessage(), "");
        }
        running.add(process);
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
            }
            return new Outcome(finished ? process.exitValue() : -1, !finished, null, read(log));
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        } finally {
            running.remove(process);
        }
    }

    void killAll() {
        running.forEach(BuildToolProcess::killTree);
    }

    /** Kills the descendants first (they would be re-parented, not killed, if the script died first). */
    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static java.io.File devNull() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /**
     * How to start the build's tool: the wrapper the project ships in {@code root} ({@code mvnw},
     * {@code gradlew}; through {@code sh} when it is not executable), else {@code tool} found on
     * {@code searchPath}, else null.
     */
    static List<String> command(Path root, String wrapperName, String tool, String searchPath) {
        Path wrapper = root.resolve(wrapperName);
        if (Files.isRegularFile(wrapper)) {
            return Files.isExecutable(wrapper) ? List.of(wrapper.toString()) : List.of("sh", wrapper.toString());
        }
        Path found = onPath(tool, searchPath);
        return found == null ? null : List.of(found.toString());
    }

    /** The executable named {@code name} in one of the directories of {@code searchPath}, or null. */
    static Path onPath(String name, String searchPath) {
        for (String dir : searchPath.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
