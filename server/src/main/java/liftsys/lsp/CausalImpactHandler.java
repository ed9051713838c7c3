package liftsys.lsp;

import com.google.gson.JsonElement;
import liftsys.analysis.BadQueryException;
import liftsys.analysis.ImpactAnswer;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** {@code liftsys/causalImpact}: validate, ask the analysis, write the protocol's JSON. */
final class CausalImpactHandler {
    private final ServerState state;

    CausalImpactHandler(ServerState state) {
        this.state = state;
    }

    ExplicitJson handle(JsonElement raw, CancelChecker cancel) {
        ImpactParams params = ImpactParams.parse(raw);
        try {
            ImpactAnswer answer = state.impact.impact(params.uri(), params.position(), params.direction(),
                    params.quantify(), params.intervention(), state.settings.get(), () -> {
                        cancel.checkCanceled();
                        return false;
                    }, liftsys.analysis.ProgressSink.NONE);
            cancel.checkCanceled();
            return new ExplicitJson(ProtocolJson.answer(answer));
        } catch (BadQueryException e) {
            throw InvalidParams.of(e.getMessage());
        }
    }
}
