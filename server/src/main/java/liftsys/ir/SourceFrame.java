package liftsys.ir;

import com.github.javaparser.ast.Node;
import liftsys.text.LineIndex;
import liftsys.text.OffsetRange;

/**
 * Turns JavaParser's one-based line and column pairs into offsets of the document. A frame is the
 * text JavaParser saw (the whole document, or one member parsed alone) and where it starts.
 */
public record SourceFrame(LineIndex lines, int base) {

    public int offsetOf(com.github.javaparser.Position p) {
        return base + lines.lineStart(p.line - 1) + p.column - 1;
    }

    /** The node's absolute range; JavaParser's end position is inclusive, ours is exclusive. */
    public OffsetRange rangeOf(Node node) {
        com.github.javaparser.Range r = node.getRange().orElseThrow();
        return new OffsetRange(offsetOf(r.begin), offsetOf(r.end) + 1);
    }
}
