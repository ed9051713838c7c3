package liftsys.analysis;

import java.util.List;
import liftsys.ir.NodeKind;
import liftsys.text.TextRange;

/**
 * What a question is about: a variable at a position, or a method's name standing for all its
 * parameters ({@code variableIds} then lists them). {@code definitionIds} are the graph nodes
 * the position stands for: the definition made there, or the ones reaching a use.
 */
public record ImpactSubject(String name, NodeKind kind, TextRange range, List<String> variableIds,
                            List<String> definitionIds, boolean isMethod) {
}
