package liftsys.lsp;

import java.util.List;
import java.util.function.Consumer;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * What happens to one incoming frame, in order: the JSON-RPC envelope, the LSP lifecycle, the
 * params, then LSP4J's dispatch. Every request that is refused on the way gets a JSON-RPC error
 * with its id (or a null id when it has none we can use); every refused notification is logged
 * and dropped. Nothing thrown here or by a handler ends the reading loop. Used by the one thread
 * that reads messages.
 */
final class IncomingMessages {
    private final ParamsCheck params;
    private final Lifecycle lifecycle;
    private final MessageIssueHandler answers;
    private final Consumer<String> warn;

    /**
     * {@code answers} sends error responses (LSP4J's remote endpoint does, through the same
     * writer as every other response); {@code warn} reaches the client's log and stderr.
     */
    IncomingMessages(MessageJsonHandler json, Lifecycle lifecycle, MessageIssueHandler answers, Consumer<String> warn) {
        this.params = new ParamsCheck(json);
        this.lifecycle = lifecycle;
        this.answers = answers;
        this.warn = warn;
    }

    void accept(String frame, MessageConsumer dispatch) {
        Envelope.Read read = Envelope.read(frame);
        if (read.refusal() != null) {
            Envelope.Refusal r = read.refusal();
            if (r.notification()) {
                warn.accept("ignored " + (r.method() == null ? "a message" : r.method()) + ": " + r.message());
            } else {
                System.err.println("[liftsys] refused a message: " + r.message());
                answer(r.id(), r.method(), r.code(), r.message());
            }
            return;
        }
        Envelope envelope = read.envelope();
        boolean request = envelope.kind() == Envelope.Kind.REQUEST;
        if (envelope.kind() != Envelope.Kind.RESPONSE) {
            Lifecycle.Admission admission = lifecycle.admit(envelope.method(), request);
            if (!admission.admitted()) {
                if (request) {
                    answer(envelope.id(), envelope.method(), admission.code(), admission.message());
                } else {
                    System.err.println("[liftsys] dropped " + envelope.method() + ": " + admission.message());
                }
                return;
            }
        }
        ParamsCheck.Checked checked = params.check(envelope, frame);
        if (checked.problem() != null) {
            String message = "invalid params for " + envelope.method() + ": " + checked.problem();
            if (request) {
                answer(envelope.id(), envelope.method(), ResponseErrorCode.InvalidParams.getValue(), message);
            } else {
                warn.accept("ignored " + (envelope.method() == null ? "a response" : envelope.method()) + ": "
                        + checked.problem());
            }
            return;
        }
        lifecycle.handled(envelope.method(), request);
        try {
            dispatch.consume(checked.message());
        } catch (RuntimeException | StackOverflowError e) {
            // LSP4J has answered a request already when its handler threw; a notification's
            // failure is the handler's to log. Either way the next message must still be read.
            warn.accept((envelope.method() == null ? "a response" : envelope.method()) + " failed: " + e);
            e.printStackTrace(System.err);
        }
    }

    private void answer(Either<String, Number> id, String method, int code, String message) {
        RequestMessage request = new RequestMessage();
        request.setRawId(id);
        request.setMethod(method);
        answers.handle(request, List.of(new MessageIssue(message, code)));
    }
}
