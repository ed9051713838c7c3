package liftsys.ir;

import liftsys.text.OffsetRange;

/**
 * A variable of one method: a parameter, a local, a field it reads or writes, or its return value.
 * {@code declaration} is relative to the start of the method's text, so a method moved by an edit
 * above it keeps its graph; it is null for fields, whose declarations live outside the method.
 */
public record Variable(String id, String name, NodeKind kind, OffsetRange declaration) {
}
