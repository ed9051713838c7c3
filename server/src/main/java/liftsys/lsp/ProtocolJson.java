package liftsys.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import liftsys.analysis.Degradation;
import liftsys.analysis.ImpactAnswer;
import liftsys.analysis.ImpactEntry;
import liftsys.analysis.ModelSummary;
import liftsys.analysis.ObservedEffect;
import liftsys.analysis.QuantEffect;
import liftsys.analysis.StructuralImpact;
import liftsys.text.Position;
import liftsys.text.TextRange;

/** The protocol's JSON for an answer (protocol.md, {@code liftsys/causalImpact} result). */
public final class ProtocolJson {
    private ProtocolJson() {
    }

    public static JsonObject answer(ImpactAnswer answer) {
        StructuralImpact s = answer.structural();
        JsonObject out = new JsonObject();
        out.addProperty("uri", s.uri());
        out.addProperty("version", s.version());
        JsonObject method = new JsonObject();
        method.addProperty("name", s.methodName());
        method.add("range", range(s.methodRange()));
        method.add("nameRange", range(s.methodNameRange()));
        out.add("method", method);
        JsonObject subject = new JsonObject();
        subject.addProperty("name", s.subject().name());
        subject.addProperty("kind", s.subject().kind().wireName());
        subject.add("range", range(s.subject().range()));
        if (s.subject().isMethod()) {
            subject.addProperty("isMethod", true);
        }
        out.add("subject", subject);
        Map<String, QuantEffect> effects = answer.quantitative() == null ? Map.of() : answer.quantitative().effects();
        Map<String, String> measures = answer.quantitative() == null ? Map.of() : answer.quantitative().measures();
        out.add("downstream", entries(s.downstream(), effects, measures));
        out.add("upstream", entries(s.upstream(), Map.of(), Map.of()));
        out.add("model", model(answer));
        out.add("degraded", degraded(answer.degradation()));
        return out;
    }

    private static JsonObject model(ImpactAnswer answer) {
        JsonObject model = new JsonObject();
        model.addProperty("status", !answer.quantifyAsked() ? "structural"
                : answer.degradation() != null ? "degraded" : "fitted");
        ModelSummary m = answer.quantitative() == null ? null : answer.quantitative().model();
        if (m == null) {
            model.add("engine", JsonNull.INSTANCE);
            model.addProperty("samples", 0);
            model.addProperty("fitMillis", 0);
            model.addProperty("cached", false);
            model.add("quality", new JsonObject());
            model.addProperty("checked", 0);
            model.addProperty("disagreements", 0);
            model.addProperty("extrapolated", false);
            model.add("notes", new JsonArray());
            return model;
        }
        model.addProperty("engine", m.engine());
        model.addProperty("samples", m.samples());
        model.addProperty("fitMillis", m.fitMillis());
        model.addProperty("cached", m.cached());
        JsonObject quality = new JsonObject();
        m.quality().forEach((name, r2) -> quality.addProperty(name, round(r2)));
        model.add("quality", quality);
        JsonArray unreliable = new JsonArray();
        m.unreliable().forEach(unreliable::add);
        model.add("unreliable", unreliable);
        JsonObject inputs = new JsonObject();
        m.inputs().forEach(inputs::addProperty);
        model.add("inputs", inputs);
        model.addProperty("thrown", m.thrown());
        model.addProperty("checked", m.checked());
        model.addProperty("disagreements", m.disagreements());
        model.addProperty("extrapolated", m.extrapolated());
        JsonArray notes = new JsonArray();
        m.notes().forEach(notes::add);
        model.add("notes", notes);
        return model;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static com.google.gson.JsonElement degraded(Degradation d) {
        if (d == null) {
            return JsonNull.INSTANCE;
        }
        JsonObject out = new JsonObject();
        out.addProperty("reason", d.reason().wireName());
        out.addProperty("message", d.message());
        return out;
    }

    /**
     * The entries; one with an effect on a value that is not a plain number says what the effect
     * measures ({@code measures}: "length", "size", "non-null", ...).
     */
    private static JsonArray entries(List<ImpactEntry> entries, Map<String, QuantEffect> effects,
                                     Map<String, String> measures) {
        JsonArray array = new JsonArray();
        for (ImpactEntry e : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("name", e.name());
            o.addProperty("kind", e.kind().wireName());
            o.add("range", range(e.range()));
            o.addProperty("distance", e.distance());
            JsonArray path = new JsonArray();
            e.path().forEach(path::add);
            o.add("path", path);
            QuantEffect effect = effects.get(e.variableId());
            o.add("effect", effect == null ? JsonNull.INSTANCE : effect(effect));
            if (effect != null && measures.containsKey(e.variableId())) {
                o.addProperty("measures", measures.get(e.variableId()));
            }
            array.add(o);
        }
        return array;
    }

    private static JsonObject effect(QuantEffect e) {
        JsonObject o = new JsonObject();
        o.addProperty("value", round(e.value()));
        o.addProperty("low", round(e.low()));
        o.addProperty("high", round(e.high()));
        o.addProperty("level", e.level());
        if (e.unreliable()) {
            o.addProperty("unreliable", true);
        }
        o.add("observed", e.observed() == null ? JsonNull.INSTANCE : observed(e.observed()));
        if (e.disagrees()) {
            o.addProperty("disagrees", true);
        }
        return o;
    }

    /** The effect measured by running the code with the intervention applied (issue 7, checked effects). */
    private static JsonObject observed(ObservedEffect e) {
        JsonObject o = new JsonObject();
        o.addProperty("value", round(e.value()));
        o.addProperty("low", round(e.low()));
        o.addProperty("high", round(e.high()));
        o.addProperty("level", e.level());
        return o;
    }

    public static JsonObject range(TextRange r) {
        JsonObject o = new JsonObject();
        o.add("start", position(r.start()));
        o.add("end", position(r.end()));
        return o;
    }

    private static JsonObject position(Position p) {
        JsonObject o = new JsonObject();
        o.addProperty("line", p.line());
        o.addProperty("character", p.character());
        return o;
    }
}
