package liftsys.ir;

import java.util.List;
import java.util.Optional;
import liftsys.ir.flow.MethodAnalysis;

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
    private final Outline outline;

    /**
     * What the document declares around its members: its package ({@code ""} when none) and its
     * types, top level and nested, in document order. An edit inside a method body keeps it.
     */
    public record Outline(String packageName, List<TypeInfo> types) {
        public Outline {
            types = List.copyOf(types);
        }
    }

    JavaDocument(String text, List<Member> members, List<FieldInfo> fields, List<ParseProblem> problems,
                 List<UnparsedMember> unparsed, GraphCache graphs, Outline outline) {
        this.text = text;
        this.members = List.copyOf(members);
        this.fields = List.copyOf(fields);
        this.problems = List.copyOf(problems);
        this.unparsed = List.copyOf(unparsed);
        this.graphs = graphs;
        this.outline = outline;
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

    public Outline outline() {
        return outline;
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
        return graphs.get(member.text(), () -> MemberParser.analysisOf(member.text()).graph());
    }

    /**
     * The member lowered and analysed afresh, with a syntax tree of its own that the caller may
     * rewrite (the instrumenter does): the same graph as {@link #graphOf}, with the sites and
     * regions behind it. Not cached, so that no syntax tree outlives its use.
     */
    public MethodAnalysis analysisOf(Member member) {
        return MemberParser.analysisOf(member.text());
    }
}
