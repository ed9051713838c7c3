package liftsys.lsp;

import com.google.gson.JsonElement;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** The custom requests of protocol.md, under the {@code liftsys/} segment. */
@JsonSegment("liftsys")
public interface LiftsysProtocol {
    /** {@code liftsys/causalImpact}: params are validated by hand so bad input gets a precise -32602. */
    @JsonRequest
    CompletableFuture<ExplicitJson> causalImpact(JsonElement params);

    /** {@code liftsys/methodGraph}: the whole graph of the method at a position (an addition to protocol.md). */
    @JsonRequest
    CompletableFuture<ExplicitJson> methodGraph(JsonElement params);

    /** {@code liftsys/drivers}: what drives the variable at a position (an addition to protocol.md). */
    @JsonRequest
    CompletableFuture<ExplicitJson> drivers(JsonElement params);

    /** {@code liftsys/counterfactual}: one traced run replayed with a change (an addition to protocol.md). */
    @JsonRequest
    CompletableFuture<ExplicitJson> counterfactual(JsonElement params);
}
