package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static final String CHAIN = """
            package demo;
            class Chain {
                static class Rates {
                    static final double FACTOR = 5;
                }
                static double a(double x) { return b(x) * 2; }
                static double b(double y) { return c(y); }
                static double c(double w) { return w * 3; }
                static double scaled(double x) { return x * Rates.FACTOR; }
                static double unrelated(double z) { return z + 1; }
            }
            """;

    @Test
    void anEditOfATransitiveCalleeOrOfANestedConstantChangesTheKeyAndAnUnrelatedEditDoesNot() {
        assertNotEquals(key(CHAIN, "a"), key(CHAIN.replace("w * 3", "w * 7"), "a"));
        assertNotEquals(key(CHAIN, "scaled"), key(CHAIN.replace("FACTOR = 5", "FACTOR = 9"), "scaled"));
        assertEquals(key(CHAIN, "a"), key(CHAIN.replace("z + 1", "z + 2"), "a"));
        assertEquals(key(CHAIN, "a"), key(CHAIN.replace("FACTOR = 5", "FACTOR = 9"), "a"));
    }

    @Test
    void twoClassesWithTheSameMethodTextAndDifferentNestedConstantsHaveDifferentKeys() {
        String two = """
                class One {
                    static class Rates { static final double FACTOR = 5; }
                    static double scaled(double x) { return x * Rates.FACTOR; }
                }
                class Two {
                    static class Rates { static final double FACTOR = 9; }
                    static double scaled(double x) { return x * Rates.FACTOR; }
                }
                """;
        JavaDocument d = new DocumentParser(new GraphCache(16)).parse(two);
        List<String> keys = d.members().stream().map(m -> ContentKey.of(d, m, d.graphOf(m), Settings.DEFAULTS)).toList();
        assertEquals(2, keys.size());
        assertNotEquals(keys.get(0), keys.get(1));
    }

    @Test
    void anEditOfASiblingFileItReachesChangesTheKeyAndAnOpenDocumentsTextWins(@TempDir Path root) throws Exception {
        Path pkg = Files.createDirectories(root.resolve("demo"));
        String caller = """
                package demo;
                import demo.util.Limits;
                class Caller {
                    static double f(double x) { return Helper.twice(x) + Limits.MAX; }
                }
                """;
        Files.writeString(pkg.resolve("Caller.java"), caller);
        String helper = """
                package demo;
                import demo.util.Limits;
                class Helper {
                    static double twice(double v) { return Base.scale(v, 2); }
                    static double other(double v) { return v; }
                }
                """;
        Files.writeString(pkg.resolve("Helper.java"), helper);
        Files.writeString(pkg.resolve("Base.java"), "package demo; class Base { static double scale(double v, double k) "
                + "{ return v * k; } }");
        Path util = Files.createDirectories(pkg.resolve("util"));
        Files.writeString(util.resolve("Limits.java"), "package demo.util; public class Limits { public static final "
                + "double MAX = 1; }");
        ReachedCode.Sources sources = new ReachedCode.Sources(List.of(root), java.util.Map.of());
        String before = key(caller, "f", sources);
        Files.writeString(pkg.resolve("Helper.java"), helper.replace("return v;", "return v + 1;"));
        assertEquals(before, key(caller, "f", sources), "an edit of a method f cannot reach");
        Files.writeString(pkg.resolve("Base.java"), "package demo; class Base { static double scale(double v, double k) "
                + "{ return v * k * 2; } }");
        String afterBase = key(caller, "f", sources);
        assertNotEquals(before, afterBase, "a transitive callee in a sibling file");
        ReachedCode.Sources open = new ReachedCode.Sources(List.of(root), java.util.Map.of(util.resolve("Limits.java"),
                "package demo.util; public class Limits { public static final double MAX = 2; }"));
        assertNotEquals(afterBase, key(caller, "f", open), "an open sibling's constant, found through the import");
    }

    private static String key(String text, String method) {
        return key(text, method, ReachedCode.Sources.NONE);
    }

    private static String key(String text, String method, ReachedCode.Sources sources) {
        JavaDocument d = new DocumentParser(new GraphCache(16)).parse(text);
        Member m = d.members().stream().filter(x -> x.name().equals(method)).findFirst().orElseThrow();
        return ContentKey.of(d, m, d.graphOf(m), Settings.DEFAULTS, sources);
    }

    private static String key(String text) {
        JavaDocument d = new DocumentParser(new GraphCache(16)).parse(text);
        Member f = d.members().stream().filter(m -> m.name().equals("f")).findFirst().orElseThrow();
        return ContentKey.of(d, f, d.graphOf(f), Settings.DEFAULTS);
    }
}
