package liftsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md invariant 1 and the layering: only lsp/ (and cli/, which starts it) know LSP4J; Gson is
 * known there and at the process boundaries, which each have one codec written with it; and each
 * layer imports only the layers below it.
 */
class LayeringTest {
    private static final Path MAIN = Path.of(System.getProperty("liftsys.root", ".."), "server/src/main/java/liftsys");
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("time", Set.of()),
            Map.entry("text", Set.of()),
            Map.entry("ir", Set.of("text")),
            // The worker JVM's room and the one package it shares with the server: the protocol.
            Map.entry("wire", Set.of()),
            Map.entry("worker", Set.of("wire")),
            Map.entry("trace", Set.of("text", "ir", "wire")),
            Map.entry("sidecar", Set.of()),
            Map.entry("project", Set.of()),
            Map.entry("analysis", Set.of("text", "ir", "trace", "sidecar", "project")),
            // lsp/ and cli/ get plain answers from analysis/ (EditorFacts, MethodGraphView): they never walk ir/.
            Map.entry("lsp", Set.of("text", "trace", "sidecar", "project", "analysis")),
            Map.entry("cli", Set.of("text", "trace", "sidecar", "project", "analysis", "lsp")));
    /** Below every layer: the request's deadline, which each layer may take. */
    private static final Set<String> FOUNDATION = Set.of("time");

    /** The layers that may know Gson: the editor's protocol, and the codec of each process boundary. */
    private static final Set<String> GSON_LAYERS = Set.of("lsp", "cli", "sidecar", "wire");

    @Test
    void onlyLspAndCliKnowLsp4jAndOnlyTheBoundariesKnowGson() throws IOException {
        List<String> violations = new ArrayList<>();
        forEachImport((layer, file, imported) -> {
            boolean lsp4j = imported.startsWith("org.eclipse.lsp4j") && !layer.equals("lsp") && !layer.equals("cli");
            boolean gson = imported.startsWith("com.google.gson") && !GSON_LAYERS.contains(layer);
            if (lsp4j || gson) {
                violations.add(file + " imports " + imported);
            }
        });
        assertEquals(List.of(), violations);
    }

    @Test
    void layersImportOnlyTheLayersBelow() throws IOException {
        List<String> violations = new ArrayList<>();
        forEachImport((layer, file, imported) -> {
            if (imported.startsWith("liftsys.")) {
                String other = imported.split("\\.")[1];
                if (!other.equals(layer) && !FOUNDATION.contains(other)
                        && !ALLOWED.getOrDefault(layer, Set.of()).contains(other)) {
                    violations.add(file + " (" + layer + ") imports " + imported);
                }
            }
        });
        assertEquals(List.of(), violations);
    }

    /**
     * The worker JVM is started with the server's classes but loads only its own room: the JDK, its
     * package and the protocol it shares with the server, whose codec alone uses Gson. No
     * JavaParser, no liftsys.ir there, and not even the request's deadline: the worker gets its
     * budget in the request.
     */
    @Test
    void theWorkerNeedsTheJdkAndTheWireAlone() throws IOException {
        List<String> violations = new ArrayList<>();
        forEachImport((layer, file, imported) -> {
            // sun.reflect is the JDK's too (module jdk.unsupported), where the worker makes a receiver without a constructor.
            boolean jdk = imported.startsWith("java.") || imported.startsWith("javax.") || imported.startsWith("jdk.")
                    || imported.startsWith("sun.reflect.");
            boolean allowed = switch (layer) {
                case "worker" -> jdk || imported.startsWith("liftsys.worker.") || imported.startsWith("liftsys.wire.");
                case "wire" -> jdk || imported.startsWith("liftsys.wire.") || imported.startsWith("com.google.gson");
                default -> true;
            };
            if (!allowed) {
                violations.add(file + " (" + layer + ") imports " + imported);
            }
        });
        assertEquals(List.of(), violations);
    }

    private interface ImportVisitor {
        void visit(String layer, Path file, String imported);
    }

    private static void forEachImport(ImportVisitor visitor) throws IOException {
        assertTrue(Files.isDirectory(MAIN), "sources at " + MAIN);
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String layer = MAIN.relativize(file).getName(0).toString();
                for (String line : Files.readAllLines(file)) {
                    String trimmed = line.trim();
                    if (trimmed.startsWith("import ")) {
                        String imported = trimmed.substring(7).replace("static ", "").replace(";", "").trim();
                        visitor.visit(layer, file.getFileName(), imported);
                    }
                }
                // A name written out in the code is a use as much as an import is.
                for (String qualified : qualifiedReferences(Files.readString(file))) {
                    visitor.visit(layer, file.getFileName(), qualified);
                }
            }
        }
    }

    /** A name qualified by a package of ours or a library's ({@code io} and the like are too often variables). */
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w$.])(?:liftsys|com|org|net|jdk|sun)\\.[a-z][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+");

    /**
     * The fully qualified names of liftsys's and libraries' packages in a source's code: not in its
     * package and import lines, comments, strings, characters or text blocks (the worker is started
     * by a name in a string, which is no use of its classes).
     */
    static List<String> qualifiedReferences(String source) {
        Matcher m = QUALIFIED.matcher(codeOnly(source).replaceAll("(?m)^\\s*(?:package|import) .*$", ""));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /**
     * The source with every comment, string, character and text block blanked (line breaks kept),
     * in one pass, so a {@code "//"} in a string is no comment and a quote in a comment no string.
     */
    private static String codeOnly(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            int at = i;
            String open = Stream.of("//", "/*", "\"\"\"", "\"", "'").filter(o -> source.startsWith(o, at)).findFirst()
                    .orElse(null);
            if (open == null) {
                code.append(source.charAt(i++));
                continue;
            }
            String close = switch (open) {
                case "//" -> "\n";
                case "/*" -> "*/";
                default -> open;
            };
            boolean escapes = open.equals("\"") || open.equals("'") || open.equals("\"\"\"");
            int j = i + open.length();
            while (j < source.length() && !source.startsWith(close, j)) {
                j += escapes && source.charAt(j) == '\\' ? 2 : 1;
            }
            j = Math.min(source.length(), j + close.length());
            for (int k = i; k < j; k++) {
                code.append(source.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = j;
        }
        return code.toString();
    }

    @Test
    void qualifiedNamesAreFoundInCodeAndNotInCommentsOrStrings() {
        String source = """
                package liftsys.analysis;
                import liftsys.ir.Member;
                /** See {@link liftsys.lsp.Hidden}. */
                class A {
                    liftsys.sidecar.NodeIntervention.Shift shift; // liftsys.lsp.InAComment
                    String s = "liftsys.worker.WorkerMain", t = \"""
                            liftsys.lsp.InATextBlock
                            \""";
                    char q = '"';
                    Object o = new org.eclipse.lsp4j.Position(), g = com.google.gson.JsonParser.parseString(s);
                }
                """;
        assertEquals(List.of("liftsys.sidecar.NodeIntervention.Shift", "org.eclipse.lsp4j.Position",
                "com.google.gson.JsonParser.parseString"), qualifiedReferences(source));
    }
}
