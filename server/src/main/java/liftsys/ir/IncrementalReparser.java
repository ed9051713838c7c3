package liftsys.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import liftsys.text.AppliedEdit;

/**
 * Brings a document's structure up to date after edits without parsing the file: an edit
 * strictly inside one member's body reparses that member's text alone and moves everything after
 * it. Anything else (an edit between members, across members, in a signature, or one that leaves
 * the member unparsable alone) is refused, and the caller parses the whole file. The result equals
 * a full parse of the new text; {@code IncrementalEquivalenceTest} holds it to that.
 */
public final class IncrementalReparser {
    private IncrementalReparser() {
    }

    /** The structure of {@code newText}, or empty when only a full parse can say. */
    public static Optional<JavaDocument> apply(JavaDocument old, List<AppliedEdit> edits, String newText) {
        if (!old.problems().isEmpty() || edits.isEmpty()) {
            return Optional.empty();
        }
        List<Member> members = new ArrayList<>(old.members());
        List<FieldInfo> fields = new ArrayList<>(old.fields());
        for (AppliedEdit edit : edits) {
            int index = innermostHolding(members, edit);
            if (index < 0) {
                return Optional.empty();
            }
            Member edited = members.get(index);
            int from = edit.start() - edited.range().start();
            int to = edit.end() - edited.range().start();
            String text = edited.text().substring(0, from) + edit.text() + edited.text().substring(to);
            if (MemberParser.parse(text).isEmpty()) {
                return Optional.empty();
            }
            int delta = edit.delta();
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                if (i == index) {
                    members.set(i, new Member(m.name(), m.kind(), m.ownerType(), m.isStatic(), m.parameterTypes(),
                            m.returnType(), new liftsys.text.OffsetRange(m.range().start(), m.range().end() + delta),
                            m.nameRange(), new liftsys.text.OffsetRange(m.bodyRange().start(),
                            m.bodyRange().end() + delta), text));
                } else if (m.range().start() >= edit.end()) {
                    members.set(i, m.shift(delta));
                }
            }
            for (int i = 0; i < fields.size(); i++) {
                FieldInfo f = fields.get(i);
                if (f.nameRange().start() >= edit.end()) {
                    fields.set(i, new FieldInfo(f.ownerType(), f.name(), f.nameRange().shift(delta), f.type(),
                            f.isStatic(), f.initializer()));
                }
            }
        }
        return Optional.of(new JavaDocument(newText, members, fields, List.of(), List.of(), old.graphs(), old.outline()));
    }

    /** The index of the member whose body holds the edit, the innermost when bodies nest; -1 if none. */
    private static int innermostHolding(List<Member> members, AppliedEdit edit) {
        int best = -1;
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (m.bodyHolds(edit.start(), edit.end())
                    && (best < 0 || m.range().length() < members.get(best).range().length())) {
                best = i;
            }
        }
        return best;
    }
}
