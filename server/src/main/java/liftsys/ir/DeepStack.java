package liftsys.ir;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs parse and graph work on threads with a large stack. JavaParser's parser and the visitors
 * over its trees recurse once or more per level of nesting: 5,000 nested parentheses need about
 * 16 MB of stack and 10,000 nested ifs about 64 MB (measured, javaparser-core 3.28.2), where a
 * request thread has 1-4 MB. A thread's stack is reserved address space, committed only as deep
 * as it is used, and idle threads end after a while, so a large stack costs nothing until a deep
 * method arrives. A call from a thread of this pool runs in place. Thread-safe.
 */
public final class DeepStack {
    /**
     * Stack of each thread; with {@link SourceScanner#MAX_NESTING} this leaves a wide margin. The
     * property exists so a test can make a member overflow it without generating gigabytes.
     */
    static final long STACK_BYTES = Long.getLong("liftsys.parseStackBytes", 256L << 20);

    private static final ThreadGroup GROUP = new ThreadGroup("liftsys-deep-stack");
    private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread t = new Thread(GROUP, runnable, "liftsys-parse", STACK_BYTES);
                t.setDaemon(true);
                return t;
            });

    private DeepStack() {
    }

    /**
     * The work's result, computed on a large stack. Its exceptions and errors (a
     * StackOverflowError when even this stack is too small) reach the caller as they were thrown.
     */
    public static <T> T call(Supplier<T> work) {
        if (Thread.currentThread().getThreadGroup() == GROUP) {
            return work.get();
        }
        Future<T> result = POOL.submit(work::get);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    // The work is bounded (SourceScanner.MAX_NESTING keeps it to a fraction of a
                    // second) and owns nothing of the caller: finish it, then restore the interrupt.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
