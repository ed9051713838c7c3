package liftsys.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import liftsys.testing.Fixtures;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/**
 * A thousand random incremental edits (inserts, deletes, replacements across lines, surrogate
 * pairs, text that breaks and repairs the syntax): the server's text stays the client's, and
 * its answers equal those of a fresh server opened on the final text.
 */
class RandomEditTest {
    private static final String URI = "file:///work/Random.java";
    private static final String[] SNIPPETS = {
        "x", "1", " ", "\n", "\r\n", "\uD83D\uDE00", "\u00e9", "int t = price * 2;\n", "{", "}", "(", ";",
        "if (price > 3) { shipping = 1; }\n", "\"str\\\"ing\"", "/* c */", "// line\n", "return 0;",
        "double q = subtotal + \uD83D\uDE00;", "\n    ", "for (int k = 0; k < n; k++) acc += k;\n",
    };

    @Test
    void thousandRandomEditsKeepTextAndAnswers() throws Exception {
        Random random = new Random(42);
        String text = Fixtures.read("/Pricing.java");
        try (InProcessClient client = InProcessClient.start()) {
            client.open(URI, 1, text);
            int version = 1;
            for (int edit = 0; edit < 1000; ) {
                int changesInNotification = 1 + random.nextInt(3);
                List<TextDocumentContentChangeEvent> changes = new ArrayList<>();
                for (int k = 0; k < changesInNotification && edit < 1000; k++, edit++) {
                    ClientEdit e = randomEdit(random, text);
                    changes.add(e.event);
                    text = e.after;
                }
                client.change(URI, ++version, changes);
                if (edit % 100 == 0) {
                    assertEquals(text, client.serverText(URI), "server text after " + edit + " edits");
                }
            }
            assertEquals(text, client.serverText(URI));
            try (InProcessClient fresh = InProcessClient.start()) {
                fresh.open(URI, 1, text);
                compareAnswers(random, text, client, fresh);
            }
        }
    }

    private static void compareAnswers(Random random, String text, InProcessClient edited, InProcessClient fresh)
            throws Exception {
        ClientText model = new ClientText(text);
        for (int i = 0; i < 200; i++) {
            int offset = random.nextInt(text.length() + 1);
            Position p = model.positionOf(offset);
            String direction = i % 2 == 0 ? "downstream" : "both";
            assertEquals(answerOrError(fresh, p, direction), answerOrError(edited, p, direction),
                    "answer at " + p);
        }
    }

    private static String answerOrError(InProcessClient client, Position p, String direction) throws Exception {
        try {
            JsonObject answer = client.impact(URI, p.getLine(), p.getCharacter(), direction);
            answer.remove("version");
            return answer.toString();
        } catch (ExecutionException e) {
            return "error: " + e.getCause().getMessage();
        }
    }

    private record ClientEdit(TextDocumentContentChangeEvent event, String after) {
    }

    private static ClientEdit randomEdit(Random random, String text) {
        ClientText model = new ClientText(text);
        int start = model.safeOffset(random.nextInt(text.length() + 1));
        int maxLength = random.nextInt(4) == 0 ? 80 : 12;
        int end = model.safeOffset(Math.min(text.length(), start + random.nextInt(maxLength + 1)));
        String inserted = "";
        int kind = random.nextInt(3);
        if (kind != 1) {
            inserted = SNIPPETS[random.nextInt(SNIPPETS.length)];
        }
        if (kind == 0) {
            end = start;
        }
        Range range = new Range(model.positionOf(start), model.positionOf(end));
        String after = text.substring(0, start) + inserted + text.substring(end);
        return new ClientEdit(new TextDocumentContentChangeEvent(range, inserted), after);
    }

    /** The client's own line model, written apart from the server's so a shared mistake cannot hide. */
    private record ClientText(String text) {
        Position positionOf(int offset) {
            int line = 0;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                char c = text.charAt(i);
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new Position(line, offset - lineStart);
        }

        /** Moves an offset off the middle of a surrogate pair and of a CR LF pair. */
        int safeOffset(int offset) {
            if (offset > 0 && offset < text.length()) {
                char before = text.charAt(offset - 1);
                char at = text.charAt(offset);
                if ((Character.isHighSurrogate(before) && Character.isLowSurrogate(at)) || (before == '\r' && at == '\n')) {
                    return offset - 1;
                }
            }
            return offset;
        }
    }
}
