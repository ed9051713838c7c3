package liftsys.lsp;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import liftsys.analysis.BadQueryException;
import liftsys.analysis.EffectText;
import liftsys.analysis.Intervention;
import liftsys.analysis.QuantEffect;
import liftsys.analysis.Readable;
import liftsys.analysis.RecentEffects;
import liftsys.analysis.Settings;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.MethodGraph;
import liftsys.ir.UnparsedMember;
import liftsys.ir.UnreadableMemberException;
import liftsys.ir.Variable;
import liftsys.text.DocumentSnapshot;
import liftsys.text.OffsetRange;
import liftsys.text.TextRange;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Code lenses on method names ("price affects 3", a command to quantify, and the headline effect
 * on the return value once a fit landed) and inlay hints with the effect sizes of the last
 * quantified question next to the definitions it affected. Neither ever starts a fit.
 */
final class LensAndHintHandler {
    static final String QUANTIFY_COMMAND = "liftsys.server.quantify";
    static final String IMPACT_COMMAND = "liftsys.server.impact";

    private final ServerState state;

    LensAndHintHandler(ServerState state) {
        this.state = state;
    }

    /** Unresolved lenses: where they go is cheap; what they say is computed on resolve. */
    List<CodeLens> codeLenses(CodeLensParams params) throws BadQueryException {
        if (!state.settings.get().codeLens()) {
            return List.of();
        }
        DocumentSnapshot snapshot = state.impact.snapshot(params.getTextDocument().getUri());
        List<CodeLens> lenses = new ArrayList<>();
        JavaDocument document = state.impact.document(snapshot);
        for (UnparsedMember u : document.unparsed()) {
            lenses.add(unparsedLens(snapshot, u));
        }
        for (Member m : document.members()) {
            TextRange name = snapshot.rangeOf(m.nameRange());
            JsonObject data = new JsonObject();
            data.addProperty("uri", snapshot.uri());
            data.addProperty("line", name.start().line());
            data.addProperty("character", name.start().character());
            CodeLens reach = new CodeLens(Conversions.lsp(name), null, data);
            CodeLens quantify = new CodeLens(Conversions.lsp(name), new Command("quantify",
                    QUANTIFY_COMMAND, List.of(snapshot.uri(), name.start().line(), name.start().character())), null);
            lenses.add(reach);
            lenses.add(quantify);
        }
        return lenses;
    }

    /**
     * A method that does not parse keeps a lens that says so; clicking it asks about the method,
     * which answers with the problem and where it is.
     */
    private static CodeLens unparsedLens(DocumentSnapshot snapshot, UnparsedMember u) {
        TextRange name = snapshot.rangeOf(u.nameRange());
        String title = u.problem().tooDeep() ? u.name() + " is too deeply nested to analyse"
                : u.name() + " does not parse (" + u.problem().summary() + " at "
                        + Readable.position(snapshot, u.problem().offset() >= 0 ? u.problem().offset()
                        : u.nameRange().start()) + ")";
        return new CodeLens(Conversions.lsp(name), new Command(title, IMPACT_COMMAND,
                List.of(snapshot.uri(), name.start().line(), name.start().character())), null);
    }

    CodeLens resolve(CodeLens lens) {
        if (lens.getCommand() != null || !(lens.getData() instanceof JsonObject data)) {
            return lens;
        }
        String title;
        try {
            DocumentSnapshot snapshot = state.impact.snapshot(data.get("uri").getAsString());
            int offset = snapshot.offsetOf(new liftsys.text.Position(data.get("line").getAsInt(),
                    data.get("character").getAsInt()));
            Optional<Member> member = offset < 0 ? Optional.empty()
                    : state.impact.document(snapshot).memberAt(offset);
            title = member.map(m -> title(snapshot, m)).orElse("liftsys: the method moved; ask again");
        } catch (BadQueryException e) {
            title = "liftsys: " + e.getMessage();
        } catch (UnreadableMemberException e) {
            title = "too deeply nested to analyse: " + e.getMessage();
        }
        // Clicking the lens asks for the structural answer of the method's parameters.
        lens.setCommand(new Command(title, IMPACT_COMMAND,
                List.of(data.get("uri").getAsString(), data.get("line").getAsInt(), data.get("character").getAsInt())));
        return lens;
    }

    private String title(DocumentSnapshot snapshot, Member m) {
        List<Map.Entry<String, Integer>> reach = state.impact.parameterReach(snapshot, m);
        String text = reach.isEmpty() ? "no parameters" : reach.stream()
                .map(e -> e.getKey() + " affects " + e.getValue()).collect(Collectors.joining(" · "));
        Optional<RecentEffects> recent = state.impact.recentEffects(snapshot, m, state.settings.get());
        if (recent.isPresent()) {
            MethodGraph graph = state.impact.document(snapshot).graphOf(m);
            Optional<QuantEffect> onReturn = graph.variables().stream()
                    .filter(v -> v.id().equals("return"))
                    .map(v -> recent.get().effects().get(v.id())).filter(e -> e != null).findFirst();
            if (onReturn.isPresent()) {
                text += " · return " + EffectText.brief(onReturn.get()) + " per "
                        + describe(recent.get().intervention()) + " on " + (recent.get().allParameters()
                        ? "every parameter at once" : recent.get().subjectName());
            }
        }
        return text;
    }

    List<InlayHint> inlayHints(InlayHintParams params) throws BadQueryException {
        Settings settings = state.settings.get();
        if (!settings.inlayHints()) {
            return List.of();
        }
        DocumentSnapshot snapshot = state.impact.snapshot(params.getTextDocument().getUri());
        JavaDocument document = state.impact.document(snapshot);
        int from = Math.max(0, snapshot.lines().clampedOffsetOf(Conversions.position(params.getRange().getStart()),
                snapshot.text()));
        int to = snapshot.lines().clampedOffsetOf(Conversions.position(params.getRange().getEnd()), snapshot.text());
        List<InlayHint> hints = new ArrayList<>();
        for (Member m : document.members()) {
            if (m.range().end() < from || m.range().start() > to) {
                continue;
            }
            Optional<RecentEffects> recent = state.impact.recentEffects(snapshot, m, settings);
            if (recent.isEmpty()) {
                continue;
            }
            MethodGraph graph = document.graphOf(m);
            recent.get().effects().forEach((variableId, effect) -> {
                Variable v = graph.variable(variableId);
                if (v == null || v.declaration() == null) {
                    return;
                }
                OffsetRange at = v.declaration().shift(m.range().start());
                InlayHint hint = new InlayHint(Conversions.lsp(snapshot.positionOf(at.end())),
                        Either.forLeft("Δ" + EffectText.brief(effect)));
                hint.setKind(InlayHintKind.Type);
                hint.setPaddingLeft(true);
                StringBuilder tip = new StringBuilder(String.format("Effect on `%s` of %s on `%s`: %s", v.name(),
                        describe(recent.get().intervention()), recent.get().subjectName(), EffectText.line(effect)));
                effect.reasons().forEach(r -> tip.append("\n\n- ").append(r.message()));
                hint.setTooltip(Either.forRight(new MarkupContent(MarkupKind.MARKDOWN, tip.toString())));
                hints.add(hint);
            });
        }
        return hints;
    }

    private static String describe(Intervention i) {
        if (i.isText()) {
            return "setting \"" + i.fromText() + "\" → \"" + i.toText() + "\"";
        }
        return i.isShift() ? (i.shift() >= 0 ? "+" : "") + compact(i.shift())
                : "setting " + compact(i.from()) + " → " + compact(i.to());
    }

    /** A number as people write it: no trailing zeros. */
    private static String compact(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
