package liftsys.trace;

/**
 * Why a method could not be traced. Failure is data (DESIGN.md invariant 6): the analysis turns
 * the reason into its degraded reason and shows the message to the user, so the message says
 * what happened in the user's terms (the exception, the type that cannot be sampled, ...).
 */
public final class TraceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The protocol's degraded reasons that tracing can produce. */
    public enum Reason {
        /** The document does not compile, the method threw on most inputs, or it broke the sandbox. */
        TRACE_FAILED("trace-failed"),
        /** The deadline passed (an endless loop, or a very slow method); the worker was replaced. */
        TIMEOUT("timeout"),
        /** Something of the method cannot be sampled or run yet (a parameter type, a constructor). */
        UNSUPPORTED("unsupported");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final Reason reason;

    public TraceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason.wireName() + ": " + getMessage();
    }
}
