package liftsys.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Connects a {@link LiftsysServer} to a pair of streams (stdio in production, pipes in tests).
 * LSP4J's launcher is kept; its reader is replaced by {@link FramedMessageProducer}, which hands
 * each frame to {@link IncomingMessages} (envelope, lifecycle, params) before LSP4J dispatches it.
 */
public final class ServerLauncher {
    private ServerLauncher() {
    }

    /** The running connection; {@code listening} ends when the input closes. */
    public record Connection(LiftsysServer server, Future<Void> listening) {
    }

    /** {@code onExit} gets the exit code on the {@code exit} notification: 0 after shutdown, else 1. */
    public static Connection start(InputStream in, OutputStream out, IntConsumer onExit) {
        LiftsysServer server = new LiftsysServer(onExit);
        GuardedBuilder builder = new GuardedBuilder(server);
        builder.setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .setExceptionHandler(ServerLauncher::responseError)
                .configureGson(ExplicitJson::register);
        var launcher = builder.create();
        server.connect(launcher.getRemoteProxy());
        return new Connection(server, launcher.startListening());
    }

    /**
     * A handler's exception as a JSON-RPC error. LSP4J's interfaces implement the methods a
     * server does not provide by throwing UnsupportedOperationException: that is MethodNotFound,
     * not an internal error with a stack trace.
     */
    private static ResponseError responseError(Throwable t) {
        Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null
                ? t.getCause() : t;
        if (cause instanceof UnsupportedOperationException) {
            return new ResponseError(ResponseErrorCode.MethodNotFound, "liftsys does not provide this method", null);
        }
        if (cause instanceof ResponseErrorException e) {
            return e.getResponseError();
        }
        return RemoteEndpoint.DEFAULT_EXCEPTION_HANDLER.apply(t);
    }

    /** LSP4J's builder with the guarded reader in place of its own. */
    private static final class GuardedBuilder extends LSPLauncher.Builder<LanguageClient> {
        private final LiftsysServer server;
        private MessageJsonHandler json;
        private RemoteEndpoint endpoint;

        GuardedBuilder(LiftsysServer server) {
            this.server = server;
        }

        @Override
        protected MessageJsonHandler createJsonHandler() {
            json = super.createJsonHandler();
            return json;
        }

        @Override
        protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
            endpoint = super.createRemoteEndpoint(jsonHandler);
            return endpoint;
        }

        @Override
        protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer reader,
                                                                    MessageConsumer messageConsumer,
                                                                    LanguageClient remoteProxy) {
            IncomingMessages incoming = new IncomingMessages(json, server.lifecycle(), endpoint, server::warn);
            return new ConcurrentMessageProcessor(new FramedMessageProducer(input, json, incoming, server::warn),
                    messageConsumer);
        }
    }
}
