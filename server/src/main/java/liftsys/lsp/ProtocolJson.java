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

/**
 * The protocol's JSON for an answer (protocol.md, {@code liftsys/causalImpact} result). Numbers
 * keep every bit of their double, at any magnitude; JSON has no NaN or infinities, so a number
 * that is not finite is written as {@code null} and a note says so ({@link WireNumbers}).
 */
public final class ProtocolJson {
    private ProtocolJson() {
    }

    public static JsonObject answer(ImpactAnswer answer) {
        StructuralImpact s = answer.structural();
        JsonObject out = header(s);
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

    /** A variable an answer is about: its name, kind, and where it is declared or made. */
    static JsonObject variable(liftsys.analysis.ImpactSubject subject) {
        JsonObject o = new JsonObject();
        o.addProperty("name", subject.name());
        o.addProperty("kind", subject.kind().wireName());
        o.add("range", range(subject.range()));
        return o;
    }

    /** What every answer about a position starts with: the document, its version, the method. */
    static JsonObject header(StructuralImpact s) {
        JsonObject out = new JsonObject();
        out.addProperty("uri", s.uri());
        out.addProperty("version", s.version());
        JsonObject method = new JsonObject();
        method.addProperty("name", s.methodName());
        method.add("range", range(s.methodRange()));
        method.add("nameRange", range(s.methodNameRange()));
        out.add("method", method);
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
        List<String> notes = new java.util.ArrayList<>(m.notes());
        JsonObject quality = new JsonObject();
        m.quality().forEach((name, r2) -> WireNumbers.put(quality, name, r2, notes, "the held-out R² of " + name));
        model.add("quality", quality);
        JsonArray unreliable = new JsonArray();
        m.unreliable().forEach(unreliable::add);
        model.add("unreliable", unreliable);
        JsonObject inputs = new JsonObject();
        m.inputs().forEach(inputs::addProperty);
        model.add("inputs", inputs);
        model.addProperty("thrown", m.thrown());
        if (m.runs() != null) {
            model.add("runs", runs(m.runs()));
        }
        model.addProperty("checked", m.checked());
        model.addProperty("disagreements", m.disagreements());
        model.addProperty("extrapolated", m.extrapolated());
        JsonArray written = new JsonArray();
        notes.forEach(written::add);
        model.add("notes", written);
        return model;
    }

    /** What became of the planned runs: {@code {planned, attempted, completed, kept, threw: {class: n}, nonFinite}}. */
    private static JsonObject runs(liftsys.analysis.RunCounts r) {
        JsonObject runs = new JsonObject();
        runs.addProperty("planned", r.planned());
        runs.addProperty("attempted", r.attempted());
        runs.addProperty("completed", r.completed());
        runs.addProperty("kept", r.kept());
        JsonObject threw = new JsonObject();
        r.threw().forEach(threw::addProperty);
        runs.add("threw", threw);
        runs.addProperty("nonFinite", r.nonFinite());
        return runs;
    }

    static com.google.gson.JsonElement degraded(Degradation d) {
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
            o.add("effect", effect == null || !effect.estimated() ? JsonNull.INSTANCE : effect(effect));
            if (effect != null && !effect.estimated()) {
                o.add("unquantified", unquantified(effect));
            }
            if (effect != null && measures.containsKey(e.variableId())) {
                o.addProperty("measures", measures.get(e.variableId()));
            }
            array.add(o);
        }
        return array;
    }

    /** An estimate with its interval, what the code measured, and every reason not to trust it. */
    private static JsonObject effect(QuantEffect e) {
        JsonObject o = new JsonObject();
        List<String> notes = new java.util.ArrayList<>();
        WireNumbers.put(o, "value", e.estimate().value(), notes, "the estimate");
        WireNumbers.put(o, "low", e.estimate().low(), notes, "the interval's low end");
        WireNumbers.put(o, "high", e.estimate().high(), notes, "the interval's high end");
        o.addProperty("level", e.level());
        if (e.unreliable()) {
            o.addProperty("unreliable", true);
        }
        o.add("reasons", reasons(e.reasons()));
        o.addProperty("exact", e.exact());
        o.add("observed", e.observed() == null ? JsonNull.INSTANCE : observed(e.observed()));
        if (e.disagrees()) {
            o.addProperty("disagrees", true);
        }
        if (!e.randomised().isEmpty()) {
            JsonArray randomised = new JsonArray();
            e.randomised().forEach(randomised::add);
            o.add("randomised", randomised);
        }
        return o;
    }

    /** Why an entry has no estimate, and what running the code measured instead. */
    private static JsonObject unquantified(QuantEffect e) {
        JsonObject o = new JsonObject();
        o.add("reasons", reasons(e.reasons()));
        o.add("observed", e.observed() == null ? JsonNull.INSTANCE : observed(e.observed()));
        return o;
    }

    static JsonArray reasons(List<liftsys.analysis.EffectReason> reasons) {
        JsonArray array = new JsonArray();
        for (liftsys.analysis.EffectReason r : reasons) {
            JsonObject o = new JsonObject();
            o.addProperty("code", r.code());
            o.addProperty("message", r.message());
            array.add(o);
        }
        return array;
    }

    /** The effect measured by running the code with the intervention applied (issue 7, checked effects). */
    private static JsonObject observed(ObservedEffect e) {
        JsonObject o = new JsonObject();
        List<String> notes = new java.util.ArrayList<>();
        WireNumbers.put(o, "value", e.value(), notes, "the measured effect");
        WireNumbers.put(o, "low", e.low(), notes, "the interval's low end");
        WireNumbers.put(o, "high", e.high(), notes, "the interval's high end");
        o.addProperty("level", e.level());
        WireNumbers.notes(o, notes);
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
