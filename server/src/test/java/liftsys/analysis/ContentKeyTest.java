package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import org.junit.jupiter.api.Test;

/** Quantitative results are keyed by content (DESIGN.md invariant 4), never by position. */
class ContentKeyTest {
    private static final String BASE = """
            class C {
                private double rate = 0.2;
                double helper(double x) { return x * 2; }
                double f(double a) {
                    double b = helper(a) * rate;
                    return b;
                }
                double other(double y) { return y; }
            }
            """;

    @Test
    void anEditAboveOrInAnUnrelatedMethodKeepsTheKey() {
        assertEquals(key(BASE), key("// a comment\n" + BASE));
        assertEquals(key(BASE), key(BASE.replace("return y;", "return y + 1;")));
        assertEquals(key(BASE), key(BASE.replace("double b = helper(a) * rate;", "double  b = helper(a)*rate; // same")));
    }

    @Test
    void anEditOfTheMethodOfACalleeOrOfAFieldItReadsChangesTheKey() {
        assertNotEquals(key(BASE), key(BASE.replace("return b;", "return b + 1;")));
        assertNotEquals(key(BASE), key(BASE.replace("return x * 2;", "return x * 3;")));
        assertNotEquals(key(BASE), key(BASE.replace("rate = 0.2", "rate = 0.3")));
    }

    @Test
    void settingsThatChangeTheAnswerChangeTheKey() {
        JavaDocument d = new DocumentParser(new GraphCache(16)).parse(BASE);
        Member f = d.members().stream().filter(m -> m.name().equals("f")).findFirst().orElseThrow();
        Settings s = Settings.DEFAULTS;
        Settings moreSamples = new Settings(null, 30_000, 600, true, List.of(), 0, "GOOD", 0.7, true, true, true);
        Settings longerTimeout = new Settings(null, 60_000, 500, true, List.of(), 0, "GOOD", 0.7, true, true, true);
        assertNotEquals(ContentKey.of(d, f, d.graphOf(f), s), ContentKey.of(d, f, d.graphOf(f), moreSamples));
        assertEquals(ContentKey.of(d, f, d.graphOf(f), s), ContentKey.of(d, f, d.graphOf(f), longerTimeout));
    }

    private static String key(String text) {
        JavaDocument d = new DocumentParser(new GraphCache(16)).parse(text);
        Member f = d.members().stream().filter(m -> m.name().equals("f")).findFirst().orElseThrow();
        return ContentKey.of(d, f, d.graphOf(f), Settings.DEFAULTS);
    }
}
