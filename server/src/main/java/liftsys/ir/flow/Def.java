package liftsys.ir.flow;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import liftsys.ir.EdgeKind;
import liftsys.text.OffsetRange;

/** A definition of the graph being built, with its parents in the order they were found. */
final class Def {
    /** Where the value comes from. */
    enum Origin { ENTRY, SITE, LOOP_SUMMARY, RETURN }

    final String id;
    final Var variable;
    final OffsetRange range;
    final Origin origin;
    final Map<Def, EnumSet<EdgeKind>> parents = new LinkedHashMap<>();

    Def(String id, Var variable, OffsetRange range, Origin origin) {
        this.id = id;
        this.variable = variable;
        this.range = range;
        this.origin = origin;
    }

    boolean summary() {
        return origin == Origin.LOOP_SUMMARY;
    }
}
