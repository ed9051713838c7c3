package liftsys.ir.flow;

import liftsys.ir.NodeKind;
import liftsys.ir.lower.VarRef;
import liftsys.text.OffsetRange;

/** A variable of the graph being built; {@code ref} is what the lowering resolved (null for the return value). */
final class Var {
    final String id;
    final String name;
    final NodeKind kind;
    final OffsetRange declaration;
    final String declaredType;
    final VarRef ref;
    int definitionCount;

    Var(String id, String name, NodeKind kind, OffsetRange declaration, String declaredType, VarRef ref) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.declaration = declaration;
        this.declaredType = declaredType;
        this.ref = ref;
    }
}
