package liftsys.lsp;

import liftsys.text.Position;
import liftsys.text.TextRange;

/** Between LSP4J's position types and the server's own records. */
final class Conversions {
    private Conversions() {
    }

    static Position position(org.eclipse.lsp4j.Position p) {
        return new Position(p.getLine(), p.getCharacter());
    }

    static org.eclipse.lsp4j.Position lsp(Position p) {
        return new org.eclipse.lsp4j.Position(p.line(), p.character());
    }

    static org.eclipse.lsp4j.Range lsp(TextRange r) {
        return new org.eclipse.lsp4j.Range(lsp(r.start()), lsp(r.end()));
    }
}
