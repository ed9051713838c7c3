package liftsys.ir;

import java.util.List;
import liftsys.text.OffsetRange;

/**
 * A method or constructor of a document, with absolute offsets into the document's text.
 * {@code text} is exactly the text of {@code range}; {@code bodyRange} spans the body's braces;
 * {@code ownerType} is the dotted name of the type that declares it, e.g. {@code Outer.Inner}.
 */
public record Member(String name, MemberKind kind, String ownerType, boolean isStatic, List<String> parameterTypes,
                     String returnType, OffsetRange range, OffsetRange nameRange, OffsetRange bodyRange,
                     String text) {

    /** The same member moved by {@code delta} characters, its text unchanged. */
    public Member shift(int delta) {
        return new Member(name, kind, ownerType, isStatic, parameterTypes, returnType, range.shift(delta),
                nameRange.shift(delta), bodyRange.shift(delta), text);
    }

    /** Whether the offsets lie inside the body, strictly between its braces. */
    public boolean bodyHolds(int start, int end) {
        return bodyRange.start() < start && end < bodyRange.end();
    }

    /** The name range relative to the member's start, the frame the graph's ranges are in. */
    public OffsetRange relativeNameRange() {
        return nameRange.shift(-range.start());
    }
}
