package liftsys.analysis;

import java.util.List;
import liftsys.ir.NodeKind;
import liftsys.text.TextRange;

/**
 * One variable reached from the subject: where it is declared in the current text, the fewest
 * dependence edges between them, and the variable names along one such shortest path.
 * {@code variableId} is the graph's id, which tracing and fitting key their values by.
 */
public record ImpactEntry(String variableId, String name, NodeKind kind, TextRange range, int distance,
                          List<String> path) {
}
