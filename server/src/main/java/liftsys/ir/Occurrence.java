package liftsys.ir;

import java.util.List;
import liftsys.text.OffsetRange;

/**
 * An identifier in the method's text that names a variable, with the definitions it stands for:
 * the one it makes when it is a definition, or the ones reaching it when it is a use. The range
 * is relative to the start of the method's text.
 */
public record Occurrence(OffsetRange range, String variableId, List<String> definitionIds, boolean isDefinition) {
}
