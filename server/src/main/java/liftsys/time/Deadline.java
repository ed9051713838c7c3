package liftsys.time;

import java.time.Duration;
import java.util.Objects;

/**
 * The time one request may take, made once when it starts and handed down through every phase
 * (tracing, fitting, querying, checking), so each phase gets what is left of the same budget
 * instead of re-deriving it. Immutable; measured on {@link System#nanoTime()}.
 *
 * @param startNanos {@code System.nanoTime()} when the request started
 * @param budget the whole budget, not negative
 */
public record Deadline(long startNanos, Duration budget) {
    public Deadline {
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative()) {
            throw new IllegalArgumentException("a budget cannot be negative: " + budget);
        }
    }

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime(), budget);
    }

    /** What is left, zero once past. */
    public Duration remaining() {
        long left = remainingNanos();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** What is left in nanoseconds, negative once past. */
    public long remainingNanos() {
        return endNanos() - System.nanoTime();
    }

    public boolean expired() {
        return remainingNanos() <= 0;
    }

    /** The {@code System.nanoTime()} at which it passes. */
    public long endNanos() {
        return startNanos + budget.toNanos();
    }

    public long budgetMillis() {
        return budget.toMillis();
    }
}
