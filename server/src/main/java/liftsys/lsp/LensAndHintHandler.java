package liftsys.lsp;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import liftsys.analysis.BadQueryException;
import liftsys.analysis.EditorFacts;
import liftsys.analysis.EffectText;
import liftsys.analysis.Intervention;
import liftsys.analysis.Readable;
import liftsys.analysis.Settings;
import liftsys.text.DocumentSnapshot;
import liftsys.text.Position;
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
        EditorFacts.Outline outline = state.editor.outline(snapshot);
        for (EditorFacts.Unparsed u : outline.unparsed()) {
            lenses.add(unparsedLens(snapshot, u));
        }
        for (EditorFacts.Method m : outline.methods()) {
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
    private static CodeLens unparsedLens(DocumentSnapshot snapshot, EditorFacts.Unparsed u) {
        TextRange name = snapshot.rangeOf(u.nameRange());
        String title = u.tooDeep() ? u.name() + " is too deeply nested to analyse"
                : u.name() + " does not parse (" + u.problem() + " at "
                        + Readable.position(snapshot, u.problemOffset() >= 0 ? u.problemOffset()
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
            int offset = snapshot.offsetOf(new Position(data.get("line").getAsInt(),
                    data.get("character").getAsInt()));
            Optional<EditorFacts.Method> method = offset < 0 ? Optional.empty()
                    : state.editor.methodAt(snapshot, offset);
            title = method.map(m -> title(snapshot, m)).orElse("liftsys: the method moved; ask again");
        } catch (BadQueryException e) {
            title = "liftsys: " + e.getMessage();
        }
        // Clicking the lens asks for the structural answer of the method's parameters.
        lens.setCommand(new Command(title, IMPACT_COMMAND,
                List.of(data.get("uri").getAsString(), data.get("line").getAsInt(), data.get("character").getAsInt())));
        return lens;
    }

    private String title(DocumentSnapshot snapshot, EditorFacts.Method m) {
        EditorFacts.Lens lens = state.editor.lens(snapshot, m, state.settings.get());
        if (lens.unreadable() != null) {
            return "too deeply nested to analyse: " + lens.unreadable();
        }
        List<Map.Entry<String, Integer>> reach = lens.reach();
        String text = reach.isEmpty() ? "no parameters" : reach.stream()
                .map(e -> e.getKey() + " affects " + e.getValue()).collect(Collectors.joining(" · "));
        if (lens.onReturn().isPresent()) {
            var recent = lens.recent().orElseThrow();
            text += " · return " + EffectText.brief(lens.onReturn().get()) + " per "
                    + describe(recent.intervention()) + " on " + (recent.allParameters()
                    ? "every parameter at once" : recent.subjectName());
        }
        return text;
    }

    List<InlayHint> inlayHints(InlayHintParams params) throws BadQueryException {
        Settings settings = state.settings.get();
        if (!settings.inlayHints()) {
            return List.of();
        }
        DocumentSnapshot snapshot = state.impact.snapshot(params.getTextDocument().getUri());
        int from = Math.max(0, snapshot.lines().clampedOffsetOf(Conversions.position(params.getRange().getStart()),
                snapshot.text()));
        int to = snapshot.lines().clampedOffsetOf(Conversions.position(params.getRange().getEnd()), snapshot.text());
        List<InlayHint> hints = new ArrayList<>();
        for (EditorFacts.Hint h : state.editor.hints(snapshot, from, to, settings)) {
            InlayHint hint = new InlayHint(Conversions.lsp(snapshot.positionOf(h.offset())),
                    Either.forLeft("Δ" + EffectText.brief(h.effect())));
            hint.setKind(InlayHintKind.Type);
            hint.setPaddingLeft(true);
            StringBuilder tip = new StringBuilder(String.format("Effect on `%s` of %s on `%s`: %s", h.variable(),
                    describe(h.recent().intervention()), h.recent().subjectName(), EffectText.line(h.effect())));
            h.effect().reasons().forEach(r -> tip.append("\n\n- ").append(r.message()));
            hint.setTooltip(Either.forRight(new MarkupContent(MarkupKind.MARKDOWN, tip.toString())));
            hints.add(hint);
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
