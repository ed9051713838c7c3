package liftsys.trace;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One worker JVM as seen from the server: the process, its pipes and its own directory (its
 * working directory and temp dir; its stderr goes to {@code worker.log} there). Used by one
 * trace at a time; {@link #kill} may be called from any thread (the deadline's watchdog).
 */
final class WorkerProcess {
    /** HotSpot's exit code under {@code -XX:+ExitOnOutOfMemoryError}. */
    static final int OUT_OF_MEMORY_EXIT = 3;

    private final Process process;
    private final Path directory;
    private final DataInputStream in;
    private final DataOutputStream out;
    private volatile boolean killed;

    private WorkerProcess(Process process, Path directory) {
        this.process = process;
        this.directory = directory;
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
    }

    /** Starts a worker; {@link #awaitHello} must follow before the first call. */
    static WorkerProcess start(TracerConfig config) throws IOException {
        Path directory = Files.createTempDirectory(Files.createDirectories(config.tempRoot()), "liftsys-worker-");
        Files.createDirectories(directory.resolve("tmp"));
        List<String> command = new ArrayList<>();
        command.add(config.javaCommand().toString());
        command.add("-Xmx" + config.maxHeapMb() + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:-UsePerfData");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:+DisplayVMOutputToStderr");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        if (config.sandbox() && Runtime.version().feature() < 24) {
            // Needed from JDK 18 to 23; from 24 on the option stops the JVM, so the worker runs unconfined.
            command.add("-Djava.security.manager=allow");
        }
        command.add("-Djava.io.tmpdir=" + directory.resolve("tmp"));
        command.add("-Dfile.encoding=UTF-8");
        command.add("-cp");
        command.add(ownClassPath());
        command.add(WorkerMain.class.getName());
        command.add(directory.toString());
        if (!config.sandbox()) {
            command.add("--no-sandbox");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectError(directory.resolve("worker.log").toFile());
        return new WorkerProcess(builder.start(), directory);
    }

    /** Where this class was loaded from: the server's jar, or its classes directory. */
    static String ownClassPath() {
        try {
            return Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the worker's classes", e);
        }
    }

    void awaitHello() throws IOException {
        int magic = in.readInt();
        int version = in.readInt();
        if (magic != Wire.MAGIC || version != Wire.VERSION) {
            throw new IOException("the worker answered with a wrong greeting");
        }
    }

    Wire.Reply call(Wire.Request request) throws IOException {
        Wire.writeRequest(out, request);
        out.flush();
        return Wire.readReply(in);
    }

    boolean alive() {
        return !killed && process.isAlive();
    }

    boolean killed() {
        return killed;
    }

    long pid() {
        return process.pid();
    }

    Path directory() {
        return directory;
    }

    /** Stops the JVM at once and deletes its directory. */
    void kill() {
        killed = true;
        process.destroyForcibly();
    }

    /** Kills the worker, waits for it to go, and removes its directory. */
    void dispose() {
        kill();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(directory);
    }

    /** Why the worker ended, for a failure message: its exit code and the end of its log. */
    String diagnosis() {
        StringBuilder s = new StringBuilder();
        try {
            process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(2), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!process.isAlive()) {
            if (process.exitValue() == OUT_OF_MEMORY_EXIT) {
                return "the traced code ran out of memory (the worker's heap is capped; the worker is replaced)";
            }
            s.append("exit code ").append(process.exitValue());
        }
        try {
            List<String> lines = Files.readAllLines(directory.resolve("worker.log"), StandardCharsets.UTF_8);
            String tail = lines.stream().filter(l -> !l.startsWith("WARNING")).reduce((a, b) -> b).orElse("");
            if (tail.contains("OutOfMemoryError")) {
                return "the traced code ran out of memory (the worker's heap is capped; " + tail.trim() + ")";
            }
            if (!tail.isBlank()) {
                s.append(s.length() > 0 ? "; " : "").append(tail.trim());
            }
        } catch (IOException e) {
            // no log: the exit code is all there is
        }
        return s.length() == 0 ? "no reason given" : s.toString();
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temp directory is not worth failing for.
        }
    }
}
