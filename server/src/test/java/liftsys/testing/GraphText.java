package liftsys.testing;

import java.util.ArrayList;
import java.util.List;
import liftsys.ir.Definition;
import liftsys.ir.Edge;
import liftsys.ir.Member;
import liftsys.ir.MethodGraph;
import liftsys.ir.Occurrence;
import liftsys.ir.Variable;
import liftsys.text.OffsetRange;

/**
 * A method graph written out in full and in order (variables, definitions, edges with their kinds,
 * occurrences), one line per item, so two graphs are equal exactly when their texts are.
 */
public final class GraphText {
    private GraphText() {
    }

    /** The heading line of a member: its owner, name, parameter types and kind. */
    public static String heading(String label, Member m) {
        return "### " + label + " :: " + m.ownerType() + "." + m.name() + "(" + String.join(", ", m.parameterTypes())
                + ") " + m.kind();
    }

    public static List<String> lines(MethodGraph g) {
        List<String> out = new ArrayList<>();
        for (Variable v : g.variables()) {
            out.add("var " + v.id() + " " + v.name() + " " + v.kind().wireName() + " " + range(v.declaration()));
        }
        for (Definition d : g.definitions()) {
            out.add("def " + d.id() + " of " + d.variableId() + " " + range(d.range()) + (d.loopSummary() ? " summary" : ""));
        }
        for (Edge e : g.edges()) {
            out.add("edge " + e.from() + " -> " + e.to() + " " + e.kind().wireName());
        }
        for (Occurrence o : g.occurrences()) {
            out.add("occ " + range(o.range()) + " " + o.variableId() + " " + o.definitionIds()
                    + (o.isDefinition() ? " def" : " use"));
        }
        return out;
    }

    private static String range(OffsetRange r) {
        return r == null ? "-" : r.start() + ".." + r.end();
    }
}
