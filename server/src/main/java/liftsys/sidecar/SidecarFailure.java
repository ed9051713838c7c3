package liftsys.sidecar;

/**
 * Why a sidecar call gave no answer. The wire names are the protocol's {@code degraded.reason}
 * values, so the analysis layer can pass them through unchanged.
 */
public enum SidecarFailure {
    /** No interpreter, DoWhy does not import, or the process died, exited at once or wrote garbage. */
    SIDECAR_UNAVAILABLE("sidecar-unavailable"),
    /** No answer within the caller's budget; a process that was asked and did not answer is killed. */
    TIMEOUT("timeout"),
    /** The sidecar failed repeatedly; calls are refused at once until the cooldown has passed. */
    CIRCUIT_OPEN("circuit-open");

    private final String wireName;

    SidecarFailure(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
