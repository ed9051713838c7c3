package liftsys.trace;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import liftsys.wire.Wire;
import liftsys.wire.WorkerCodec;

/**
 * One worker JVM as seen from the server: the process (inside the {@link OsSandbox} where it
 * can run, under the {@link ResourceLimits}), its pipes and its own directory (its working
 * directory and temp dir; its stderr goes to {@code worker.log} there). Used by one trace at a
 * time; {@link #kill} may be called from any thread (the deadline's watchdog, a cancellation).
 */
final class WorkerProcess {
    /** HotSpot's exit code under {@code -XX:+ExitOnOutOfMemoryError}. */
    static final int OUT_OF_MEMORY_EXIT = 3;

    /** JVM options that keep native reservations small, so the address-space limit leaves room to work. */
    private static final List<String> NATIVE_MEMORY_OPTIONS = List.of("-XX:MaxDirectMemorySize=64m",
            "-XX:CompressedClassSpaceSize=64m", "-XX:MaxMetaspaceSize=192m", "-XX:ReservedCodeCacheSize=64m");

    /**
     * Every worker is started from this one thread, which lives as long as the server: Linux
     * delivers bubblewrap's {@code --die-with-parent} signal when the thread that started it ends,
     * not the process, and the threads that trace come and go.
     */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "liftsys-worker-launcher");
        t.setDaemon(true);
        return t;
    });

    private final Process process;
    private final Path directory;
    private final Set<Path> readable;
    /** Size and time of the jar files it was started with: a bind mount keeps showing the file it bound. */
    private final Map<Path, String> boundFiles;
    private final DataInputStream in;
    private final DataOutputStream out;
    private volatile boolean killed;

    private WorkerProcess(Process process, Path directory, Set<Path> readable, Map<Path, String> boundFiles) {
        this.process = process;
        this.directory = directory;
        this.readable = readable;
        this.boundFiles = Map.copyOf(boundFiles);
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
    }

    /** Starts a worker without a class path of the user's; {@link #awaitHello} must follow. */
    static WorkerProcess start(TracerConfig config) throws IOException {
        return start(config, OsSandbox.forConfig(config), List.of());
    }

    /**
     * Starts a worker; {@link #awaitHello} must follow before the first call. Inside the OS
     * sandbox it can read the runtime, its own classes and the {@code classpath} entries, and no
     * other file but its directory's.
     */
    static WorkerProcess start(TracerConfig config, OsSandbox os, List<Path> classpath) throws IOException {
        Path directory = Files.createTempDirectory(Files.createDirectories(config.tempRoot()), "liftsys-worker-");
        Files.createDirectories(directory.resolve("tmp"));
        ResourceLimits limits = ResourceLimits.forHeap(config.maxHeapMb());
        List<String> java = new ArrayList<>();
        java.add(config.javaCommand().toString());
        java.add("-Xmx" + config.maxHeapMb() + "m");
        java.add("-XX:+UseSerialGC");
        java.add("-XX:-UsePerfData");
        java.add("-XX:+ExitOnOutOfMemoryError");
        java.add("-XX:+DisplayVMOutputToStderr");
        java.add("-XX:TieredStopAtLevel=1");
        java.add("-Xshare:auto");
        java.addAll(NATIVE_MEMORY_OPTIONS);
        if (config.sandbox() && Runtime.version().feature() < 24) {
            // Needed from JDK 18 to 23; from 24 on the option stops the JVM, so the worker runs unconfined.
            java.add("-Djava.security.manager=allow");
        }
        java.add("-Djava.io.tmpdir=" + directory.resolve("tmp"));
        java.add("-Dfile.encoding=UTF-8");
        java.add("-D" + Wire.CPU_SECONDS_PROPERTY + "=" + limits.cpuSeconds());
        java.add("-cp");
        java.add(String.join(File.pathSeparator, WorkerCodec.classPath().stream().map(Path::toString).toList()));
        java.add(Wire.WORKER_MAIN);
        java.add(directory.toString());
        if (!config.sandbox()) {
            java.add("--no-sandbox");
        }
        Set<Path> readable = new LinkedHashSet<>(OsSandbox.runtimePaths(config.javaCommand()));
        // Its own classes and Gson's, for its codec.
        readable.addAll(WorkerCodec.classPath());
        readable.addAll(classpath);
        ProcessBuilder builder = new ProcessBuilder(os.command(java, directory, readable, limits))
                .directory(directory.toFile())
                .redirectError(directory.resolve("worker.log").toFile());
        minimalEnvironment(builder.environment(), directory);
        Map<Path, String> files = new java.util.HashMap<>();
        classpath.forEach(entry -> {
            String stamp = fileStamp(entry);
            if (stamp != null) {
                files.put(entry, stamp);
            }
        });
        return new WorkerProcess(launch(builder), directory, os.isolated() ? Set.copyOf(readable) : null, files);
    }

    /**
     * Only what the JVM needs from the server's environment (its locale, time zone, PATH), so
     * nothing else there (tokens, credentials) is readable by traced code.
     */
    private static void minimalEnvironment(Map<String, String> environment, Path directory) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String name = e.getKey();
            if (name.equals("PATH") || name.equals("LANG") || name.equals("TZ") || name.startsWith("LC_")) {
                kept.put(name, e.getValue());
            }
        }
        environment.clear();
        environment.putAll(kept);
        environment.put("HOME", directory.toString());
        environment.put("TMPDIR", directory.resolve("tmp").toString());
        // glibc reserves 64 MB of address space per arena and thread; two arenas keep the limit for real use.
        environment.put("MALLOC_ARENA_MAX", "2");
    }

    private static Process launch(ProcessBuilder builder) throws IOException {
        Future<Process> started = LAUNCHER.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    // The process may be starting: wait for it, so it is not lost.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException("cannot start a worker: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Whether this worker can read every entry of the class path: always outside the OS sandbox,
     * inside it only what it was started with (a worker is replaced when the class path grows).
     */
    /**
     * Whether its sandbox shows it these paths as they are now: each one bound, and each file (a
     * jar) still the one it bound (a jar rebuilt since may be a new file the bind does not show).
     */
    boolean canRead(List<Path> classpath) {
        if (readable == null) {
            return true;
        }
        if (!readable.containsAll(classpath)) {
            return false;
        }
        for (Path entry : classpath) {
            String bound = boundFiles.get(entry);
            if (bound != null && !bound.equals(fileStamp(entry))) {
                return false;
            }
        }
        return true;
    }

    /** A regular file's size and modification time ("size:millis"), or null for a directory or nothing. */
    private static String fileStamp(Path file) {
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class);
            return a.isRegularFile() ? a.size() + ":" + a.lastModifiedTime().toMillis() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    void awaitHello() throws IOException {
        WorkerCodec.readHello(in);
    }

    Wire.Reply call(Wire.Request request) throws IOException {
        WorkerCodec.writeRequest(out, request);
        out.flush();
        return WorkerCodec.readReply(in);
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

    /** The worker's processes: the one started (bubblewrap's, or the JVM) and every one below it. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        return all;
    }

    /** Stops the JVM (and the sandbox around it) at once. */
    void kill() {
        killed = true;
        // Bubblewrap's own --die-with-parent would take the JVM along; killing it first does not depend on that.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
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
        } catch (IOException | java.io.UncheckedIOException e) {
            // A leftover temp directory is not worth failing for. The walk's stream throws the unchecked
            // kind when another thread (a close racing the trace's own cleanup) deleted part of it first.
        }
    }
}
