package liftsys.lsp;

import com.google.gson.JsonElement;
import liftsys.analysis.BadQueryException;
import liftsys.analysis.ImpactAnswer;
import liftsys.analysis.ProgressSink;
import liftsys.text.DocumentSnapshot;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** {@code liftsys/causalImpact}: validate, ask the analysis, write the protocol's JSON. */
final class CausalImpactHandler {
    private final ServerState state;

    CausalImpactHandler(ServerState state) {
        this.state = state;
    }

    /** A validated question and the snapshot current when it arrived. */
    record Prepared(ImpactParams params, DocumentSnapshot snapshot) {
    }

    /**
     * Validates the params and takes the document's snapshot. Called on the thread that reads
     * messages, so the answer is for the version current when the request arrived, even when an
     * edit follows before a worker picks it up (the staleness rule in the README).
     */
    Prepared prepare(JsonElement raw) {
        ImpactParams params = ImpactParams.parse(raw);
        try {
            return new Prepared(params, state.impact.snapshot(params.uri()));
        } catch (BadQueryException e) {
            throw InvalidParams.of(e.getMessage());
        }
    }

    ExplicitJson handle(JsonElement raw, CancelChecker cancel) {
        return handle(prepare(raw), cancel);
    }

    ExplicitJson handle(Prepared prepared, CancelChecker cancel) {
        ImpactParams params = prepared.params();
        if (params.quantify()) {
            state.quantifying();
        }
        ProgressReporter progress = params.quantify() && state.progressSupported()
                ? ProgressReporter.begin(state.client(), params.workDoneToken(), "liftsys: quantifying impact") : null;
        try {
            ImpactAnswer answer = state.impact.impact(prepared.snapshot(), params.position(), params.direction(),
                    params.quantify(), params.intervention(), state.settings.get(), ProgressReporter.cancelCheck(cancel, progress), progress == null ? ProgressSink.NONE : progress);
            cancel.checkCanceled();
            if (answer.quantifyAsked()) {
                state.diagnostics.analysed(answer.structural().snapshot(), state.editor.methodOf(answer.structural()),
                        answer.degradation());
                if (answer.degradation() == null) {
                    state.refreshLensesAndHints();
                }
            }
            return new ExplicitJson(ProtocolJson.answer(answer));
        } catch (BadQueryException e) {
            throw InvalidParams.of(e.getMessage());
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
    }
}
