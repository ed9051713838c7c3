package liftsys.ir;

/**
 * A class, interface, enum, record or annotation type declared in a document (top level or as a
 * member of another): its simple name, its dotted path ({@code Outer.Inner}), and what the
 * tracer needs to know of it.
 */
public record TypeInfo(String name, String path, boolean isEnum, boolean isPublic, boolean topLevel) {
}
