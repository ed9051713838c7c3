package liftsys.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds that cannot be resolved, through the LSP with the real Maven (issue 14, bad input): a
 * pom that is not XML, a dependency that does not exist with going online off (an offline
 * resolve that fails), a Gradle build with no Gradle to run. Each is one warning message and a
 * diagnostic on the build file (at the line where it is known); a structural answer is given
 * all the same; a quantity that needs the build's class path is degraded with a reason that
 * names the build; and a fixed pom clears the diagnostic.
 */
class BuildProblemsLspTest {
    private static final String USES_LANG = """
            package p;

            import org.apache.commons.lang3.StringUtils;

            public class Pad {
                public static int width(int n) {
                    int m = n * 2;
                    return StringUtils.leftPad(Integer.toString(m), 6).length();
                }
            }
            """;

    @TempDir
    Path temp;
    InProcessClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        System.clearProperty("liftsys.projects.cache");
        System.clearProperty("liftsys.projects.online");
        System.clearProperty("liftsys.projects.path");
    }

    @Test
    void anUnparsablePomIsAnErrorOnItsLineQuantitiesNameItAndAFixClearsIt() throws Exception {
        Path project = temp.resolve("broken");
        Path pom = project.resolve("pom.xml");
        write(pom, "<project>\n  <modelVersion>4.0.0</modelVersion>\n  <artifactId>x\n</project>\n");
        Path file = write(project.resolve("src/main/java/p/Pad.java"), USES_LANG);
        start(project);
        client.open(file.toUri().toString(), 1, USES_LANG);
        PublishDiagnosticsParams diagnostic = awaitDiagnostics(pom, d -> !d.getDiagnostics().isEmpty());
        assertEquals("liftsys", diagnostic.getDiagnostics().get(0).getSource());
        assertTrue(diagnostic.getDiagnostics().get(0).getRange().getStart().getLine() >= 2,
                () -> "the XML parser's line: " + diagnostic);
        assertShownOnce(pom);

        JsonObject structural = impact(file, "int m", "m", false);
        assertTrue(structural.getAsJsonArray("downstream").size() > 0, structural::toString);
        JsonObject quantified = impact(file, "int n", "n", true);
        String message = quantified.getAsJsonObject("degraded").get("message").getAsString();
        assertTrue(message.contains(pom.toString()) && message.contains("could not be resolved"), message);

        // Fixed: a valid pom with the dependency; the watcher's notification resolves it again.
        write(pom, "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>t</groupId>\n  <artifactId>x</artifactId>\n  <version>1</version>\n"
                + "  <dependencies>\n    <dependency>\n      <groupId>org.apache.commons</groupId>\n"
                + "      <artifactId>commons-lang3</artifactId>\n      <version>3.12.0</version>\n"
                + "    </dependency>\n  </dependencies>\n</project>\n");
        client.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                new FileEvent(pom.toUri().toString(), FileChangeType.Changed))));
        awaitDiagnostics(pom, d -> d.getDiagnostics().isEmpty());
    }

    @Test
    void aDependencyThatDoesNotExistOfflineIsAWarningOnItsDependencyLine() throws Exception {
        System.setProperty("liftsys.projects.online", "false");
        Path project = temp.resolve("missing");
        Path pom = project.resolve("pom.xml");
        write(pom, "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>t</groupId>\n  <artifactId>missing</artifactId>\n  <version>1</version>\n"
                + "  <dependencies>\n    <dependency>\n      <groupId>liftsys.test</groupId>\n"
                + "      <artifactId>no-such-artifact</artifactId>\n      <version>9.9.9</version>\n"
                + "    </dependency>\n  </dependencies>\n</project>\n");
        Path file = write(project.resolve("src/main/java/p/Pad.java"), USES_LANG);
        start(project);
        client.open(file.toUri().toString(), 1, USES_LANG);
        PublishDiagnosticsParams diagnostic = awaitDiagnostics(pom, d -> !d.getDiagnostics().isEmpty());
        assertEquals(8, diagnostic.getDiagnostics().get(0).getRange().getStart().getLine(),
                () -> "0-based line of <artifactId>no-such-artifact</artifactId>: " + diagnostic);
        assertTrue(diagnostic.getDiagnostics().get(0).getMessage().getLeft().contains("offline"), diagnostic::toString);
        assertShownOnce(pom);
        JsonObject quantified = impact(file, "int n", "n", true);
        String message = quantified.getAsJsonObject("degraded").get("message").getAsString();
        assertTrue(message.contains(pom.toString()), message);
        assertTrue(impact(file, "int m", "m", false).getAsJsonArray("downstream").size() > 0);
    }

    @Test
    void aGradleBuildWithNoGradleToRunIsAWarningOnItsBuildFile() throws Exception {
        System.setProperty("liftsys.projects.path", temp.resolve("no-tools").toString());
        Path project = temp.resolve("gradle");
        write(project.resolve("settings.gradle"), "rootProject.name = 'g'\n");
        Path script = write(project.resolve("build.gradle"), "plugins { id 'java' }\n");
        String text = "package p;\n\npublic class Twice {\n    public static int twice(int n) {\n        return n * 2;\n"
                + "    }\n}\n";
        Path file = write(project.resolve("src/main/java/p/Twice.java"), text);
        start(project);
        client.open(file.toUri().toString(), 1, text);
        PublishDiagnosticsParams diagnostic = awaitDiagnostics(script, d -> !d.getDiagnostics().isEmpty());
        assertTrue(diagnostic.getDiagnostics().get(0).getMessage().getLeft().contains("Gradle"), diagnostic::toString);
        assertShownOnce(script);
        assertTrue(impact(file, "int n", "n", false).getAsJsonArray("downstream").size() > 0);
    }

    private void start(Path workspace) {
        System.setProperty("liftsys.projects.cache", temp.resolve("cache").toString());
        client = InProcessClient.start("{\"liftsys\": {\"warmUp\": false, \"samples\": 60, \"timeoutMs\": 120000}}",
                init -> init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "ws"))));
    }

    private void assertShownOnce(Path buildFile) throws Exception {
        client.sync();
        long shown = client.shown.stream().filter(m -> m.getType() == MessageType.Warning
                && m.getMessage().contains(buildFile.toString())).count();
        assertEquals(1, shown, () -> client.shown.toString());
    }

    private PublishDiagnosticsParams awaitDiagnostics(Path file, Predicate<PublishDiagnosticsParams> wanted)
            throws InterruptedException {
        String uri = file.toUri().toString();
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < until) {
            for (PublishDiagnosticsParams p : List.copyOf(client.diagnostics)) {
                if (p.getUri().equals(uri) && wanted.test(p)) {
                    return p;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such diagnostics of " + uri + ": " + client.diagnostics);
    }

    private JsonObject impact(Path file, String needle, String word, boolean quantify) throws Exception {
        String text = Files.readString(file);
        int at = text.indexOf(needle) + needle.lastIndexOf(word);
        int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        int character = at - (text.lastIndexOf('\n', at - 1) + 1);
        return client.server.causalImpact(JsonParser.parseString("{\"textDocument\":{\"uri\":\"" + file.toUri()
                + "\"},\"position\":{\"line\":" + line + ",\"character\":" + character + "},\"quantify\":" + quantify
                + "}")).get(3, TimeUnit.MINUTES);
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
