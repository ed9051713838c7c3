package liftsys.ir;

import java.util.List;
import java.util.Optional;

/**
 * The structure of one version of a document: its methods and constructors, its fields, and the
 * syntax problems found. It keeps no syntax tree: a method's graph is built on demand from the
 * method's text alone and shared through the {@link GraphCache} with every version and place where
 * that text appears. Immutable and thread-safe.
 */
public final class JavaDocument {
    private final String text;
    private final List<Member> members;
    private final List<FieldInfo> fields;
    private final List<ParseProblem> problems;
    private final List<UnparsedMember> unparsed;
    private final GraphCache graphs;

    JavaDocument(String text, List<Member> members, List<FieldInfo> fields, List<ParseProblem> problems,
                 GraphCache graphs) {
        this(text, members, fields, problems, List.of(), graphs);
    }

    JavaDocument(String text, List<Member> members, List<FieldInfo> fields, List<ParseProblem> problems,
                 List<UnparsedMember> unparsed, GraphCache graphs) {
        this.text = text;
        this.members = List.copyOf(members);
        this.fields = List.copyOf(fields);
        this.problems = List.copyOf(problems);
        this.unparsed = List.copyOf(unparsed);
        this.graphs = graphs;
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

    /** The methods and constructors that could not be read, each with its first problem. */
    public List<UnparsedMember> unparsed() {
        return unparsed;
    }

    /** The unread method or constructor whose text holds the offset. */
    public Optional<UnparsedMember> unparsedAt(int offset) {
        return unparsed.stream().filter(u -> u.range().start() <= offset && offset < u.range().end()).findFirst();
    }

    GraphCache graphs() {
        return graphs;
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

    /**
     * The member's graph, built now if no version with the same method text built it before.
     *
     * @throws UnreadableMemberException when the member nests too deeply for its graph to be built
     */
    public MethodGraph graphOf(Member member) {
        return graphs.get(member.text(), () -> MemberParser.graphOf(member.text()));
    }
}
