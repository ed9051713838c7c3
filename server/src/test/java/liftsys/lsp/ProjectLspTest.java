package liftsys.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import liftsys.testing.Trees;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project model through the LSP (issue 14), with the real Maven on the multi-module fixture
 * (server/src/test/resources/projects/multi, resolved once into a cache of this test, offline
 * first), a real worker and a real sidecar, and no settings but the seed, the sample count and a
 * jar of this test on {@code classpath}: methods that call a sibling class, a package-private
 * helper of a dependency and the declared dependency are quantified; the fit key follows a
 * transitive callee in the same file and in a sibling file, a nested constant and a jar, and
 * an edit elsewhere keeps the fit. Every effect here is known by hand (the methods are linear).
 */
class ProjectLspTest {
    private static final Path FIXTURE = Path.of(System.getProperty("liftsys.root", ".."),
            "server/src/test/resources/projects/multi").toAbsolutePath().normalize();
    private static final String CHAIN = """
            package demo.core;

            public class Chain {
                static class Factors {
                    static final double FACTOR = 5;
                }

                public static double a(double x) {
                    return b(x) * 2;
                }

                static double b(double y) {
                    return c(y);
                }

                static double c(double w) {
                    return w * 3;
                }

                public static double scaled(double x) {
                    return x * Factors.FACTOR;
                }

                public static double taxed(double x) {
                    return Rates.withTax(x);
                }

                static double unrelated(double z) {
                    return z + 1;
                }
            }
            """;
    private static final String GAINED = """
            package demo.core;

            public class Gained {
                public static double gained(double x) {
                    return x * lib.Gain.g();
                }
            }
            """;

    @TempDir
    static Path temp;
    static Path multi;
    static Path jar;
    static InProcessClient client;

    @BeforeAll
    static void start() throws Exception {
        multi = Trees.copy(FIXTURE, temp.resolve("multi"));
        Path core = multi.resolve("core/src/main/java/demo/core");
        Files.writeString(core.resolve("Chain.java"), CHAIN);
        Files.writeString(core.resolve("Gained.java"), GAINED);
        jar = temp.resolve("lib/gain.jar");
        buildJar(jar, 2);
        System.setProperty("liftsys.projects.cache", temp.resolve("resolved").toString());
        client = InProcessClient.start("{\"liftsys\": {\"warmUp\": false, \"samples\": 120, \"seed\": 5, "
                + "\"timeoutMs\": 180000, \"classpath\": [\"" + jar + "\"]}}", init -> {
            ClientCapabilities capabilities = new ClientCapabilities();
            WindowClientCapabilities window = new WindowClientCapabilities();
            window.setWorkDoneProgress(true);
            capabilities.setWindow(window);
            WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
            workspace.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
            capabilities.setWorkspace(workspace);
            init.setCapabilities(capabilities);
            init.setWorkspaceFolders(List.of(new WorkspaceFolder(multi.toUri().toString(), "multi"),
                    new WorkspaceFolder("not a uri at all", "broken"), new WorkspaceFolder("untitled:x", "virtual")));
        });
    }

    @AfterAll
    static void stop() {
        client.close();
        System.clearProperty("liftsys.projects.cache");
    }

    @Test
    void theBuildFilesAreWatchedAndMalformedFoldersAreLoggedNotFatal() throws Exception {
        client.sync();
        assertTrue(client.registrations.stream().flatMap(r -> r.getRegistrations().stream())
                .anyMatch(r -> r.getMethod().equals("workspace/didChangeWatchedFiles")), "a watcher registration");
        assertTrue(client.logs.stream().anyMatch(m -> m.getMessage().contains("ignored the workspace folder not a uri")),
                () -> client.logs.toString());
        assertTrue(client.logs.stream().anyMatch(m -> m.getMessage().contains("ignored the workspace folder untitled:x")));
    }

    @Test
    void aMethodCallingASiblingClassAndAPackagePrivateHelperIsQuantified() throws Exception {
        // total(price, quantity) = round2(price * quantity * 1.2): shifting quantity by one adds price * 1.2.
        JsonObject answer = quantify("core/src/main/java/demo/core/Calculator.java", "double price", "price");
        assertFitted(answer);
        assertTrue(client.progress.stream().anyMatch(p -> p.getValue().getLeft().toString()
                .contains("resolving the Maven class path")), "the resolve showed as progress");
    }

    @Test
    void aMethodCallingAPackagePrivateHelperOfADependencyIsQuantified() throws Exception {
        JsonObject answer = quantify("app/src/main/java/org/apache/commons/lang3/Positions.java", "int start", "start");
        assertFitted(answer);
    }

    @Test
    void aMethodUsingTheSiblingModuleAndTheDeclaredDependencyIsQuantified() throws Exception {
        JsonObject answer = quantify("app/src/main/java/demo/app/Invoice.java", "double price", "price");
        assertFitted(answer);
    }

    @Test
    void editingATransitiveCalleeInTheFileChangesTheFitAndAnEditElsewhereKeepsIt() throws Exception {
        Path file = multi.resolve("core/src/main/java/demo/core/Chain.java");
        assertEffect(quantify(file, CHAIN, "a(double x", "x"), 6, false);
        String unrelated = CHAIN.replace("return z + 1;", "return z + 2;");
        assertEffect(quantify(file, unrelated, "a(double x", "x"), 6, true);
        String callee = unrelated.replace("return w * 3;", "return w * 7;");
        assertEffect(quantify(file, callee, "a(double x", "x"), 14, false);
    }

    @Test
    void editingANestedConstantChangesTheFit() throws Exception {
        Path file = multi.resolve("core/src/main/java/demo/core/Chain.java");
        String text = CHAIN.replace("return w * 3;", "return w * 4;"); // a version of its own
        assertEffect(quantify(file, text, "scaled(double x", "x"), 5, false);
        assertEffect(quantify(file, text.replace("FACTOR = 5", "FACTOR = 9"), "scaled(double x", "x"), 9, false);
    }

    @Test
    void editingATransitiveCalleeInASiblingFileChangesTheFit() throws Exception {
        Path file = multi.resolve("core/src/main/java/demo/core/Chain.java");
        String text = CHAIN.replace("return z + 1;", "return z + 3;");
        assertEffect(quantify(file, text, "taxed(double x", "x"), 1.2, false);
        Path rates = multi.resolve("core/src/main/java/demo/core/Rates.java");
        Files.writeString(rates, Files.readString(rates).replace("TAX = 0.2", "TAX = 0.5"));
        assertEffect(quantify(file, text, "taxed(double x", "x"), 1.5, false);
        assertEffect(quantify(file, text, "taxed(double x", "x"), 1.5, true);
    }

    @Test
    void rebuildingAJarOnTheClassPathChangesTheFit() throws Exception {
        Path file = multi.resolve("core/src/main/java/demo/core/Gained.java");
        assertEffect(quantify(file, GAINED, "double x", "x"), 2, false);
        buildJar(jar, 4);
        // The class path's fingerprint is taken again once it is a second old (ProjectModel's
        // FINGERPRINT_TTL_NANOS): a first fit quicker than that (a quiet machine) would otherwise
        // be asked again within it and found cached.
        Thread.sleep(1100);
        assertEffect(quantify(file, GAINED, "double x", "x"), 4, false);
    }

    // ---- helpers ----

    private static JsonObject quantify(String relative, String needle, String word) throws Exception {
        Path file = multi.resolve(relative);
        return quantify(file, Files.readString(file), needle, word);
    }

    private static int version = 1;

    /** Opens (or reopens with new text) the document and quantifies the word in {@code needle}. */
    private static JsonObject quantify(Path file, String text, String needle, String word) throws Exception {
        String uri = file.toUri().toString();
        client.server.getTextDocumentService().didClose(new org.eclipse.lsp4j.DidCloseTextDocumentParams(
                new org.eclipse.lsp4j.TextDocumentIdentifier(uri)));
        client.open(uri, ++version, text);
        int at = text.indexOf(needle) + needle.lastIndexOf(word);
        int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        int character = at - (text.lastIndexOf('\n', at - 1) + 1);
        JsonElement params = JsonParser.parseString("{\"textDocument\":{\"uri\":\"" + uri + "\"},\"position\":{\"line\":"
                + line + ",\"character\":" + character + "},\"quantify\":true}");
        return client.server.causalImpact(params).get(4, TimeUnit.MINUTES);
    }

    private static void assertFitted(JsonObject answer) {
        assertTrue(answer.get("degraded").isJsonNull(), () -> "degraded: " + answer.get("degraded"));
        assertTrue(answer.getAsJsonObject("model").get("samples").getAsInt() >= 60, answer::toString);
    }

    private static void assertEffect(JsonObject answer, double expected, boolean cached) {
        assertFitted(answer);
        assertEquals(cached, answer.getAsJsonObject("model").get("cached").getAsBoolean(), "cached");
        JsonObject returned = null;
        for (JsonElement e : answer.getAsJsonArray("downstream")) {
            if (e.getAsJsonObject().get("name").getAsString().equals("return")) {
                returned = e.getAsJsonObject().getAsJsonObject("effect");
            }
        }
        assertFalse(returned == null, answer::toString);
        assertEquals(expected, returned.get("value").getAsDouble(), Math.abs(expected) * 0.05, answer::toString);
    }

    /** A jar with {@code lib.Gain.g()} returning {@code gain}, written over the same path. */
    static void buildJar(Path jar, double gain) throws IOException {
        Path src = Files.createDirectories(jar.resolveSibling("src-" + (long) gain).resolve("lib"));
        Files.writeString(src.resolve("Gain.java"), "package lib; public class Gain { public static double g() "
                + "{ return " + gain + "; } }");
        Path classes = Files.createDirectories(jar.resolveSibling("classes-" + (long) gain));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), src.resolve("Gain.java").toString()));
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("lib/Gain.class"));
            j.write(Files.readAllBytes(classes.resolve("lib/Gain.class")));
            j.closeEntry();
        }
        // A rebuilt jar usually gets a new modification time; make sure it does within the same second.
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                + (long) gain * 1000));
    }

    @SuppressWarnings("unused")
    private static FileEvent changed(Path file) {
        return new FileEvent(file.toUri().toString(), FileChangeType.Changed);
    }

    @SuppressWarnings("unused")
    private static DidChangeWatchedFilesParams watched(Path file) {
        return new DidChangeWatchedFilesParams(List.of(changed(file)));
    }
}
