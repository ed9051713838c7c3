package liftsys.lsp;

import com.google.gson.JsonElement;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.validation.ReflectiveMessageValidator;

/**
 * Checks the params of a request or notification whose envelope is sound, for every method the
 * server registers: their shape (LSP's params are objects), their conversion into LSP4J's types
 * (Gson says which field has the wrong type) and LSP4J's {@code @NonNull} fields (its
 * {@link ReflectiveMessageValidator} says which is missing). The result is the typed message or
 * one sentence saying what is wrong, for a -32602 answer or a log line.
 */
final class ParamsCheck {
    /**
     * Methods whose {@code @NonNull} fields are not enforced: {@code initialize}, whose
     * capabilities real clients fill in partially; its handler copes with any missing field, and
     * refusing a session over an unused capability helps no one. (Methods that take the raw JSON,
     * like {@code liftsys/causalImpact}, check their fields themselves, field by field.)
     */
    private static final Set<String> NOT_VALIDATED = Set.of("initialize");
    private static final Pattern NON_NULL = Pattern.compile("must return a non-null value\\. Path: \\$\\.(\\S+)");
    private static final Pattern GSON_PATH = Pattern.compile("(?: at line \\d+ column \\d+)? (?:at )?path \\$\\.?(\\S*)");
    private static final Pattern EXPECTED = Pattern.compile("Expected ([A-Z_]+) but was ([A-Z_]+)");
    private static final Pattern NOT_AN_INT = Pattern.compile("Expected an? (?:int|long) but was (\\S+)");
    private static final Pattern NOT_A_NUMBER = Pattern.compile("For input string: \"(.*)\"");

    private final MessageJsonHandler json;
    private final ReflectiveMessageValidator validator = new ReflectiveMessageValidator();

    ParamsCheck(MessageJsonHandler json) {
        this.json = json;
    }

    /** The typed message, or why its params are not usable. */
    record Checked(Message message, String problem) {
    }

    Checked check(Envelope envelope, String frame) {
        JsonRpcMethod method = json.getJsonRpcMethod(envelope.method());
        if (method != null) {
            Optional<String> shape = shapeProblem(envelope, method);
            if (shape.isPresent()) {
                return new Checked(null, shape.get());
            }
        }
        Message message;
        try {
            message = json.parseMessage(frame);
        } catch (MessageIssueException e) {
            return new Checked(null, conversionProblem(e.getIssues().isEmpty() || e.getIssues().get(0).getCause() == null
                    ? e : e.getIssues().get(0).getCause()));
        } catch (RuntimeException | StackOverflowError e) {
            return new Checked(null, conversionProblem(e));
        }
        if (method != null && !NOT_VALIDATED.contains(envelope.method())) {
            try {
                validator.consume(message);
            } catch (MessageIssueException e) {
                return new Checked(null, missing(e.getIssues()));
            }
        }
        return new Checked(message, null);
    }

    /**
     * LSP's params are objects; JSON-RPC also allows them by position, which LSP4J takes as an
     * array holding the object. Methods without params take none (or an empty object or array).
     */
    private static Optional<String> shapeProblem(Envelope envelope, JsonRpcMethod method) {
        JsonElement params = envelope.params();
        Type[] types = method.getParameterTypes();
        if (types.length == 0) {
            boolean empty = params == null || params.isJsonObject() && params.getAsJsonObject().size() == 0
                    || params.isJsonArray() && params.getAsJsonArray().isEmpty();
            return empty || "exit".equals(envelope.method()) ? Optional.empty()
                    : Optional.of(envelope.method() + " takes no params, not " + Envelope.abbreviate(params));
        }
        if (params == null) {
            return Optional.of("params is missing: " + envelope.method() + " takes an object");
        }
        boolean object = params.isJsonObject()
                || params.isJsonArray() && params.getAsJsonArray().size() == 1
                && params.getAsJsonArray().get(0).isJsonObject();
        return object ? Optional.empty()
                : Optional.of("params must be an object, not " + Envelope.abbreviate(params));
    }

    /** Gson's complaint, said with the field's path: "params.position.line must be a number, not \"x\"". */
    static String conversionProblem(Throwable e) {
        String message = Envelope.shortMessage(e);
        Matcher path = GSON_PATH.matcher(message);
        boolean located = path.find();
        String where = located ? path.group(1) : "";
        String what = (located ? message.substring(0, path.start()) : message).trim();
        Matcher m;
        if ((m = EXPECTED.matcher(what)).find()) {
            what = "must be " + token(m.group(1)) + ", not " + token(m.group(2));
        } else if ((m = NOT_AN_INT.matcher(what)).find()) {
            what = "must be an integer, not " + m.group(1);
        } else if ((m = NOT_A_NUMBER.matcher(what)).find()) {
            what = "must be a number, not \"" + m.group(1) + "\"";
        } else {
            what = "has the wrong type (" + what + ")";
        }
        return (where.isEmpty() ? "params" : where) + " " + what;
    }

    private static String missing(List<MessageIssue> issues) {
        List<String> out = new ArrayList<>();
        for (MessageIssue issue : issues) {
            Matcher m = NON_NULL.matcher(issue.getText());
            out.add(m.find() ? m.group(1) + " is missing" : issue.getText());
        }
        return String.join("; ", out);
    }

    private static String token(String gsonToken) {
        return switch (gsonToken) {
            case "BEGIN_OBJECT" -> "an object";
            case "BEGIN_ARRAY" -> "an array";
            case "STRING" -> "a string";
            case "NUMBER" -> "a number";
            case "BOOLEAN" -> "a boolean";
            case "NULL" -> "null";
            case "END_ARRAY" -> "the end of the array";
            case "END_OBJECT" -> "the end of the object";
            default -> gsonToken.toLowerCase();
        };
    }
}
