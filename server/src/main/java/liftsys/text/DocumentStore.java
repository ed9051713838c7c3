package liftsys.text;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The open documents, one immutable snapshot each. Edits swap a document's snapshot atomically;
 * readers take whatever snapshot is current. Thread-safe.
 */
public final class DocumentStore {
    private final ConcurrentMap<String, DocumentSnapshot> documents = new ConcurrentHashMap<>();

    /** The outcome of an edit: applied (with the snapshots before and after), or refused with the reason. */
    public record EditResult(boolean applied, String refusal, DocumentSnapshot previous, DocumentSnapshot snapshot) {
        static EditResult applied(DocumentSnapshot before, DocumentSnapshot after) {
            return new EditResult(true, null, before, after);
        }

        static EditResult refused(String why) {
            return new EditResult(false, why, null, null);
        }
    }

    public DocumentSnapshot open(String uri, int version, String text) {
        DocumentSnapshot snapshot = new DocumentSnapshot(uri, version, text);
        documents.put(uri, snapshot);
        return snapshot;
    }

    public Optional<DocumentSnapshot> get(String uri) {
        return Optional.ofNullable(documents.get(uri));
    }

    public void close(String uri) {
        documents.remove(uri);
    }

    /**
     * Applies a notification's changes in order, only when its version is newer than the
     * document's; a stale or unknown version is refused and nothing changes.
     */
    public EditResult change(String uri, int version, List<TextChange> changes) {
        EditResult[] result = new EditResult[1];
        documents.compute(uri, (key, current) -> {
            if (current == null) {
                result[0] = EditResult.refused("document " + uri + " is not open");
                return null;
            }
            if (version <= current.version()) {
                result[0] = EditResult.refused("version " + version + " of " + uri
                        + " is not newer than the open version " + current.version());
                return current;
            }
            try {
                DocumentSnapshot next = current.apply(version, changes);
                result[0] = EditResult.applied(current, next);
                return next;
            } catch (IllegalArgumentException e) {
                result[0] = EditResult.refused(e.getMessage());
                return current;
            }
        });
        return result[0];
    }

    /**
     * The current text of every open document by URI, a copy taken now: what a compilation of a
     * project's sources reads instead of the files on disk (the open text wins).
     */
    public java.util.Map<String, String> openTexts() {
        java.util.Map<String, String> texts = new java.util.HashMap<>();
        documents.forEach((uri, snapshot) -> texts.put(uri, snapshot.text()));
        return texts;
    }

    public int size() {
        return documents.size();
    }
}
