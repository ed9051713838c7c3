package liftsys.analysis;

/**
 * Why the quantitative part of an answer could not be had, and what the user can do about it.
 * The reasons' wire names are the protocol's. {@code fileDoesNotCompile} marks a degradation
 * caused by the document as a whole (a syntax or compile error, maybe in another method), which
 * the first edit that makes the file compile removes.
 */
public record Degradation(Reason reason, String message, boolean fileDoesNotCompile) {

    public Degradation(Reason reason, String message) {
        this(reason, message, false);
    }

    public enum Reason {
        SIDECAR_UNAVAILABLE("sidecar-unavailable"),
        TIMEOUT("timeout"),
        CIRCUIT_OPEN("circuit-open"),
        TRACE_FAILED("trace-failed"),
        UNSUPPORTED("unsupported"),
        EXECUTION_DISABLED("execution-disabled");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
