package liftsys.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.MethodGraph;
import liftsys.ir.UnparsedMember;
import liftsys.ir.UnreadableMemberException;
import liftsys.ir.Variable;
import liftsys.text.DocumentSnapshot;
import liftsys.text.OffsetRange;

/**
 * What the editor's lenses, inlay hints and diagnostics show of a document, as plain records, so
 * lsp/ never walks ir/ (DESIGN.md invariant 1; rust-analyzer's {@code ide} crate hands its LSP
 * layer plain answers the same way). Offsets are the snapshot's. Thread-safe: it only reads
 * snapshots and the caches behind them.
 */
public final class EditorFacts {
    private final ImpactService impact;
    private final DocumentIrCache ir;

    public EditorFacts(ImpactService impact, DocumentIrCache ir) {
        this.impact = impact;
        this.ir = ir;
    }

    /**
     * A method of the document: its name, its text (which keys what is known of it across edits
     * that move it), its span and its name's span.
     */
    public record Method(String name, String text, OffsetRange range, OffsetRange nameRange) {
        static Method of(Member m) {
            return new Method(m.name(), m.text(), m.range(), m.nameRange());
        }
    }

    /**
     * A method that does not parse: its name and name's span (from the text), the problem in a few
     * words and where it is (-1: unknown), and whether it is only too deeply nested to analyse.
     */
    public record Unparsed(String name, OffsetRange nameRange, String problem, int problemOffset, boolean tooDeep) {
    }

    /** The document's methods, and those that do not parse. */
    public record Outline(List<Method> methods, List<Unparsed> unparsed) {
    }

    /**
     * What a method's lens says: how many variables each parameter reaches, and the last quantified
     * question's effects with the one on the return value, if any. {@code unreadable} says why the
     * method could not be analysed (too deeply nested), else null.
     */
    public record Lens(List<Map.Entry<String, Integer>> reach, Optional<RecentEffects> recent,
                       Optional<QuantEffect> onReturn, String unreadable) {
    }

    /** An effect of the last quantified question, to show after the declaration of the variable it is on. */
    public record Hint(String variable, int offset, QuantEffect effect, RecentEffects recent) {
    }

    public Outline outline(DocumentSnapshot snapshot) {
        JavaDocument document = ir.documentOf(snapshot);
        List<Unparsed> unparsed = new ArrayList<>();
        for (UnparsedMember u : document.unparsed()) {
            unparsed.add(new Unparsed(u.name(), u.nameRange(), u.problem().summary(), u.problem().offset(),
                    u.problem().tooDeep()));
        }
        return new Outline(document.members().stream().map(Method::of).toList(), unparsed);
    }

    /** The method at an offset of the snapshot. */
    public Optional<Method> methodAt(DocumentSnapshot snapshot, int offset) {
        return ir.documentOf(snapshot).memberAt(offset).map(Method::of);
    }

    /** The method a structural answer is about. */
    public Method methodOf(StructuralImpact answer) {
        return Method.of(answer.member());
    }

    /** What the lens on this method of the snapshot says; never starts a fit. */
    public Lens lens(DocumentSnapshot snapshot, Method method, Settings settings) {
        Optional<Member> member = find(snapshot, method);
        if (member.isEmpty()) {
            return new Lens(List.of(), Optional.empty(), Optional.empty(), null);
        }
        try {
            Member m = member.get();
            List<Map.Entry<String, Integer>> reach = impact.parameterReach(snapshot, m);
            Optional<RecentEffects> recent = impact.recentEffects(snapshot, m, settings);
            Optional<QuantEffect> onReturn = recent.flatMap(r -> ir.documentOf(snapshot).graphOf(m).variables()
                    .stream().filter(v -> v.id().equals("return")).map(v -> r.effects().get(v.id()))
                    .filter(e -> e != null).findFirst());
            return new Lens(reach, recent, onReturn, null);
        } catch (UnreadableMemberException e) {
            return new Lens(List.of(), Optional.empty(), Optional.empty(), e.getMessage());
        }
    }

    /** The effects of the last quantified question of every method overlapping {@code from..to}. */
    public List<Hint> hints(DocumentSnapshot snapshot, int from, int to, Settings settings) {
        JavaDocument document = ir.documentOf(snapshot);
        List<Hint> hints = new ArrayList<>();
        for (Member m : document.members()) {
            if (m.range().end() < from || m.range().start() > to) {
                continue;
            }
            Optional<RecentEffects> recent = impact.recentEffects(snapshot, m, settings);
            if (recent.isEmpty()) {
                continue;
            }
            MethodGraph graph = document.graphOf(m);
            recent.get().effects().forEach((variableId, effect) -> {
                Variable v = graph.variable(variableId);
                if (v != null && v.declaration() != null) {
                    hints.add(new Hint(v.name(), v.declaration().shift(m.range().start()).end(), effect,
                            recent.get()));
                }
            });
        }
        return hints;
    }

    private Optional<Member> find(DocumentSnapshot snapshot, Method method) {
        return ir.documentOf(snapshot).members().stream()
                .filter(m -> m.range().equals(method.range()) && m.text().equals(method.text())).findFirst();
    }
}
