package liftsys.ir.lower;

import liftsys.ir.NodeKind;
import liftsys.text.OffsetRange;

/**
 * A parameter or local variable, one per declaration (two locals of one name in different blocks
 * are two of these). {@code range} is the declared name's range, relative to the method's start,
 * which tells declarations apart; {@code declaredType} is the type as written ({@code var} when
 * inferred), without the {@code ...} of a variable-arity parameter, which {@code varArgs} records.
 */
public record Local(String name, NodeKind kind, OffsetRange range, String declaredType, boolean varArgs)
        implements VarRef {
}
