package liftsys.ir;

import java.util.List;
import liftsys.text.OffsetRange;

/**
 * A method or constructor of a document, with absolute offsets into the document's text.
 * {@code text} is exactly the text of {@code range}; {@code ownerType} is the dotted name of the
 * type that declares it, e.g. {@code Outer.Inner}.
 */
public record Member(String name, MemberKind kind, String ownerType, boolean isStatic, List<String> parameterTypes,
                     String returnType, OffsetRange range, OffsetRange nameRange, String text) {

    /** The name range relative to the member's start, the frame the graph's ranges are in. */
    public OffsetRange relativeNameRange() {
        return nameRange.shift(-range.start());
    }
}
