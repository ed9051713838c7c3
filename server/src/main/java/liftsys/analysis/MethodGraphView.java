package liftsys.analysis;

import java.util.List;
import liftsys.text.TextRange;

/**
 * A whole method graph placed in the current text, for pictures of it: every definition with
 * the range where it is made and its variable's declaration, and every labelled edge. Plain
 * values only (kinds by their protocol names), so lsp/ never walks ir/.
 */
public record MethodGraphView(String uri, int version, String methodName, TextRange methodRange,
                              TextRange methodNameRange, List<Node> nodes, List<Edge> edges) {

    /** One definition of a variable. */
    public record Node(String id, String variableId, String name, String kind, TextRange range,
                       TextRange declaration, boolean loopSummary) {
    }

    /** A labelled dependence between two definitions: {@code kind} is "data" or "control". */
    public record Edge(String from, String to, String kind) {
    }
}
