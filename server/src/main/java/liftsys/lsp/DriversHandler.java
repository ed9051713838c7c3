package liftsys.lsp;

import com.google.gson.JsonElement;
import liftsys.analysis.BadQueryException;
import liftsys.analysis.ImpactService;
import liftsys.analysis.ProgressSink;
import liftsys.text.DocumentSnapshot;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * {@code liftsys/drivers} (an addition to the protocol, README): what drives the variable at a
 * position, strongest first, with intervals. Fits the method's model when none is cached, as a
 * quantified {@code liftsys/causalImpact} would; its failures are {@code degraded}, like there.
 */
final class DriversHandler {
    private final ServerState state;

    DriversHandler(ServerState state) {
        this.state = state;
    }

    /** Validated params and the snapshot current when the request arrived. */
    record Prepared(ImpactParams.Located params, DocumentSnapshot snapshot) {
    }

    Prepared prepare(JsonElement raw) {
        ImpactParams.Located params = ImpactParams.located(raw);
        try {
            return new Prepared(params, state.impact.snapshot(params.uri()));
        } catch (BadQueryException e) {
            throw InvalidParams.of(e.getMessage());
        }
    }

    ExplicitJson handle(Prepared prepared, CancelChecker cancel) {
        ProgressReporter progress = state.progressSupported()
                ? ProgressReporter.begin(state.client(), prepared.params().workDoneToken(),
                "liftsys: what drives this value") : null;
        try {
            ImpactService.DriversAnswer answer = state.impact.drivers(prepared.snapshot(),
                    prepared.params().position(), state.settings.get(), ProgressReporter.cancelCheck(cancel, progress), progress == null ? ProgressSink.NONE : progress);
            cancel.checkCanceled();
            return new ExplicitJson(DriversJson.of(answer));
        } catch (BadQueryException e) {
            throw InvalidParams.of(e.getMessage());
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
    }
}
