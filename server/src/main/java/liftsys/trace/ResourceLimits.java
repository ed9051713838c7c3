package liftsys.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The operating system's resource limits on a worker JVM (setrlimit, applied by util-linux's
 * {@code prlimit} just before it runs the JVM), so that what the heap cap cannot see is bounded
 * too: native memory ({@code Unsafe.allocateMemory}, direct buffers, thread stacks), CPU time
 * (a worker orphaned against all odds stops by itself), the size of any file it writes, and
 * core dumps.
 *
 * @param addressSpaceBytes RLIMIT_AS: the whole virtual address space. The JVM reserves more than
 *     it uses (heap, code cache, class space, a stack per thread, malloc arenas), so this is the
 *     heap plus {@link #NATIVE_HEADROOM_MB}, with the reservations made small by the worker's JVM
 *     options and {@code MALLOC_ARENA_MAX}. It also bounds the number of threads, one stack each.
 * @param cpuSeconds RLIMIT_CPU: CPU time over the worker's life; it asks to be replaced at half
 * @param fileSizeBytes RLIMIT_FSIZE: the largest file the worker may write (HotSpot ignores
 *     SIGXFSZ, so a larger write fails with an IOException in the traced code)
 * @param processes RLIMIT_NPROC: tasks (threads included) of the worker's user. Linux counts
 *     them per user namespace, so it is set only inside bubblewrap's own namespace (outside one
 *     it would count every process of the user); Linux exempts root from it altogether
 */
record ResourceLimits(long addressSpaceBytes, long cpuSeconds, long fileSizeBytes, int processes) {
    /** Address space beyond the heap: about 450 MB is reserved by a worker with javac loaded. */
    static final long NATIVE_HEADROOM_MB = 1024;

    static ResourceLimits forHeap(int maxHeapMb) {
        return new ResourceLimits((maxHeapMb + NATIVE_HEADROOM_MB) << 20, 600, 64L << 20, 256);
    }

    /** {@code prlimit} options; {@code withProcesses} only inside a user namespace of the worker's own. */
    List<String> prlimitOptions(boolean withProcesses) {
        List<String> options = new ArrayList<>(List.of("--as=" + addressSpaceBytes, "--cpu=" + cpuSeconds,
                "--fsize=" + fileSizeBytes, "--core=0"));
        if (withProcesses) {
            options.add("--nproc=" + processes);
        }
        return options;
    }
}
