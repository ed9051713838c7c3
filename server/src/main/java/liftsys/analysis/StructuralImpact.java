package liftsys.analysis;

import java.util.List;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.MethodGraph;
import liftsys.text.DocumentSnapshot;
import liftsys.text.TextRange;

/**
 * The structural answer for one subject in one version of a document. {@code graph},
 * {@code member} and {@code document} (the snapshot's parsed structure) are kept so quantitative
 * work can start from the same nodes.
 */
public record StructuralImpact(String uri, int version, String methodName, TextRange methodRange,
                               TextRange methodNameRange, ImpactSubject subject, List<ImpactEntry> downstream,
                               List<ImpactEntry> upstream, Member member, MethodGraph graph,
                               DocumentSnapshot snapshot, JavaDocument document) {
}
