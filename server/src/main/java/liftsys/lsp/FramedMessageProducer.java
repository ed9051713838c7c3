package liftsys.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer;

/**
 * LSP4J's reader of {@code Content-Length} frames, changed in one place: a frame's body is read
 * whole before anything parses it. LSP4J parses straight from the stream and, when parsing throws
 * halfway (params it cannot unwrap, an id of the wrong type, an unknown charset), leaves the rest
 * of the body in the stream, where it is read as the next headers: every later message then fails
 * with "Missing header Content-Length". Reading the whole body first keeps the framing whatever the
 * body holds; {@link IncomingMessages} then answers or logs what is wrong with it.
 */
final class FramedMessageProducer extends StreamMessageProducer {
    /** Larger bodies are skipped unread (a client bug, or an attack on the heap). */
    static final int MAX_BODY_BYTES = 64 << 20;

    private final IncomingMessages incoming;
    private final Consumer<String> warn;
    private MessageConsumer dispatch;

    FramedMessageProducer(InputStream input, MessageJsonHandler json, IncomingMessages incoming, Consumer<String> warn) {
        super(input, json);
        this.incoming = incoming;
        this.warn = warn;
    }

    @Override
    public void listen(MessageConsumer callback) {
        this.dispatch = callback;
        super.listen(callback);
    }

    @Override
    protected boolean handleMessage(InputStream input, Headers headers) {
        try {
            if (headers.contentLength > MAX_BODY_BYTES) {
                input.skipNBytes(headers.contentLength);
                warn.accept("skipped a message of " + headers.contentLength + " bytes: more than "
                        + MAX_BODY_BYTES + " bytes");
                return true;
            }
            byte[] body = input.readNBytes(headers.contentLength);
            if (body.length < headers.contentLength) {
                return false;
            }
            incoming.accept(new String(body, charset(headers.charset)), dispatch);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            warn.accept("unknown charset " + name + " in Content-Type; the message is read as UTF-8");
            return StandardCharsets.UTF_8;
        }
    }
}
