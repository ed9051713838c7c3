package liftsys.sidecar;

/**
 * The sidecar is healthy and answered, but with an error: the request was bad (for example a
 * target that is not downstream, or data it cannot fit). Not a sidecar failure, so it does not
 * count toward the circuit breaker.
 */
public final class SidecarRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The protocol's error codes. */
    public enum Code {
        BAD_REQUEST("bad-request"),
        UNKNOWN_METHOD("unknown-method"),
        UNKNOWN_MODEL("unknown-model"),
        INTERNAL("internal");

        private final String wireName;

        Code(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Code fromWire(Object name) {
            for (Code code : values()) {
                if (code.wireName.equals(name)) {
                    return code;
                }
            }
            return INTERNAL;
        }
    }

    private final Code code;

    public SidecarRejectedException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
