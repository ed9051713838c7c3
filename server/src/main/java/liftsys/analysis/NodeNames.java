package liftsys.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liftsys.ir.Definition;
import liftsys.ir.MethodGraph;
import liftsys.ir.Variable;
import liftsys.text.DocumentSnapshot;

/**
 * The names people know for the model's nodes: the sidecar names nodes by graph definition id
 * ({@code disc@2}, {@code price@in}), which are not words of the code. A variable defined once is
 * its name; one defined in several places is its name and the line of that definition
 * ({@code `disc` (line 15)}), 1-based as editors show it. Immutable.
 */
final class NodeNames {
    /** A node id in backquotes, as the sidecar writes them in its sentences. */
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");

    private final Map<String, String> names;

    private NodeNames(Map<String, String> names) {
        this.names = names;
    }

    static NodeNames of(StructuralImpact impact) {
        MethodGraph graph = impact.graph();
        DocumentSnapshot snapshot = impact.snapshot();
        int methodStart = impact.member().range().start();
        Map<String, String> names = new LinkedHashMap<>();
        for (Definition d : graph.definitions()) {
            Variable v = graph.variableOf(d);
            long defined = graph.definitionsOf(v.id()).stream().filter(x -> !x.id().endsWith("@in")).count();
            String name = "`" + v.name() + "`";
            if (defined > 1 && d.range() != null && !d.id().endsWith("@in")) {
                int line = snapshot.positionOf(Math.min(snapshot.text().length(), methodStart + d.range().start()))
                        .line();
                name += " (line " + (line + 1) + ")";
            }
            names.put(d.id(), name);
            // The parts of a split conditional definition (FitRequests): what it computes, and whether it ran.
            names.put(d.id() + FitRequests.OWN, name);
            names.put(d.id() + FitRequests.RAN, "whether " + name + " is assigned");
        }
        return new NodeNames(names);
    }

    /** The node's name for a sentence, in backquotes; an unknown id stays as it is. */
    String quoted(String nodeId) {
        return names.getOrDefault(nodeId, "`" + nodeId + "`");
    }

    /** The node's name without backquotes, for lists and tables. */
    String plain(String nodeId) {
        return quoted(nodeId).replace("`", "");
    }

    /** A sentence of the sidecar with every backquoted node id replaced by its name. */
    String rewrite(String sentence) {
        Matcher m = QUOTED.matcher(sentence);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String known = names.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(known != null ? known : m.group()));
            // "whether `x` is assigned" is already a phrase; other names are quoted.
        }
        m.appendTail(out);
        return out.toString();
    }
}
