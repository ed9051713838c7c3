package liftsys.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import liftsys.testing.Trees;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With execution off (an untrusted workspace: the VS Code client forces it), opening a file of a
 * Maven project runs no build tool: Maven runs the project's own plugins and extensions, which is
 * running the workspace's code. Structural answers are served; quantities say execution is off.
 */
class NoBuildWithoutExecutionLspTest {
    private static final Path FIXTURE = Path.of(System.getProperty("liftsys.root", ".."),
            "server/src/test/resources/projects/multi").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void openingAFileOfAMavenProjectWithExecutionOffRunsNoBuildTool() throws Exception {
        Path multi = Trees.copy(FIXTURE, temp.resolve("multi"));
        Path cache = temp.resolve("resolved");
        System.setProperty("liftsys.projects.cache", cache.toString());
        try (InProcessClient client = InProcessClient.start("{\"liftsys\": {\"executeCode\": false}}", init -> {
            ClientCapabilities capabilities = new ClientCapabilities();
            WindowClientCapabilities window = new WindowClientCapabilities();
            window.setWorkDoneProgress(true);
            capabilities.setWindow(window);
            init.setCapabilities(capabilities);
            init.setWorkspaceFolders(List.of(new WorkspaceFolder(multi.toUri().toString(), "multi")));
        })) {
            Path file = multi.resolve("core/src/main/java/demo/core/Calculator.java");
            String uri = file.toUri().toString();
            String text = Files.readString(file);
            client.open(uri, 1, text);
            int at = text.indexOf("double price") + "double ".length();
            int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
            int character = at - (text.lastIndexOf('\n', at - 1) + 1);
            JsonObject answer = client.server.causalImpact(JsonParser.parseString("{\"textDocument\":{\"uri\":\""
                    + uri + "\"},\"position\":{\"line\":" + line + ",\"character\":" + character
                    + "},\"quantify\":true}")).get(1, TimeUnit.MINUTES);
            assertTrue(answer.getAsJsonArray("downstream").size() > 0, answer::toString);
            assertEquals("execution-disabled", answer.getAsJsonObject("degraded").get("reason").getAsString());
            // A resolve would have started at the opening, in the background: give it time to show.
            Thread.sleep(1500);
            client.sync();
            assertTrue(client.progress.stream().noneMatch(p -> p.getValue().getLeft().toString().contains("resolving")),
                    () -> client.progress.toString());
            try (Stream<Path> resolved = Files.exists(cache) ? Files.walk(cache) : Stream.empty()) {
                assertEquals(List.of(), resolved.filter(Files::isRegularFile).toList(), "nothing was resolved");
            }
        } finally {
            System.clearProperty("liftsys.projects.cache");
        }
    }
}
