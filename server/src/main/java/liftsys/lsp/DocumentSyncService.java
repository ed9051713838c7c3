package liftsys.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import liftsys.text.DocumentStore;
import liftsys.text.TextChange;
import liftsys.text.TextRange;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * Document sync and hover. Notifications run on LSP4J's reader thread in arrival order, so a
 * request that follows an edit sees the edited snapshot.
 */
final class DocumentSyncService implements TextDocumentService {
    private final ServerState state;
    private final HoverHandler hover;
    private final LensAndHintHandler lenses;

    DocumentSyncService(ServerState state) {
        this.state = state;
        this.hover = new HoverHandler(state);
        this.lenses = new LensAndHintHandler(state);
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var doc = params.getTextDocument();
        state.documents.open(doc.getUri(), doc.getVersion(), doc.getText());
        state.opened(doc.getUri(), doc.getText());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        Integer version = params.getTextDocument().getVersion();
        if (version == null) {
            state.log(MessageType.Warning, "refused a change of " + uri + " without a version");
            return;
        }
        List<TextChange> changes = new ArrayList<>();
        for (TextDocumentContentChangeEvent e : params.getContentChanges()) {
            changes.add(e.getRange() == null ? TextChange.wholeText(e.getText())
                    : new TextChange(new TextRange(Conversions.position(e.getRange().getStart()),
                    Conversions.position(e.getRange().getEnd())), e.getText()));
        }
        DocumentStore.EditResult result = state.documents.change(uri, version, changes);
        if (!result.applied()) {
            state.log(MessageType.Warning, "refused a change: " + result.refusal());
            return;
        }
        state.ir.edited(result.previous(), result.snapshot());
        if (state.diagnostics.has(uri)) {
            state.diagnosticsRefresh.schedule(uri);
        }
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        state.documents.close(params.getTextDocument().getUri());
        state.ir.forget(params.getTextDocument().getUri());
        state.diagnostics.closed(params.getTextDocument().getUri());
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // The open document's text is the truth for Java; a saved build file changes the build.
        state.projects.saved(params.getTextDocument().getUri());
    }

    @Override
    public CompletableFuture<List<? extends org.eclipse.lsp4j.CodeLens>> codeLens(org.eclipse.lsp4j.CodeLensParams params) {
        return CompletableFutures.computeAsync(state.workers, cancel -> {
            try {
                return lenses.codeLenses(params);
            } catch (liftsys.analysis.BadQueryException e) {
                throw InvalidParams.of(e.getMessage());
            }
        });
    }

    @Override
    public CompletableFuture<org.eclipse.lsp4j.CodeLens> resolveCodeLens(org.eclipse.lsp4j.CodeLens lens) {
        return CompletableFutures.computeAsync(state.workers, cancel -> lenses.resolve(lens));
    }

    @Override
    public CompletableFuture<List<org.eclipse.lsp4j.InlayHint>> inlayHint(org.eclipse.lsp4j.InlayHintParams params) {
        return CompletableFutures.computeAsync(state.workers, cancel -> {
            try {
                return lenses.inlayHints(params);
            } catch (liftsys.analysis.BadQueryException e) {
                throw InvalidParams.of(e.getMessage());
            }
        });
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return CompletableFutures.computeAsync(state.workers, cancel -> hover.hover(params, cancel));
    }
}
