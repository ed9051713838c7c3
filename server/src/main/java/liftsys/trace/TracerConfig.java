package liftsys.trace;

import java.nio.file.Path;

/**
 * How the tracer starts its worker JVMs.
 *
 * @param javaCommand the {@code java} launcher (default: the server's own runtime)
 * @param maxHeapMb the worker's heap cap ({@code -Xmx}); a traced method that needs more ends its
 *     analysis and the worker is replaced
 * @param maxWorkers how many traces may run at once, one worker JVM each
 * @param tempRoot where the workers' own directories are made (default: {@code java.io.tmpdir})
 * @param sandbox whether traced code runs under the worker's security manager (tests of the
 *     sandbox itself aside, always)
 * @param osSandbox whether workers run inside the operating system's sandbox where it can run
 *     ({@link OsSandbox}); false only to test the fallback, or by {@code -Dliftsys.osSandbox=false}
 */
public record TracerConfig(Path javaCommand, int maxHeapMb, int maxWorkers, Path tempRoot, boolean sandbox,
                           boolean osSandbox) {

    public static TracerConfig defaults() {
        return new TracerConfig(Path.of(System.getProperty("java.home"), "bin", "java"), 256, 2,
                Path.of(System.getProperty("java.io.tmpdir")), true,
                !"false".equals(System.getProperty(OsSandbox.PROPERTY)));
    }

    /** A configuration with the OS sandbox as the {@code liftsys.osSandbox} property says (on by default). */
    public TracerConfig(Path javaCommand, int maxHeapMb, int maxWorkers, Path tempRoot, boolean sandbox) {
        this(javaCommand, maxHeapMb, maxWorkers, tempRoot, sandbox,
                !"false".equals(System.getProperty(OsSandbox.PROPERTY)));
    }

    /** The same configuration with the OS sandbox on (where it can run) or off. */
    public TracerConfig withOsSandbox(boolean on) {
        return new TracerConfig(javaCommand, maxHeapMb, maxWorkers, tempRoot, sandbox, on);
    }

    public TracerConfig {
        if (maxHeapMb < 32) {
            throw new IllegalArgumentException("maxHeapMb below 32: " + maxHeapMb);
        }
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("maxWorkers below 1: " + maxWorkers);
        }
    }
}
