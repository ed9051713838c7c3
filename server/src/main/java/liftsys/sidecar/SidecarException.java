package liftsys.sidecar;

/**
 * The sidecar could not answer: the quantitative part degrades with {@link #reason()}. These
 * failures count toward the circuit breaker; a rejected request ({@link SidecarRejectedException})
 * does not.
 */
public final class SidecarException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SidecarFailure reason;
    private final boolean duringStart;

    public SidecarException(SidecarFailure reason, String message) {
        this(reason, message, null, false);
    }

    public SidecarException(SidecarFailure reason, String message, Throwable cause) {
        this(reason, message, cause, false);
    }

    /** {@code duringStart}: the process was still starting (it had not said hello) when the call gave up. */
    public SidecarException(SidecarFailure reason, String message, Throwable cause, boolean duringStart) {
        super(message, cause);
        this.reason = reason;
        this.duringStart = duringStart;
    }

    public SidecarFailure reason() {
        return reason;
    }

    /**
     * Whether the process was still starting: a {@link SidecarFailure#TIMEOUT} then means it did not come up
     * in time (stopped, starved, or slow), not that a request was too big for the budget.
     */
    public boolean duringStart() {
        return duringStart;
    }
}
