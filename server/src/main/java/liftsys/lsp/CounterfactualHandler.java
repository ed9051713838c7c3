package liftsys.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import liftsys.analysis.BadQueryException;
import liftsys.analysis.Counterfactual;
import liftsys.analysis.ImpactService;
import liftsys.analysis.ProgressSink;
import liftsys.analysis.StructuralImpact;
import liftsys.text.DocumentSnapshot;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * {@code liftsys/counterfactual} (an addition to the protocol, README): one traced run replayed
 * with the variable at a position changed, modelled by DoWhy and measured by running the code.
 */
final class CounterfactualHandler {
    private final ServerState state;

    CounterfactualHandler(ServerState state) {
        this.state = state;
    }

    record Prepared(ImpactParams.Replay params, DocumentSnapshot snapshot) {
    }

    Prepared prepare(JsonElement raw) {
        ImpactParams.Replay params = ImpactParams.replay(raw);
        try {
            return new Prepared(params, state.impact.snapshot(params.at().uri()));
        } catch (BadQueryException e) {
            throw InvalidParams.of(e.getMessage());
        }
    }

    ExplicitJson handle(Prepared prepared, CancelChecker cancel) {
        ImpactParams.Replay p = prepared.params();
        ProgressReporter progress = state.progressSupported()
                ? ProgressReporter.begin(state.client(), p.at().workDoneToken(), "liftsys: replaying a run") : null;
        try {
            ImpactService.CounterfactualAnswer answer = state.impact.counterfactual(prepared.snapshot(),
                    p.at().position(), p.run(), p.change(), state.settings.get(), ProgressReporter.cancelCheck(cancel, progress), progress == null ? ProgressSink.NONE : progress);
            cancel.checkCanceled();
            return new ExplicitJson(json(answer));
        } catch (BadQueryException e) {
            throw InvalidParams.of(e.getMessage());
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
    }

    static JsonObject json(ImpactService.CounterfactualAnswer answer) {
        StructuralImpact s = answer.impact();
        JsonObject out = ProtocolJson.header(s);
        out.add("subject", ProtocolJson.variable(s.subject()));
        Counterfactual c = answer.answer().counterfactual();
        List<String> notes = new ArrayList<>();
        if (c == null) {
            out.add("run", JsonNull.INSTANCE);
            out.add("entries", new JsonArray());
            out.add("notes", new JsonArray());
            out.add("degraded", ProtocolJson.degraded(answer.answer().degradation()));
            return out;
        }
        out.addProperty("run", c.run());
        out.addProperty("change", c.change());
        JsonObject inputs = new JsonObject();
        c.inputs().forEach((name, v) -> WireNumbers.put(inputs, name, v, notes, "the recorded " + name));
        out.add("inputs", inputs);
        JsonArray entries = new JsonArray();
        for (Counterfactual.Entry e : c.entries()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", e.entry().name());
            o.addProperty("kind", e.entry().kind().wireName());
            o.add("range", ProtocolJson.range(e.entry().range()));
            WireNumbers.put(o, "factual", e.factual(), notes, "the recorded " + e.entry().name());
            nullable(o, "counterfactual", e.modelled(), notes, "DoWhy's " + e.entry().name());
            if (e.modelled() != null) {
                JsonObject change = new JsonObject();
                WireNumbers.put(change, "value", e.modelled() - e.factual(), notes, "the change of " + e.entry().name());
                nullable(change, "low", e.low(), notes, "the low end of the change of " + e.entry().name());
                nullable(change, "high", e.high(), notes, "the high end of the change of " + e.entry().name());
                change.addProperty("level", c.level());
                o.add("change", change);
            } else {
                o.add("change", JsonNull.INSTANCE);
            }
            nullable(o, "measured", e.measured(), notes, "the measured " + e.entry().name());
            entries.add(o);
        }
        out.add("entries", entries);
        out.addProperty("available", c.unavailable() == null);
        out.addProperty("unavailable", c.unavailable());
        out.addProperty("unmeasured", c.unmeasured());
        out.addProperty("unreliable", !c.reasons().isEmpty());
        out.add("reasons", ProtocolJson.reasons(c.reasons()));
        JsonArray written = new JsonArray();
        notes.forEach(written::add);
        out.add("notes", written);
        out.add("degraded", JsonNull.INSTANCE);
        return out;
    }

    private static void nullable(JsonObject o, String key, Double v, List<String> notes, String what) {
        if (v == null) {
            o.add(key, JsonNull.INSTANCE);
        } else {
            WireNumbers.put(o, key, v, notes, what);
        }
    }
}
