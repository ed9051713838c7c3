package liftsys.analysis;

/**
 * Why the quantitative part of an answer could not be had, and what the user can do about it.
 * The reasons' wire names are the protocol's.
 */
public record Degradation(Reason reason, String message) {

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
