package liftsys.sidecar;

/** Text that is not one well-formed JSON value; the message says what and at which offset. */
public final class MalformedJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedJsonException(String message) {
        super(message);
    }
}
