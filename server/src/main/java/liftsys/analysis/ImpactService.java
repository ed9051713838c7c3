package liftsys.analysis;

import java.util.function.BooleanSupplier;
import liftsys.text.DocumentSnapshot;
import liftsys.text.DocumentStore;
import liftsys.text.Position;

/**
 * Answers impact questions about the open documents. The structural part is computed at once
 * from the current snapshot; the quantitative part is not built yet and says so truthfully.
 */
public final class ImpactService {
    private final DocumentStore documents;
    private final StructuralAnalyzer structural;

    public ImpactService(DocumentStore documents, DocumentIrCache ir) {
        this.documents = documents;
        this.structural = new StructuralAnalyzer(ir);
    }

    public DocumentSnapshot snapshot(String uri) throws BadQueryException {
        return documents.get(uri).orElseThrow(() -> new BadQueryException(BadQueryException.Kind.UNKNOWN_DOCUMENT,
                "document " + uri + " is not open (send textDocument/didOpen first)"));
    }

    public StructuralImpact structural(String uri, Position position, Direction direction) throws BadQueryException {
        return structural.analyze(snapshot(uri), position, direction);
    }

    /**
     * The answer for a position. {@code cancelled} is checked between phases, so a cancelled
     * request stops before its next phase starts.
     */
    public ImpactAnswer impact(String uri, Position position, Direction direction, boolean quantify,
                               Intervention intervention, Settings settings, BooleanSupplier cancelled)
            throws BadQueryException {
        StructuralImpact answer = structural(uri, position, direction);
        if (!quantify) {
            return new ImpactAnswer(answer, false, null);
        }
        return new ImpactAnswer(answer, true, quantitativeUnavailable(settings));
    }

    private static Degradation quantitativeUnavailable(Settings settings) {
        if (!settings.executeCode()) {
            return new Degradation(Degradation.Reason.EXECUTION_DISABLED,
                    "Effect sizes need the method to run on sampled inputs, and executeCode is false. "
                            + "Set liftsys.executeCode to true to quantify.");
        }
        return new Degradation(Degradation.Reason.UNSUPPORTED,
                "Effect sizes are not available in this build yet: tracing and the DoWhy sidecar are not "
                        + "connected. The structural answer is complete.");
    }
}
