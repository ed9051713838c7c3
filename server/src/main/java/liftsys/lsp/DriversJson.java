package liftsys.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import liftsys.analysis.DriverRanking;
import liftsys.analysis.ImpactService;
import liftsys.analysis.StructuralImpact;

/**
 * The JSON of {@code liftsys/drivers} (README, Protocol): the target, its direct inputs
 * ({@code parents}) and everything upstream ({@code ancestors}), strongest first, each with its
 * measure, interval and share; {@code degraded} as in {@code liftsys/causalImpact}.
 */
public final class DriversJson {
    private DriversJson() {
    }

    public static JsonObject of(ImpactService.DriversAnswer answer) {
        StructuralImpact s = answer.impact();
        JsonObject out = ProtocolJson.header(s);
        out.add("target", ProtocolJson.variable(s.subject()));
        DriverRanking ranking = answer.answer().ranking();
        List<String> notes = new ArrayList<>(ranking == null ? List.of() : ranking.notes());
        out.add("parents", ranking == null ? new JsonArray() : drivers(ranking.parents(), notes));
        out.add("ancestors", ranking == null ? new JsonArray() : drivers(ranking.ancestors(), notes));
        out.addProperty("measure", "variance");
        if (ranking != null) {
            out.addProperty("level", ranking.level());
            out.addProperty("bootstrap", ranking.bootstrap());
        }
        JsonArray written = new JsonArray();
        notes.forEach(written::add);
        out.add("notes", written);
        out.add("degraded", ProtocolJson.degraded(answer.answer().degradation()));
        return out;
    }

    private static JsonArray drivers(List<DriverRanking.Driver> drivers, List<String> notes) {
        JsonArray array = new JsonArray();
        for (DriverRanking.Driver d : drivers) {
            JsonObject o = new JsonObject();
            o.addProperty("name", d.name());
            o.addProperty("kind", d.kind().wireName());
            o.add("range", d.range() == null ? JsonNull.INSTANCE : ProtocolJson.range(d.range()));
            WireNumbers.put(o, "value", d.value(), notes, "the measure of " + d.name());
            WireNumbers.put(o, "low", d.low(), notes, "the low end of " + d.name() + "'s interval");
            WireNumbers.put(o, "high", d.high(), notes, "the high end of " + d.name() + "'s interval");
            WireNumbers.put(o, "share", d.share(), notes, "the share of " + d.name());
            array.add(o);
        }
        return array;
    }
}
