package liftsys.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import liftsys.analysis.Direction;
import liftsys.analysis.Intervention;
import liftsys.text.Position;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * The validated params of {@code liftsys/causalImpact}. Parsing says exactly which field is
 * missing or of the wrong type, as a -32602 error.
 */
record ImpactParams(String uri, Position position, Direction direction, boolean quantify,
                    Intervention intervention, Either<String, Integer> workDoneToken) {

    static ImpactParams parse(JsonElement params) {
        JsonObject o = object(params, "params");
        JsonObject document = object(o.get("textDocument"), "textDocument");
        String uri = string(document.get("uri"), "textDocument.uri");
        Position position = position(o.get("position"), "position");
        Direction direction = Direction.DOWNSTREAM;
        if (present(o.get("direction"))) {
            String d = string(o.get("direction"), "direction");
            direction = Direction.fromWire(d);
            if (direction == null) {
                throw InvalidParams.of("direction must be \"downstream\", \"upstream\" or \"both\", not \"" + d + "\"");
            }
        }
        boolean quantify = !present(o.get("quantify")) || bool(o.get("quantify"), "quantify");
        Intervention intervention = present(o.get("intervention"))
                ? intervention(o.get("intervention")) : Intervention.shiftBy(1.0);
        return new ImpactParams(uri, position, direction, quantify, intervention, token(o.get("workDoneToken")));
    }

    /** A document and a position (and a progress token), as requests that need no more take them. */
    record Located(String uri, Position position, Either<String, Integer> workDoneToken) {
    }

    static Located located(JsonElement params) {
        JsonObject o = object(params, "params");
        JsonObject document = object(o.get("textDocument"), "textDocument");
        return new Located(string(document.get("uri"), "textDocument.uri"), position(o.get("position"), "position"),
                token(o.get("workDoneToken")));
    }

    /**
     * {@code liftsys/counterfactual}'s params: where, which traced run ({@code run}, default 0),
     * and the change: {@code { "set": { "to": v } }} (booleans as true/false) or {@code { "shift": d }}.
     */
    record Replay(Located at, int run, Intervention change) {
    }

    static Replay replay(JsonElement params) {
        Located at = located(params);
        JsonObject o = params.getAsJsonObject();
        int run = present(o.get("run")) ? integer(o.get("run"), "run") : 0;
        JsonObject change = object(o.get("intervention"), "intervention");
        if (present(change.get("shift"))) {
            return new Replay(at, run, Intervention.shiftBy(number(change.get("shift"), "intervention.shift")));
        }
        if (present(change.get("set"))) {
            JsonObject set = object(change.get("set"), "intervention.set");
            double to = numberOrBoolean(set.get("to"), "intervention.set.to");
            return new Replay(at, run, Intervention.set(to, to));
        }
        throw InvalidParams.of("intervention must be { \"shift\": d } or { \"set\": { \"to\": v } }");
    }

    private static Either<String, Integer> token(JsonElement e) {
        if (!present(e)) {
            return null;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return Either.forLeft(e.getAsString());
        }
        return Either.forRight(integer(e, "workDoneToken"));
    }

    static Position position(JsonElement e, String name) {
        JsonObject p = object(e, name);
        int line = integer(p.get("line"), name + ".line");
        int character = integer(p.get("character"), name + ".character");
        return new Position(line, character);
    }

    private static Intervention intervention(JsonElement e) {
        JsonObject o = object(e, "intervention");
        if (present(o.get("shift"))) {
            return Intervention.shiftBy(number(o.get("shift"), "intervention.shift"));
        }
        if (present(o.get("set"))) {
            JsonObject set = object(o.get("set"), "intervention.set");
            boolean fromText = isString(set.get("from"));
            boolean toText = isString(set.get("to"));
            if (fromText || toText) {
                if (!(fromText && toText)) {
                    throw InvalidParams.of("intervention.set.from and intervention.set.to must both be strings, or "
                            + "both numbers or booleans");
                }
                return Intervention.setText(set.get("from").getAsString(), set.get("to").getAsString());
            }
            return Intervention.set(numberOrBoolean(set.get("from"), "intervention.set.from"),
                    numberOrBoolean(set.get("to"), "intervention.set.to"));
        }
        throw InvalidParams.of("intervention must be { \"shift\": d } or { \"set\": { \"from\": a, \"to\": b } }");
    }

    private static boolean isString(JsonElement e) {
        return present(e) && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    private static boolean present(JsonElement e) {
        return e != null && !e.isJsonNull();
    }

    private static JsonObject object(JsonElement e, String name) {
        if (!present(e)) {
            throw InvalidParams.of(name + " is missing");
        }
        if (!e.isJsonObject()) {
            throw InvalidParams.of(name + " must be an object");
        }
        return e.getAsJsonObject();
    }

    private static String string(JsonElement e, String name) {
        if (!present(e)) {
            throw InvalidParams.of(name + " is missing");
        }
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString())) {
            throw InvalidParams.of(name + " must be a string");
        }
        return e.getAsString();
    }

    private static boolean bool(JsonElement e, String name) {
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean())) {
            throw InvalidParams.of(name + " must be a boolean");
        }
        return e.getAsBoolean();
    }

    private static double number(JsonElement e, String name) {
        if (!present(e)) {
            throw InvalidParams.of(name + " is missing");
        }
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber())) {
            throw InvalidParams.of(name + " must be a number");
        }
        return e.getAsDouble();
    }

    private static double numberOrBoolean(JsonElement e, String name) {
        if (present(e) && e.isJsonPrimitive() && ((JsonPrimitive) e).isBoolean()) {
            return e.getAsBoolean() ? 1.0 : 0.0;
        }
        return number(e, name);
    }

    private static int integer(JsonElement e, String name) {
        double d = number(e, name);
        if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
            throw InvalidParams.of(name + " must be a non-negative integer, not " + e);
        }
        return (int) d;
    }
}
