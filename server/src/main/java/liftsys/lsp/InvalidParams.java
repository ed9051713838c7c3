package liftsys.lsp;

import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/** JSON-RPC errors with the codes protocol.md names. */
final class InvalidParams {
    private InvalidParams() {
    }

    static ResponseErrorException of(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }

    static ResponseErrorException internal(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InternalError, message, null));
    }
}
