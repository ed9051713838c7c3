package liftsys.ir.lower;

/**
 * A field read or written by its bare name or through {@code this}: the lowering sees the method
 * alone, so it knows the name, not the declaration (which may be inherited).
 */
public record FieldRef(String name) implements VarRef {
}
