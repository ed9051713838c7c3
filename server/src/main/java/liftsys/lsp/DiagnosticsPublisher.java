package liftsys.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import liftsys.analysis.Degradation;
import liftsys.analysis.EditorFacts;
import liftsys.text.DocumentSnapshot;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

/**
 * The protocol's diagnostics: one per method whose quantitative analysis was degraded, on the
 * method's name, kept by the method's text so it follows the method when text above it moves,
 * and dropped when an analysis of the method succeeds, its text changes, or, when the file not
 * compiling was the cause, the file compiles again. Thread-safe.
 */
final class DiagnosticsPublisher {
    private final ServerState state;
    private final Map<String, Map<String, Degradation>> byUri = new ConcurrentHashMap<>();
    private volatile boolean codeDescriptions;

    DiagnosticsPublisher(ServerState state) {
        this.state = state;
    }

    void supportCodeDescriptions(boolean supported) {
        codeDescriptions = supported;
    }

    /** Records the outcome of a quantitative analysis of a method and republishes the document. */
    void analysed(DocumentSnapshot snapshot, EditorFacts.Method member, Degradation degradation) {
        Map<String, Degradation> methods = byUri.computeIfAbsent(snapshot.uri(), k -> new ConcurrentHashMap<>());
        boolean changed = degradation == null ? methods.remove(member.text()) != null
                : !degradation.equals(methods.put(member.text(), degradation));
        if (changed) {
            publish(snapshot);
        }
    }

    /** Whether the document has diagnostics that an edit may move or drop. */
    boolean has(String uri) {
        Map<String, Degradation> methods = byUri.get(uri);
        return methods != null && !methods.isEmpty();
    }

    /**
     * After an edit: diagnostics of methods whose text changed go, the others move with their
     * methods, and those caused by the file not compiling go once it parses and compiles.
     */
    void refresh(DocumentSnapshot snapshot) {
        Map<String, Degradation> methods = byUri.get(snapshot.uri());
        if (methods != null && !methods.isEmpty()) {
            if (methods.values().stream().anyMatch(Degradation::fileDoesNotCompile)
                    && state.impact.fileCompiles(snapshot, state.settings.get())) {
                methods.values().removeIf(Degradation::fileDoesNotCompile);
            }
            publish(snapshot);
        }
    }

    void closed(String uri) {
        if (byUri.remove(uri) != null && state.client() != null) {
            state.client().publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
        }
    }

    private void publish(DocumentSnapshot snapshot) {
        Map<String, Degradation> methods = byUri.getOrDefault(snapshot.uri(), Map.of());
        Map<String, EditorFacts.Method> present = new LinkedHashMap<>();
        state.editor.outline(snapshot).methods().forEach(m -> present.putIfAbsent(m.text(), m));
        methods.keySet().retainAll(present.keySet());
        List<Diagnostic> diagnostics = new ArrayList<>();
        methods.forEach((text, degradation) -> diagnostics.add(diagnostic(snapshot, present.get(text), degradation)));
        if (state.client() != null) {
            state.client().publishDiagnostics(
                    new PublishDiagnosticsParams(snapshot.uri(), diagnostics, snapshot.version()));
        }
    }

    private Diagnostic diagnostic(DocumentSnapshot snapshot, EditorFacts.Method member, Degradation degradation) {
        Degradation.Reason reason = degradation.reason();
        DiagnosticSeverity severity = reason == Degradation.Reason.TRACE_FAILED || reason == Degradation.Reason.TIMEOUT
                ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
        Diagnostic d = new Diagnostic(Conversions.lsp(snapshot.rangeOf(member.nameRange())),
                "Effect sizes of " + member.name() + " are unavailable: " + degradation.message(), severity,
                "liftsys", reason.wireName());
        if (codeDescriptions) {
            d.setCodeDescription(new DiagnosticCodeDescription(troubleshooting(reason)));
        }
        return d;
    }

    /** The README's troubleshooting entry for a reason, in this installation. */
    private static String troubleshooting(Degradation.Reason reason) {
        Path readme = Path.of(System.getProperty("liftsys.root", ".")).toAbsolutePath().normalize().resolve("README.md");
        return readme.toUri() + "#" + reason.wireName();
    }
}
