package liftsys.ir;

import com.github.javaparser.ast.body.CallableDeclaration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed version of a document: its methods and constructors, its fields, and the syntax
 * problems found. Graphs are built on demand, one method at a time, and shared through the
 * {@link GraphCache} with every other version whose method text is the same. Thread-safe.
 */
public final class JavaDocument {
    private final String text;
    private final List<Member> members;
    private final List<FieldInfo> fields;
    private final List<ParseProblem> problems;
    private final Map<Member, ParsedMember> parsed;
    private final GraphCache graphs;

    /** A member with the syntax tree and frame its graph is built from. */
    record ParsedMember(Member member, CallableDeclaration<?> declaration, SourceFrame frame) {
    }

    JavaDocument(String text, List<ParsedMember> parsedMembers, List<FieldInfo> fields, List<ParseProblem> problems,
                 GraphCache graphs) {
        this.text = text;
        this.fields = List.copyOf(fields);
        this.problems = List.copyOf(problems);
        this.graphs = graphs;
        List<Member> list = new ArrayList<>();
        Map<Member, ParsedMember> byMember = new IdentityHashMap<>();
        for (ParsedMember p : parsedMembers) {
            list.add(p.member());
            byMember.put(p.member(), p);
        }
        this.members = Collections.unmodifiableList(list);
        this.parsed = byMember;
    }

    public String text() {
        return text;
    }

    public List<Member> members() {
        return members;
    }

    public List<FieldInfo> fields() {
        return fields;
    }

    public List<ParseProblem> problems() {
        return problems;
    }

    /** The innermost member whose text holds the offset. */
    public Optional<Member> memberAt(int offset) {
        Member best = null;
        for (Member m : members) {
            if (m.range().start() <= offset && offset < m.range().end()
                    && (best == null || m.range().length() < best.range().length())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The field named so in the member's own type, or else in any type of the document. */
    public Optional<FieldInfo> field(Member owner, String name) {
        Optional<FieldInfo> own = fields.stream()
                .filter(f -> f.name().equals(name) && f.ownerType().equals(owner.ownerType())).findFirst();
        return own.isPresent() ? own : fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The member's graph, built now if no version with the same method text built it before. */
    public MethodGraph graphOf(Member member) {
        ParsedMember p = parsed.get(member);
        if (p == null) {
            throw new IllegalArgumentException("member " + member.name() + " is not of this document");
        }
        return graphs.get(member.text(), () -> GraphBuilder.build(p.declaration(), p.frame(), member.range().start()));
    }
}
