package liftsys.ir.lower;

/**
 * What a name in the method stands for once scopes are resolved: a parameter or local
 * ({@link Local}) or a field of the object or class ({@link FieldRef}). Values, so equal
 * references name the same variable.
 */
public sealed interface VarRef permits Local, FieldRef {
    String name();
}
