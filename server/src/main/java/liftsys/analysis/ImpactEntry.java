package liftsys.analysis;

import java.util.List;
import liftsys.ir.NodeKind;
import liftsys.text.TextRange;

/**
 * One variable reached from the subject: where it is declared in the current text, the fewest
 * dependence edges between them, and the variable names along one such shortest path.
 * {@code definitionId} is the variable's graph node nearest the subject, the node whose traced
 * value the entry's effect is estimated on.
 */
public record ImpactEntry(String variableId, String definitionId, String name, NodeKind kind, TextRange range,
                          int distance, List<String> path) {
}
