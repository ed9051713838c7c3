package liftsys.lsp;

import liftsys.analysis.BadQueryException;
import liftsys.analysis.Direction;
import liftsys.analysis.HoverText;
import liftsys.analysis.StructuralImpact;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** Hover: the structural answer in both directions, read from the graph only; nothing on non-variables. */
final class HoverHandler {
    /** How long a hover may wait for an effect query on an already fitted model. */
    private static final java.time.Duration HOVER_BUDGET = java.time.Duration.ofMillis(300);

    private final ServerState state;

    HoverHandler(ServerState state) {
        this.state = state;
    }

    Hover hover(HoverParams params, CancelChecker cancel) {
        try {
            StructuralImpact impact = state.impact.structural(params.getTextDocument().getUri(),
                    Conversions.position(params.getPosition()), Direction.BOTH);
            cancel.checkCanceled();
            String quantities = state.impact.cachedEffects(impact, state.settings.get(), HOVER_BUDGET)
                    .filter(q -> q.model() != null)
                    .map(q -> HoverText.effects(impact, q))
                    .orElse("_Effect sizes: pending, not measured yet for this version of the method. "
                            + "Run the quantify lens on the method's name (or the quantify command) to measure them._");
            // What drives it, only when a ranking was made on the cached model: ranking costs seconds in the sidecar.
            quantities += state.impact.cachedDrivers(impact, state.settings.get())
                    .map(ranking -> "\n\n" + HoverText.drivers(ranking)).orElse("");
            Hover hover = new Hover(new MarkupContent(MarkupKind.MARKDOWN, HoverText.of(impact, quantities)));
            hover.setRange(Conversions.lsp(impact.subject().range()));
            return hover;
        } catch (BadQueryException e) {
            if (e.kind() == BadQueryException.Kind.UNKNOWN_DOCUMENT) {
                throw InvalidParams.of(e.getMessage());
            }
            return null;
        }
    }
}
