package liftsys.trace;

import java.io.FilePermission;
import java.net.SocketPermission;
import java.nio.file.Path;
import java.security.Permission;

/**
 * The worker's security manager (Java 17, {@code -Djava.security.manager=allow}). It restricts
 * only threads of the sandbox thread group, in which traced code runs (and every thread it
 * starts); the worker's own threads are not restricted. Denied, and remembered as a violation
 * that ends the analysis even if the traced code catches the exception: exiting the JVM, writing
 * or deleting files outside the worker's directory, running programs, loading native libraries
 * other than the JDK's own,
 * network access, setting system properties (which includes the default locale and time zone,
 * and would change later traces in the same worker), touching the standard streams or the
 * worker's threads, shutdown hooks and replacing the security manager. Reading files is allowed
 * (class paths, resources).
 *
 * <p>This contains accidents (an exit, a stray write, a runaway thread); it is not a boundary
 * against code written to escape it, which could for example use reflection on the worker. The
 * security manager is deprecated for removal and cannot be installed from JDK 24 on; there the
 * worker runs without it (an exit then ends the worker, which is replaced; writes are not
 * confined), and says so in its log.
 */
@SuppressWarnings("removal")
final class Sandbox extends SecurityManager {
    private final ThreadGroup group;
    private final Path directory;
    private volatile boolean active;
    private volatile String violation;

    Sandbox(ThreadGroup group, Path directory) {
        this.group = group;
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** Starts restricting the sandbox group and forgets the last violation. */
    void begin() {
        violation = null;
        active = true;
    }

    void end() {
        active = false;
    }

    /** What the traced code tried and was denied since {@link #begin}, or null. */
    String violation() {
        return violation;
    }

    private boolean sandboxed() {
        if (!active) {
            return false;
        }
        return inGroup(Thread.currentThread().getThreadGroup());
    }

    private boolean inGroup(ThreadGroup g) {
        for (; g != null; g = g.getParent()) {
            if (g == group) {
                return true;
            }
        }
        return false;
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
            String actions = perm.getActions();
            if (actions.contains("execute")) {
                deny("run the program " + name);
            } else if ((actions.contains("write") || actions.contains("delete")) && !inside(name)) {
                deny((actions.contains("write") ? "write " : "delete ") + name + " (outside the worker's directory "
                        + directory + ")");
            }
        } else if (perm instanceof SocketPermission) {
            deny("use the network (" + name + ")");
        } else if (perm instanceof java.util.PropertyPermission && perm.getActions().contains("write")) {
            deny("set the system property " + name + " (it would outlive this analysis in the worker)");
        }
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        checkPermission(perm);
    }

    @Override
    public void checkAccess(Thread t) {
        if (sandboxed() && !inGroup(t.getThreadGroup()) && t.getThreadGroup() != null) {
            deny("modify the worker's thread " + t.getName());
        }
    }

    @Override
    public void checkAccess(ThreadGroup g) {
        if (sandboxed() && !inGroup(g) && isAncestorOfSandbox(g)) {
            deny("modify the worker's thread group " + g.getName());
        }
    }

    /** The worker's own groups are the sandbox's ancestors; other groups (the JDK's innocuous ones) are left alone. */
    private boolean isAncestorOfSandbox(ThreadGroup g) {
        for (ThreadGroup p = group.getParent(); p != null; p = p.getParent()) {
            if (p == g) {
                return true;
            }
        }
        return false;
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

    private boolean inside(String file) {
        if (file.equals("<<ALL FILES>>")) {
            return false;
        }
        String plain = file.endsWith("/-") || file.endsWith("/*") ? file.substring(0, file.length() - 2) : file;
        try {
            return Path.of(plain).toAbsolutePath().normalize().startsWith(directory);
        } catch (RuntimeException bad) {
            return false;
        }
    }
}
