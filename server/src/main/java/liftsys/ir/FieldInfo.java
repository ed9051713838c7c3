package liftsys.ir;

import liftsys.text.OffsetRange;

/**
 * A field declared in a type of the document: its name, the range of that name, its declared
 * type and its initializer's text (empty when there is none).
 */
public record FieldInfo(String ownerType, String name, OffsetRange nameRange, String type, boolean isStatic,
                        String initializer) {
}
