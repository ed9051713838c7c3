package liftsys.analysis;

import java.util.Comparator;
import java.util.List;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.SourceScanner;

/**
 * A hash of a document without the bodies of its methods and constructors: its types,
 * signatures, fields and constants, normalised. The sibling classes the worker compiles with a
 * document can depend on this and on nothing else of it, so the worker keeps them per shape and
 * an edit inside a method body reuses them ({@link liftsys.trace.TraceProject#documentShape}).
 */
final class DocumentShape {
    private DocumentShape() {
    }

    static String of(JavaDocument document) {
        String text = document.text();
        List<Member> members = document.members().stream()
                .sorted(Comparator.comparingInt(m -> m.bodyRange().start())).toList();
        StringBuilder shape = new StringBuilder(text.length());
        int at = 0;
        for (Member m : members) {
            int start = m.bodyRange().start();
            if (start < at) {
                continue; // inside a body already left out
            }
            shape.append(text, at, start).append("{}");
            at = Math.min(text.length(), m.bodyRange().end());
        }
        shape.append(text, at, text.length());
        return ContentKey.sha256(SourceScanner.normalise(shape));
    }
}
