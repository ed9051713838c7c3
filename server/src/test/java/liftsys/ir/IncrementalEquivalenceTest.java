package liftsys.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import liftsys.testing.Fixtures;
import liftsys.text.AppliedEdit;
import org.junit.jupiter.api.Test;

/**
 * Method-local reparse is indistinguishable from a full parse: on random edit sequences, whenever
 * the incremental path answers, its members, fields, outline and every method's graph equal a full parse's.
 */
class IncrementalEquivalenceTest {
    private static final String[] SNIPPETS = {
        "x", "1", " ", "\n", "int t = price * 2;", "{", "}", "(", ";", "/*", "*/", "\"", "//", "\uD83D\uDE00",
        "if (price > 3) { shipping = 1; }", "return 0;", "\n        double q = net + 1;\n", "for (;;) {}",
    };

    @Test
    void randomEditsInsideAndOutsideBodies() {
        Random random = new Random(11);
        String text = Fixtures.read("/Pricing.java") + "\nclass Other {\n    int f(int a) { int b = a + 1; return b; }\n"
                + "    static class Inner { int g(int c) { return c * 2; } int h; }\n}\n";
        DocumentParser parser = new DocumentParser(new GraphCache(4096));
        JavaDocument current = parser.parse(text);
        int incremental = 0;
        int edits = 600;
        for (int i = 0; i < edits; i++) {
            AppliedEdit edit = randomEdit(random, text, current);
            String next = text.substring(0, edit.start()) + edit.text() + text.substring(edit.end());
            JavaDocument full = parser.parse(next);
            Optional<JavaDocument> fast = IncrementalReparser.apply(current, List.of(edit), next);
            if (fast.isPresent()) {
                incremental++;
                assertSameStructure(full, fast.get(), "edit " + i + " " + edit);
            }
            if (full.problems().isEmpty()) {
                current = fast.orElse(full);
                text = next;
            } else {
                // Repair at once: the inverse edit, from the broken text back to the last valid one.
                AppliedEdit undo = new AppliedEdit(edit.start(), edit.start() + edit.text().length(),
                        text.substring(edit.start(), edit.end()));
                Optional<JavaDocument> back = IncrementalReparser.apply(fast.orElse(full), List.of(undo), text);
                JavaDocument repaired = parser.parse(text);
                back.ifPresent(d -> assertSameStructure(repaired, d, "undo"));
                current = back.orElse(repaired);
            }
        }
        assertTrue(incremental > edits / 3, "the incremental path was taken " + incremental + " times of " + edits);
    }

    private static void assertSameStructure(JavaDocument expected, JavaDocument actual, String where) {
        assertEquals(expected.members(), actual.members(), where + ": members");
        assertEquals(expected.fields(), actual.fields(), where + ": fields");
        assertEquals(expected.outline(), actual.outline(), where + ": package and types");
        for (int i = 0; i < expected.members().size(); i++) {
            MethodGraph a = expected.graphOf(expected.members().get(i));
            MethodGraph b = actual.graphOf(actual.members().get(i));
            assertEquals(a.variables(), b.variables(), where + ": variables");
            assertEquals(a.definitions(), b.definitions(), where + ": definitions");
            assertEquals(a.edges(), b.edges(), where + ": edges");
            assertEquals(a.occurrences(), b.occurrences(), where + ": occurrences");
        }
    }

    /** Mostly edits inside a method body, where the fast path applies; some anywhere. */
    private static AppliedEdit randomEdit(Random random, String text, JavaDocument document) {
        int start;
        int end;
        List<Member> members = document.members();
        if (!members.isEmpty() && random.nextInt(5) != 0) {
            Member m = members.get(random.nextInt(members.size()));
            int span = m.bodyRange().length() - 2;
            start = m.bodyRange().start() + 1 + random.nextInt(Math.max(1, span));
            end = Math.min(m.bodyRange().end() - 1, start + (random.nextBoolean() ? 0 : random.nextInt(6)));
        } else {
            start = random.nextInt(text.length());
            end = Math.min(text.length(), start + random.nextInt(4));
        }
        if (start > 0 && Character.isLowSurrogate(text.charAt(start)) ) {
            start--;
        }
        if (end > start && end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            end++;
        }
        String inserted = random.nextInt(4) == 0 ? "" : SNIPPETS[random.nextInt(SNIPPETS.length)];
        return new AppliedEdit(start, Math.max(start, end), inserted);
    }
}
