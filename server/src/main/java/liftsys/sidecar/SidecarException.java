package liftsys.sidecar;

/**
 * The sidecar could not answer: the quantitative part degrades with {@link #reason()}. These
 * failures count toward the circuit breaker; a rejected request ({@link SidecarRejectedException})
 * does not.
 */
public final class SidecarException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public SidecarException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SidecarException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
