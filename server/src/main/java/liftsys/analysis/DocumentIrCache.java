package liftsys.analysis;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.IncrementalReparser;
import liftsys.ir.JavaDocument;
import liftsys.text.DocumentSnapshot;

/**
 * The structure of each open document's latest snapshot. A whole-file parse happens on the first
 * question about a snapshot that has none; after that, each edit inside a method body updates the
 * structure by reparsing that method alone (DESIGN.md invariant 3), and any other edit drops it so
 * the next question parses the file. Thread-safe.
 */
public final class DocumentIrCache {
    private final DocumentParser parser;
    private final GraphCache graphs;
    private final boolean incremental;
    private final Map<String, Parsed> byUri = new ConcurrentHashMap<>();

    private record Parsed(DocumentSnapshot snapshot, JavaDocument document) {
    }

    /** {@code incremental} false makes every edit cost a full parse (the benchmark's baseline). */
    public DocumentIrCache(GraphCache graphs, boolean incremental) {
        this.graphs = graphs;
        this.incremental = incremental;
        this.parser = new DocumentParser(graphs);
    }

    public DocumentIrCache(GraphCache graphs) {
        this(graphs, true);
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

    /** Follows an edit from {@code before} to {@code after}; cheap, and never parses the whole file. */
    public void edited(DocumentSnapshot before, DocumentSnapshot after) {
        byUri.compute(after.uri(), (uri, current) -> {
            if (current == null || current.snapshot() != before || !incremental) {
                return null;
            }
            Optional<JavaDocument> updated = IncrementalReparser.apply(current.document(), after.edits(), after.text());
            return updated.map(d -> new Parsed(after, d)).orElse(null);
        });
    }

    public void forget(String uri) {
        byUri.remove(uri);
    }

    public GraphCache graphs() {
        return graphs;
    }
}
