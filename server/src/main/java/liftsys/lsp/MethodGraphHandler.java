package liftsys.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import liftsys.analysis.BadQueryException;
import liftsys.analysis.MethodGraphView;

/**
 * {@code liftsys/methodGraph} (an addition to the protocol): the whole dependence graph of the
 * method at a position, for editors that draw it.
 */
final class MethodGraphHandler {
    private final ServerState state;

    MethodGraphHandler(ServerState state) {
        this.state = state;
    }

    ExplicitJson handle(JsonElement raw) {
        ImpactParams.Located params = ImpactParams.located(raw);
        try {
            MethodGraphView view = state.impact.methodGraph(params.uri(), params.position());
            return new ExplicitJson(json(view));
        } catch (BadQueryException e) {
            throw InvalidParams.of(e.getMessage());
        }
    }

    static JsonObject json(MethodGraphView view) {
        JsonObject out = new JsonObject();
        out.addProperty("uri", view.uri());
        out.addProperty("version", view.version());
        JsonObject method = new JsonObject();
        method.addProperty("name", view.methodName());
        method.add("range", ProtocolJson.range(view.methodRange()));
        method.add("nameRange", ProtocolJson.range(view.methodNameRange()));
        out.add("method", method);
        JsonArray nodes = new JsonArray();
        for (MethodGraphView.Node n : view.nodes()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", n.id());
            o.addProperty("variable", n.variableId());
            o.addProperty("name", n.name());
            o.addProperty("kind", n.kind());
            o.add("range", ProtocolJson.range(n.range()));
            o.add("declaration", ProtocolJson.range(n.declaration()));
            o.addProperty("loopSummary", n.loopSummary());
            nodes.add(o);
        }
        out.add("nodes", nodes);
        JsonArray edges = new JsonArray();
        for (MethodGraphView.Edge e : view.edges()) {
            JsonObject o = new JsonObject();
            o.addProperty("from", e.from());
            o.addProperty("to", e.to());
            o.addProperty("kind", e.kind());
            edges.add(o);
        }
        out.add("edges", edges);
        return out;
    }
}
