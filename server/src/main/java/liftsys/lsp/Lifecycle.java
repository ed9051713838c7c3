package liftsys.lsp;

import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * The LSP lifecycle as the server sees it: before {@code initialize} requests are refused with
 * ServerNotInitialized (-32002) and notifications are dropped (but {@code exit}); {@code initialize}
 * is accepted once; after {@code shutdown} every request is refused with InvalidRequest (-32600)
 * and only {@code exit} is handled. Used by the thread that reads messages, in their order.
 */
final class Lifecycle {
    enum Phase { WAITING_FOR_INITIALIZE, RUNNING, SHUT_DOWN }

    /** What to do with one message: hand it on, or refuse it with a code and a message. */
    record Admission(boolean admitted, int code, String message) {
        static final Admission ADMIT = new Admission(true, 0, null);

        static Admission refuse(ResponseErrorCode code, String message) {
            return new Admission(false, code.getValue(), message);
        }
    }

    private volatile Phase phase = Phase.WAITING_FOR_INITIALIZE;

    Phase phase() {
        return phase;
    }

    /** Decides about a request or notification; the phase moves on only when it is {@link #handled}. */
    Admission admit(String method, boolean request) {
        if ("exit".equals(method) && !request) {
            return Admission.ADMIT;
        }
        switch (phase) {
            case WAITING_FOR_INITIALIZE -> {
                if (request && "initialize".equals(method)) {
                    return Admission.ADMIT;
                }
                return Admission.refuse(ResponseErrorCode.ServerNotInitialized,
                        "the server is not initialized yet: send initialize first (" + method + " was refused)");
            }
            case RUNNING -> {
                if ("initialize".equals(method)) {
                    return Admission.refuse(ResponseErrorCode.InvalidRequest,
                            "initialize was already received: a server is initialized once per connection");
                }
                return Admission.ADMIT;
            }
            default -> {
                return Admission.refuse(ResponseErrorCode.InvalidRequest,
                        "the server is shutting down: only exit is accepted after shutdown (" + method
                                + " was refused)");
            }
        }
    }

    /** An admitted message whose params were usable is handed to its handler: move the phase on. */
    void handled(String method, boolean request) {
        if (request && "initialize".equals(method) && phase == Phase.WAITING_FOR_INITIALIZE) {
            phase = Phase.RUNNING;
        } else if (request && "shutdown".equals(method) && phase == Phase.RUNNING) {
            phase = Phase.SHUT_DOWN;
        }
    }
}
