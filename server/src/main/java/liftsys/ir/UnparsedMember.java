package liftsys.ir;

import liftsys.text.OffsetRange;

/**
 * A method or constructor of a document that could not be read, with absolute offsets: its
 * span, the name its header gives (best effort, from the text), and the first problem found.
 * Questions inside it are answered with that problem instead of "not inside a method".
 */
public record UnparsedMember(String name, OffsetRange range, OffsetRange nameRange, ParseProblem problem) {
}
