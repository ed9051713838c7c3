package liftsys.trace;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watches one trace's cancellation ({@link TraceRequest#cancelled}) from the time it asks for a
 * worker to the time it has its reply, and kills the worker the moment it fires, whether the
 * worker is starting or running the batch, rather than let it spin to the deadline. Polled every
 * {@link #POLL_MILLIS} ms on the tracer's scheduler; a supplier that throws a
 * {@link CancellationException} (as a cancel checker does) counts as cancelled. Thread-safe.
 */
final class CancelWatch implements Runnable, AutoCloseable {
    static final long POLL_MILLIS = 50;

    private final BooleanSupplier cancelled;
    private final ScheduledFuture<?> poll;
    private volatile WorkerProcess worker;
    private volatile boolean fired;

    private CancelWatch(BooleanSupplier cancelled, ScheduledExecutorService scheduler) {
        this.cancelled = cancelled;
        this.poll = scheduler.scheduleWithFixedDelay(this, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    static CancelWatch start(BooleanSupplier cancelled, ScheduledExecutorService scheduler) {
        return new CancelWatch(cancelled, scheduler);
    }

    /** The worker to kill on cancellation from now on (killed at once if it already fired). */
    void watch(WorkerProcess w) {
        worker = w;
        if (fired) {
            w.kill();
        }
    }

    /** Whether the cancellation fired (and the watched worker, if any, was killed). */
    boolean fired() {
        return fired;
    }

    @Override
    public void run() {
        if (fired || !ask()) {
            return;
        }
        fired = true;
        WorkerProcess w = worker;
        if (w != null) {
            w.kill();
        }
    }

    private boolean ask() {
        try {
            return cancelled.getAsBoolean();
        } catch (CancellationException e) {
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        poll.cancel(false);
    }
}
