package liftsys.lsp;

import com.google.gson.JsonObject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.services.LanguageServer;

/** The server as a test client sees it: standard LSP plus the custom request, answered as raw JSON. */
public interface TestServerApi extends LanguageServer {
    @JsonRequest("liftsys/causalImpact")
    CompletableFuture<JsonObject> causalImpact(Object params);

    @JsonRequest("liftsys/methodGraph")
    CompletableFuture<JsonObject> methodGraph(Object params);

    @JsonRequest("liftsys/drivers")
    CompletableFuture<JsonObject> drivers(Object params);

    @JsonRequest("liftsys/counterfactual")
    CompletableFuture<JsonObject> counterfactual(Object params);
}
