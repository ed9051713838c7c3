package liftsys.trace;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The first layer of containment: the operating system's. On Linux with bubblewrap
 * ({@code bwrap}) a worker JVM runs with its own user, PID, network, IPC, UTS and cgroup
 * namespaces ({@code --unshare-all}: no network at all, no {@code /proc} of any process outside),
 * no capabilities, a new session (no terminal to push keystrokes into), and a file system made of
 * read-only binds of what the JVM and the class path need, with its own directory the one place
 * it can write. It dies with the server ({@code --die-with-parent}). {@code prlimit} then applies
 * the {@link ResourceLimits} and runs the JVM. The worker's own checks ({@link Sandbox}) stay as
 * the second layer.
 *
 * <p>Whether bubblewrap can run is found out by trying it once per server (containers often
 * forbid user namespaces); where it cannot, or on other systems, {@link #note} says so in words,
 * the server's log says it once, and workers run with the in-JVM checks and, on Linux, the
 * resource limits alone. {@code -Dliftsys.osSandbox=false} (or {@link TracerConfig#osSandbox})
 * turns the layer off, for tests of that fallback. Immutable; the probe is shared.
 */
final class OsSandbox {
    /** The system property that, set to {@code false}, turns the OS layer off. */
    static final String PROPERTY = "liftsys.osSandbox";

    private static final Object PROBE_LOCK = new Object();
    private static final java.util.Map<Path, Set<Path>> RUNTIME_PATHS = new java.util.concurrent.ConcurrentHashMap<>();
    private static OsSandbox probed;
    private static OsSandbox off;

    private final Path bwrap;
    private final Path prlimit;
    private final String note;

    private OsSandbox(Path bwrap, Path prlimit, String note) {
        this.bwrap = bwrap;
        this.prlimit = prlimit;
        this.note = note;
    }

    /** The OS layer for this configuration: probed once per server, and logged once. */
    static OsSandbox forConfig(TracerConfig config) {
        synchronized (PROBE_LOCK) {
            if (!config.osSandbox()) {
                if (off == null) {
                    off = new OsSandbox(null, onPath("prlimit"), "Traced code ran without the operating system's "
                            + "sandbox, which is turned off (" + PROPERTY + "=false): only the worker JVM's own "
                            + "checks and its resource limits contained it.");
                    log(off);
                }
                return off;
            }
            if (probed == null) {
                probed = probe();
                log(probed);
            }
            return probed;
        }
    }

    /** Whether workers run inside bubblewrap. */
    boolean isolated() {
        return bwrap != null;
    }

    /** Why workers run without the OS layer, as a sentence for users, or null when they run inside it. */
    String note() {
        return note;
    }

    /**
     * The command that runs {@code java} (the JVM's command line) for a worker whose directory is
     * {@code directory}: inside bubblewrap with {@code readable} bound read-only, under the limits.
     */
    List<String> command(List<String> java, Path directory, Collection<Path> readable, ResourceLimits limits) {
        List<String> command = new ArrayList<>();
        if (bwrap != null) {
            command.add(bwrap.toString());
            command.addAll(bubblewrapOptions(directory, readable));
            command.add("--");
        }
        if (prlimit != null) {
            command.add(prlimit.toString());
            command.addAll(limits.prlimitOptions(bwrap != null));
            command.add("--");
        }
        command.addAll(java);
        return command;
    }

    /** What the JVM itself needs to read: its home, and where the links in its home lead (cached per JVM). */
    static Set<Path> runtimePaths(Path javaCommand) {
        return RUNTIME_PATHS.computeIfAbsent(javaCommand.toAbsolutePath(), OsSandbox::findRuntimePaths);
    }

    private static Set<Path> findRuntimePaths(Path javaCommand) {
        Set<Path> paths = new LinkedHashSet<>();
        Path home = javaCommand.toAbsolutePath().getParent().getParent();
        paths.add(home);
        try {
            Path realHome = home.toRealPath();
            paths.add(realHome);
            try (Stream<Path> files = Files.walk(realHome)) {
                files.filter(Files::isSymbolicLink).forEach(link -> {
                    try {
                        Path target = link.toRealPath();
                        if (!target.startsWith(realHome)) {
                            paths.add(Files.isDirectory(target) ? target : target.getParent());
                        }
                    } catch (IOException dangling) {
                        // A link to nothing needs nothing bound.
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            // The home itself is bound; a JVM missing more says so in its log.
        }
        return java.util.Collections.unmodifiableSet(paths);
    }

    private List<String> bubblewrapOptions(Path directory, Collection<Path> readable) {
        List<String> o = new ArrayList<>(List.of("--unshare-all", "--die-with-parent", "--new-session",
                "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr"));
        // Merged-/usr systems make these links into /usr; others have them as directories.
        for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
            mirror(Path.of(top), o);
        }
        // What the JVM reads from /etc: its user's name, the time zone (so times read as on the server).
        for (String etc : List.of("/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/localtime",
                "/etc/timezone")) {
            mirror(Path.of(etc), o);
        }
        List<Path> bound = new ArrayList<>(List.of(Path.of("/usr")));
        Set<Path> wanted = new LinkedHashSet<>(readable);
        if (prlimit != null) {
            wanted.add(prlimit);
        }
        for (Path p : wanted) {
            Path absolute = p.toAbsolutePath().normalize();
            if (bound.stream().noneMatch(absolute::startsWith)) {
                o.addAll(List.of("--ro-bind-try", absolute.toString(), absolute.toString()));
                bound.add(absolute);
            }
        }
        String dir = directory.toAbsolutePath().toString();
        o.addAll(List.of("--bind", dir, dir, "--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev",
                "--chdir", dir, "--remount-ro", "/"));
        return o;
    }

    /** A link stays a link (so the JVM reads the time zone's name from /etc/localtime), anything else is bound. */
    private static void mirror(Path path, List<String> options) {
        try {
            if (Files.isSymbolicLink(path)) {
                options.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), path.toString()));
            } else if (Files.exists(path)) {
                options.addAll(List.of("--ro-bind", path.toString(), path.toString()));
            }
        } catch (IOException e) {
            // Not there to mirror.
        }
    }

    /** Tries bubblewrap once, with the options workers get, on a program that does nothing. */
    private static OsSandbox probe() {
        Path prlimit = onPath("prlimit");
        String os = System.getProperty("os.name", "?");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return new OsSandbox(null, prlimit, "Traced code ran without an operating-system sandbox: there is "
                    + "none for " + os + " (bubblewrap is Linux only); only the worker JVM's own checks contained "
                    + "it, which stop accidents but not code written to escape them.");
        }
        Path bwrap = onPath("bwrap");
        if (bwrap == null) {
            return new OsSandbox(null, prlimit, "Traced code ran without the operating system's sandbox: "
                    + "bubblewrap (bwrap) is not installed. Run ./liftsys setup as root, or install the bubblewrap "
                    + "package; until then only the worker JVM's own checks and its resource limits contain it.");
        }
        Path nothing = onPath("true");
        OsSandbox candidate = new OsSandbox(bwrap, prlimit, null);
        String failure = nothing == null ? "no `true` program to try it on" : tryRunning(candidate, nothing);
        if (failure == null) {
            return candidate;
        }
        return new OsSandbox(null, prlimit, "Traced code ran without the operating system's sandbox: bubblewrap "
                + "cannot run here (" + failure + "; containers often forbid the user namespaces it needs). Only "
                + "the worker JVM's own checks and its resource limits contained it.");
    }

    /** Null when the sandboxed program ran and succeeded, else what went wrong. */
    private static String tryRunning(OsSandbox candidate, Path program) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("liftsys-bwrap-probe-");
            List<String> command = candidate.command(List.of(program.toString()), scratch, Set.of(),
                    ResourceLimits.forHeap(64));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "it did not finish within 10 s";
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? null : "exit code " + p.exitValue() + (output.isEmpty() ? "" : ": "
                    + output.lines().findFirst().orElse(""));
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            if (scratch != null) {
                WorkerProcess.deleteTree(scratch);
            }
        }
    }

    private static void log(OsSandbox sandbox) {
        System.err.println("[liftsys] worker sandbox: " + (sandbox.isolated()
                ? "bubblewrap (" + sandbox.bwrap + "): read-only file system but the worker's directory, no network, "
                + "its own PID namespace, dies with the server" + (sandbox.prlimit == null ? ""
                : "; resource limits by " + sandbox.prlimit) + "; the in-JVM checks stay as a second layer"
                : sandbox.note));
    }

    /** An executable of that name on PATH (or in the usual system directories), or null. */
    static Path onPath(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        return null;
    }
}
