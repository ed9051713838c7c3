package liftsys.analysis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.text.DocumentSnapshot;

/**
 * The parsed form of each open document's latest snapshot, made on the first question about
 * that snapshot and never on an edit alone. Thread-safe.
 */
public final class DocumentIrCache {
    private final DocumentParser parser;
    private final GraphCache graphs;
    private final Map<String, Parsed> byUri = new ConcurrentHashMap<>();

    private record Parsed(DocumentSnapshot snapshot, JavaDocument document) {
    }

    public DocumentIrCache(GraphCache graphs) {
        this.graphs = graphs;
        this.parser = new DocumentParser(graphs);
    }

    public JavaDocument documentOf(DocumentSnapshot snapshot) {
        Parsed current = byUri.get(snapshot.uri());
        if (current != null && current.snapshot() == snapshot) {
            return current.document();
        }
        JavaDocument document = parser.parse(snapshot.text());
        byUri.merge(snapshot.uri(), new Parsed(snapshot, document),
                (old, fresh) -> old.snapshot().version() > fresh.snapshot().version() ? old : fresh);
        return document;
    }

    public void forget(String uri) {
        byUri.remove(uri);
    }

    public GraphCache graphs() {
        return graphs;
    }
}
