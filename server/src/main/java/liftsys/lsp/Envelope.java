package liftsys.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * The JSON-RPC envelope of one incoming frame: its id, method and whether it is a request, a
 * notification or a response, checked before LSP4J converts anything. LSP4J's own reader throws
 * on an id of the wrong type, a non-string method or params it cannot unwrap without saying which
 * request failed; reading the envelope first lets every request be answered with its own id.
 * {@code params} is null when absent or JSON null. LSP4J parses the frame's text again to convert
 * it: Gson's tree reader would truncate 1.5 to 1 where its stream reader refuses it.
 */
record Envelope(Kind kind, Either<String, Number> id, String method, JsonElement params) {

    enum Kind { REQUEST, NOTIFICATION, RESPONSE }

    /**
     * Why a frame is not a usable message, with the id to answer (null when it has none we can
     * use); {@code notification} when nothing is to be answered, only logged.
     */
    record Refusal(int code, String message, Either<String, Number> id, String method, boolean notification) {
    }

    /** The result of reading a frame: an envelope, or the refusal to send (or log, for a notification). */
    record Read(Envelope envelope, Refusal refusal) {
    }

    static Read read(String frame) {
        JsonElement json;
        try {
            json = JsonParser.parseString(frame);
        } catch (JsonParseException | StackOverflowError e) {
            return refused(ResponseErrorCode.ParseError, "the message is not valid JSON: " + shortMessage(e), null,
                    null, false);
        }
        if (json.isJsonArray()) {
            return refused(ResponseErrorCode.InvalidRequest,
                    "batches are not supported: send each message in its own frame", null, null, false);
        }
        if (!json.isJsonObject()) {
            return refused(ResponseErrorCode.InvalidRequest, "a message must be a JSON object, not " + abbreviate(json),
                    null, null, false);
        }
        JsonObject o = json.getAsJsonObject();
        boolean hasId = o.has("id") && !o.get("id").isJsonNull();
        Either<String, Number> id = hasId ? id(o.get("id")) : null;
        boolean hasMethod = o.has("method");
        boolean notification = hasMethod && !o.has("id");
        String method = hasMethod && isString(o.get("method")) ? o.get("method").getAsString() : null;
        if (o.has("id") && id == null && (hasId || hasMethod)) {
            return refused(ResponseErrorCode.InvalidRequest, "id must be an integer or a string, not "
                    + abbreviate(o.get("id")), null, method, false);
        }
        if (!o.has("jsonrpc") || !isString(o.get("jsonrpc")) || !"2.0".equals(o.get("jsonrpc").getAsString())) {
            return refused(ResponseErrorCode.InvalidRequest, "jsonrpc must be \"2.0\", not "
                    + (o.has("jsonrpc") ? abbreviate(o.get("jsonrpc")) : "missing"), id, method, notification);
        }
        if (hasMethod && method == null) {
            return refused(ResponseErrorCode.InvalidRequest, "method must be a string, not "
                    + abbreviate(o.get("method")), id, null, notification);
        }
        if (!hasMethod) {
            if (o.has("result") || o.has("error")) {
                // A response: to one of ours when it has an id; one without can only be logged.
                return hasId ? new Read(new Envelope(Kind.RESPONSE, id, null, null), null)
                        : refused(ResponseErrorCode.InvalidRequest, "a response without an id", null, null, true);
            }
            return refused(ResponseErrorCode.InvalidRequest,
                    "a message needs a method (or, as a response, an id and a result or an error)", id, null, false);
        }
        JsonElement params = o.has("params") && !o.get("params").isJsonNull() ? o.get("params") : null;
        return new Read(new Envelope(hasId ? Kind.REQUEST : Kind.NOTIFICATION, id, method, params), null);
    }

    /** An LSP id: a string, or an integer that fits LSP's {@code integer} (LSP4J reads it as an int). */
    private static Either<String, Number> id(JsonElement e) {
        if (!e.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isString()) {
            return Either.forLeft(p.getAsString());
        }
        if (p.isNumber()) {
            try {
                return Either.forRight(p.getAsBigDecimal().intValueExact());
            } catch (ArithmeticException | NumberFormatException notAnInt) {
                return null;
            }
        }
        return null;
    }

    private static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    private static Read refused(ResponseErrorCode code, String message, Either<String, Number> id, String method,
                                boolean notification) {
        return new Read(null, new Refusal(code.getValue(), message, id, method, notification));
    }

    /** A value as the user sent it, cut short so a message stays one line. */
    static String abbreviate(JsonElement e) {
        String text = e.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /**
     * Gson's message without its troubleshooting link: the first in the chain of causes that names
     * a path in the JSON (wrappers add it), else the innermost.
     */
    static String shortMessage(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "it nests too deeply";
        }
        Throwable chosen = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            chosen = t;
            if (t.getMessage() != null && t.getMessage().contains("path $")) {
                break;
            }
        }
        String message = chosen.getMessage() == null ? chosen.getClass().getSimpleName() : chosen.getMessage();
        int link = message.indexOf("\nSee https://");
        return (link >= 0 ? message.substring(0, link) : message).replace('\n', ' ').trim();
    }
}
