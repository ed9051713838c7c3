package liftsys.worker;

import java.io.FilePermission;
import java.io.IOException;
import java.net.SocketPermission;
import java.nio.file.LinkPermission;
import java.nio.file.Path;
import java.security.Permission;

/**
 * The worker's security manager (Java 17, {@code -Djava.security.manager=allow}): the second
 * layer of containment, inside the JVM, under the operating system's (the server's OS sandbox). It
 * restricts only threads of the sandbox thread group, in which traced code runs (and every thread
 * it starts), and it restricts them for the worker's whole life: a thread left behind by one
 * analysis is as confined after the answer as during it. The worker's own threads are not
 * restricted.
 *
 * <p>Denied, and remembered as a violation that ends the analysis and the worker even if the
 * traced code catches the exception: exiting the JVM; writing or deleting files outside the
 * worker's directory, judged on the path with its links resolved (so a link inside the directory
 * that points out of it does not get through); making links at all; any access to {@code /proc}
 * (another process's open files, such as the server's standard input, are there); running
 * programs; loading native libraries other than the JDK's own; network access; setting system
 * properties (which includes the default locale and time zone, and would change later traces in
 * the same worker); touching the standard streams or the worker's threads; more than
 * {@link #MAX_THREADS} threads; shutdown hooks and replacing the security manager. Reading other
 * files is allowed (class paths, resources).
 *
 * <p>Alone, this contains accidents, not code written to escape it (reflection on the worker, a
 * race with a second thread); that is the operating system's part where it can run. The
 * security manager is deprecated for removal and cannot be installed from JDK 24 on; there the
 * worker runs without it, and says so in its log.
 *
 * <p>Two rules keep the checks themselves safe. Group membership is decided with
 * {@link ThreadGroup#parentOf}, which reads the parent links without a permission check: walking
 * them with {@code getParent()} asks this manager again, and from a thread outside the sandbox
 * that recursed until the stack overflowed (the worker's reader then could not halt it when the
 * server died). And while this class resolves a path, the file system calls it makes are not
 * checked again.
 */
@SuppressWarnings("removal")
final class Sandbox extends SecurityManager {
    /** The kernel's random devices, which SecureRandom writes a seed into: the one place outside the directory it may write. */
    private static final java.util.Set<String> ENTROPY_POOL = java.util.Set.of("/dev/random", "/dev/urandom");

    /** Threads the traced code may have alive at once, its own executing thread included. */
    static final int MAX_THREADS = 64;

    private final ThreadGroup group;
    private final Path directory;
    private final ThreadLocal<Boolean> resolving = new ThreadLocal<>();
    private volatile String violation;

    Sandbox(ThreadGroup group, Path directory) {
        this.group = group;
        this.directory = realDirectory(directory);
    }

    /** Forgets the last violation, before a new batch of executions. */
    void begin() {
        violation = null;
    }

    /** What the traced code tried and was denied since {@link #begin}, or null. */
    String violation() {
        return violation;
    }

    private boolean sandboxed() {
        return resolving.get() == null && group.parentOf(Thread.currentThread().getThreadGroup());
    }

    private void deny(String what) {
        if (violation == null) {
            violation = what;
        }
        throw new SecurityException("liftsys worker sandbox: the traced code may not " + what);
    }

    @Override
    public void checkPermission(Permission perm) {
        if (!sandboxed()) {
            return;
        }
        String name = perm.getName();
        if (perm instanceof RuntimePermission) {
            if (name.startsWith("exitVM")) {
                deny("exit the JVM (System.exit " + name.substring(name.indexOf('.') + 1) + ")");
            } else if (name.startsWith("loadLibrary.") && !isRuntimeLibrary(name.substring(12))) {
                deny("load the native library " + name.substring(12));
            } else if (name.equals("setSecurityManager") || name.equals("createSecurityManager")) {
                deny("replace the security manager");
            } else if (name.equals("setIO") || name.equals("readFileDescriptor") || name.equals("writeFileDescriptor")) {
                deny("use the worker's standard streams");
            } else if (name.equals("shutdownHooks")) {
                deny("add a shutdown hook");
            } else if (name.equals("setDefaultUncaughtExceptionHandler")) {
                deny("set the default uncaught exception handler");
            }
        } else if (perm instanceof FilePermission) {
            checkFile(name, perm.getActions());
        } else if (perm instanceof LinkPermission) {
            deny("make a " + name + " link (links could lead out of the worker's directory)");
        } else if (perm instanceof SocketPermission) {
            deny("use the network (" + name + ")");
        } else if (perm instanceof java.util.PropertyPermission && perm.getActions().contains("write")
                && !name.equals("*")) {
            // "*" is System.getProperties(), which the JDK calls itself to read them all (its locale
            // providers, for one); the worker puts back whatever a trace changed through it
            // (WorkerMain.runSandboxed), so only a named setProperty would outlive the analysis.
            deny("set the system property " + name + " (it would outlive this analysis in the worker)");
        }
    }

    private void checkFile(String name, String actions) {
        if (actions.contains("execute")) {
            deny("run the program " + name);
        }
        boolean write = actions.contains("write");
        boolean delete = actions.contains("delete");
        // A delete (or readlink) acts on a link itself, not on what it points to.
        boolean followLast = write || actions.contains("read");
        if (name.equals("<<ALL FILES>>")) {
            deny((write ? "write" : delete ? "delete" : "read") + " any file whatsoever");
        }
        Path resolved = resolve(name, followLast);
        if (resolved == null || PathResolver.isProc(resolved) || PathResolver.isProc(textual(name))) {
            deny("open " + name + (resolved == null ? " (its real location cannot be told)"
                    : " (another process's files are there)"));
        }
        if (write && !delete && ENTROPY_POOL.contains(resolved.toString())) {
            return; // a seed mixed into the kernel's pool (SecureRandom.setSeed): nothing leaves, nothing is learned
        }
        if ((write || delete) && !resolved.startsWith(directory)) {
            deny((write ? "write " : "delete ") + name + (resolved.toString().equals(name) ? ""
                    : " (which is " + resolved + ")") + " outside the worker's directory " + directory);
        }
    }

    /** The path with its links resolved, or null when that fails (then nothing is allowed). */
    private Path resolve(String name, boolean followLast) {
        String plain = name.endsWith("/-") || name.endsWith("/*") ? name.substring(0, name.length() - 2) : name;
        resolving.set(Boolean.TRUE);
        try {
            return PathResolver.resolve(Path.of(plain).toAbsolutePath(), followLast);
        } catch (IOException | RuntimeException unresolvable) {
            return null;
        } finally {
            resolving.remove();
        }
    }

    private Path textual(String name) {
        resolving.set(Boolean.TRUE);
        try {
            return Path.of(name).toAbsolutePath().normalize();
        } catch (RuntimeException bad) {
            return Path.of("/proc");
        } finally {
            resolving.remove();
        }
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        checkPermission(perm);
    }

    @Override
    public void checkAccess(Thread t) {
        if (sandboxed() && t.getThreadGroup() != null && !group.parentOf(t.getThreadGroup())) {
            deny("modify the worker's thread " + t.getName());
        }
    }

    /** Called for the group of every thread (and group) being made, so the thread count is capped here. */
    @Override
    public void checkAccess(ThreadGroup g) {
        if (!sandboxed()) {
            return;
        }
        if (g.parentOf(group) && g != group) {
            deny("modify the worker's thread group " + g.getName());
        }
        if (group.parentOf(g) && group.activeCount() >= MAX_THREADS) {
            deny("start more than " + MAX_THREADS + " threads");
        }
    }

    /** The JDK loads its own libraries on demand (networking, for one); those are part of the runtime. */
    private static boolean isRuntimeLibrary(String library) {
        if (library.contains("/") || library.contains("\\") || library.contains(java.io.File.separator)) {
            return false;
        }
        Path home = Path.of(System.getProperty("java.home"));
        String file = System.mapLibraryName(library);
        return java.nio.file.Files.exists(home.resolve("lib").resolve(file))
                || java.nio.file.Files.exists(home.resolve("bin").resolve(file));
    }

    private static Path realDirectory(Path directory) {
        try {
            return directory.toAbsolutePath().toRealPath();
        } catch (IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }
}
