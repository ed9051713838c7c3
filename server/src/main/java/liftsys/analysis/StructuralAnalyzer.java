package liftsys.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import liftsys.ir.Definition;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.MethodGraph;
import liftsys.ir.NodeKind;
import liftsys.ir.Occurrence;
import liftsys.ir.UnparsedMember;
import liftsys.ir.UnreadableMemberException;
import liftsys.ir.Variable;
import liftsys.text.DocumentSnapshot;
import liftsys.text.OffsetRange;
import liftsys.text.Position;
import liftsys.text.TextRange;

/**
 * Answers "what does this variable affect, and what affects it" from a method's dependence
 * graph: one entry per variable, nearest first. It only reads snapshots and graphs, so it is
 * fast and thread-safe.
 */
public final class StructuralAnalyzer {
    private final DocumentIrCache documents;

    public StructuralAnalyzer(DocumentIrCache documents) {
        this.documents = documents;
    }

    public StructuralImpact analyze(DocumentSnapshot snapshot, Position position, Direction direction)
            throws BadQueryException {
        int offset = snapshot.offsetOf(position);
        if (offset < 0) {
            throw new BadQueryException(BadQueryException.Kind.OUTSIDE_TEXT, Readable.position(position)
                    + " is outside the text of " + snapshot.uri() + " (it has " + snapshot.lines().lineCount()
                    + " lines)");
        }
        JavaDocument document = documents.documentOf(snapshot);
        Member member = memberAt(snapshot, document, offset).orElseThrow(() -> noVariable(snapshot, position, offset,
                "it is not inside a method or constructor"));
        MethodGraph graph = graphOf(document, member);
        int relative = offset - member.range().start();
        ImpactSubject subject = subjectAt(snapshot, document, member, graph, relative)
                .orElseThrow(() -> noVariable(snapshot, position, offset, "it is not on a variable of "
                        + member.name()));
        Set<String> excluded = new LinkedHashSet<>(subject.variableIds());
        List<ImpactEntry> downstream = direction.includesDownstream()
                ? entries(snapshot, document, member, graph, subject, excluded, true) : List.of();
        List<ImpactEntry> upstream = direction.includesUpstream()
                ? entries(snapshot, document, member, graph, subject, excluded, false) : List.of();
        return new StructuralImpact(snapshot.uri(), snapshot.version(), member.name(),
                snapshot.rangeOf(member.range()), snapshot.rangeOf(member.nameRange()), subject, downstream,
                upstream, member, graph, snapshot, document);
    }

    /** Each parameter of a method with the number of variables it reaches downstream. */
    public List<Map.Entry<String, Integer>> parameterReach(DocumentSnapshot snapshot, Member member) {
        MethodGraph graph = documents.documentOf(snapshot).graphOf(member);
        List<Map.Entry<String, Integer>> out = new ArrayList<>();
        for (Variable p : graph.parameters()) {
            List<String> start = graph.definitionsOf(p.id()).stream().map(Definition::id).toList();
            Set<String> reached = new LinkedHashSet<>();
            GraphWalk.from(graph, start, true).distances().keySet().forEach(d -> {
                String variable = graph.definition(d).variableId();
                if (!variable.equals(p.id())) {
                    reached.add(variable);
                }
            });
            out.add(Map.entry(p.name(), reached.size()));
        }
        return out;
    }

    /** The graph of the method or constructor holding a position, placed in the snapshot's text. */
    public MethodGraphView methodGraph(DocumentSnapshot snapshot, Position position) throws BadQueryException {
        int offset = snapshot.offsetOf(position);
        if (offset < 0) {
            throw new BadQueryException(BadQueryException.Kind.OUTSIDE_TEXT, Readable.position(position)
                    + " is outside the text of " + snapshot.uri());
        }
        JavaDocument document = documents.documentOf(snapshot);
        Member member = memberAt(snapshot, document, offset).orElseThrow(() -> new BadQueryException(
                BadQueryException.Kind.NO_VARIABLE, Readable.position(position)
                        + " is not inside a method or constructor"));
        MethodGraph graph = graphOf(document, member);
        List<MethodGraphView.Node> nodes = new ArrayList<>();
        for (Definition d : graph.definitions()) {
            Variable v = graph.variableOf(d);
            TextRange declaration = declarationRange(snapshot, document, member, graph, v);
            TextRange range = d.range() == null ? declaration : snapshot.rangeOf(d.range().shift(member.range().start()));
            nodes.add(new MethodGraphView.Node(d.id(), v.id(), v.name(), v.kind().wireName(), range, declaration,
                    d.loopSummary()));
        }
        return new MethodGraphView(snapshot.uri(), snapshot.version(), member.name(), snapshot.rangeOf(member.range()),
                snapshot.rangeOf(member.nameRange()), nodes, graph.edges().stream()
                .map(e -> new MethodGraphView.Edge(e.from(), e.to(), e.kind().wireName())).toList());
    }

    /**
     * The method or constructor at an offset. Inside one that does not parse, the question is
     * refused with the method's first problem, not "not inside a method".
     */
    private static Optional<Member> memberAt(DocumentSnapshot snapshot, JavaDocument document, int offset)
            throws BadQueryException {
        Optional<Member> member = document.memberAt(offset);
        if (member.isPresent()) {
            return member;
        }
        Optional<UnparsedMember> unparsed = document.unparsedAt(offset);
        if (unparsed.isPresent()) {
            throw new BadQueryException(BadQueryException.Kind.UNREADABLE_METHOD,
                    Readable.doesNotParse(snapshot, unparsed.get()));
        }
        return Optional.empty();
    }

    /** The member's graph; a member too deep to build one is refused with a message that says so. */
    private static MethodGraph graphOf(JavaDocument document, Member member) throws BadQueryException {
        try {
            return document.graphOf(member);
        } catch (UnreadableMemberException e) {
            throw new BadQueryException(BadQueryException.Kind.UNREADABLE_METHOD,
                    member.name() + " cannot be analysed: " + e.getMessage() + ". The other methods of the file "
                            + "still answer.");
        }
    }

    private Optional<ImpactSubject> subjectAt(DocumentSnapshot snapshot, JavaDocument document, Member member,
                                              MethodGraph graph, int relative) {
        OffsetRange name = member.relativeNameRange();
        if (name.start() <= relative && relative < name.end()) {
            List<Variable> parameters = graph.parameters();
            List<String> defs = new ArrayList<>();
            for (Variable p : parameters) {
                graph.definitionsOf(p.id()).forEach(d -> defs.add(d.id()));
            }
            return Optional.of(new ImpactSubject(member.name(), NodeKind.PARAMETER,
                    snapshot.rangeOf(member.nameRange()), parameters.stream().map(Variable::id).toList(), defs,
                    true));
        }
        return graph.occurrenceAt(relative).map(o -> subjectOf(snapshot, document, member, graph, o));
    }

    private ImpactSubject subjectOf(DocumentSnapshot snapshot, JavaDocument document, Member member,
                                    MethodGraph graph, Occurrence o) {
        Variable v = graph.variable(o.variableId());
        TextRange range = o.definitionIds().size() == 1 && o.isDefinition()
                ? snapshot.rangeOf(o.range().shift(member.range().start()))
                : declarationRange(snapshot, document, member, graph, v);
        return new ImpactSubject(v.name(), v.kind(), range, List.of(v.id()), o.definitionIds(), false);
    }

    private List<ImpactEntry> entries(DocumentSnapshot snapshot, JavaDocument document, Member member,
                                      MethodGraph graph, ImpactSubject subject, Set<String> excluded,
                                      boolean downstream) {
        GraphWalk walk = GraphWalk.from(graph, subject.definitionIds(), downstream);
        Map<String, String> nearestDefinition = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> reached : walk.distances().entrySet()) {
            Definition d = graph.definition(reached.getKey());
            if (!excluded.contains(d.variableId())) {
                nearestDefinition.putIfAbsent(d.variableId(), d.id());
            }
        }
        List<ImpactEntry> entries = new ArrayList<>();
        nearestDefinition.forEach((variableId, definitionId) -> {
            Variable v = graph.variable(variableId);
            List<String> path = walk.pathTo(definitionId).stream()
                    .map(id -> graph.variableOf(graph.definition(id)).name()).toList();
            if (!downstream) {
                path = reversed(path);
            }
            entries.add(new ImpactEntry(v.id(), definitionId, v.name(), v.kind(),
                    declarationRange(snapshot, document, member, graph, v),
                    walk.distances().get(definitionId), path));
        });
        entries.sort(Comparator.comparingInt(ImpactEntry::distance)
                .thenComparing(e -> e.range().start()));
        return entries;
    }

    /** Where a variable is declared in the current text; a field's declaration may lie outside the method. */
    static TextRange declarationRange(DocumentSnapshot snapshot, JavaDocument document, Member member,
                                      MethodGraph graph, Variable v) {
        if (v.declaration() != null) {
            return snapshot.rangeOf(v.declaration().shift(member.range().start()));
        }
        Optional<OffsetRange> declared = document.field(member, v.name()).map(f -> f.nameRange());
        if (declared.isPresent()) {
            return snapshot.rangeOf(declared.get());
        }
        OffsetRange firstUse = graph.occurrences().stream()
                .filter(o -> o.variableId().equals(v.id())).map(Occurrence::range)
                .min(Comparator.comparingInt(OffsetRange::start)).orElse(new OffsetRange(0, 0));
        return snapshot.rangeOf(firstUse.shift(member.range().start()));
    }

    private static List<String> reversed(List<String> path) {
        List<String> r = new ArrayList<>(path);
        java.util.Collections.reverse(r);
        return r;
    }

    private static BadQueryException noVariable(DocumentSnapshot snapshot, Position position, int offset,
                                                String why) {
        return new BadQueryException(BadQueryException.Kind.NO_VARIABLE, Readable.position(position)
                + " is not on a variable: " + describe(snapshot.text(), offset) + "; " + why);
    }

    /** What lies at an offset, in words: whitespace, a keyword, a literal, or a word. */
    static String describe(String text, int offset) {
        if (offset >= text.length()) {
            return "it is at the end of the text";
        }
        char c = text.charAt(offset);
        if (Character.isWhitespace(c)) {
            return "it is on whitespace";
        }
        if (!Character.isJavaIdentifierPart(c)) {
            return "it is on '" + c + "'";
        }
        int start = offset;
        while (start > 0 && Character.isJavaIdentifierPart(text.charAt(start - 1))) {
            start--;
        }
        int end = offset;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
        }
        String word = text.substring(start, end);
        if (JavaKeywords.isKeyword(word)) {
            return "it is on the keyword '" + word + "'";
        }
        if (Character.isDigit(word.charAt(0)) || word.equals("true") || word.equals("false") || word.equals("null")) {
            return "it is on the literal '" + word + "'";
        }
        return "it is on '" + word + "'";
    }
}
