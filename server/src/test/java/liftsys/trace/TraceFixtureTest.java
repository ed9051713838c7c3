package liftsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import liftsys.ir.Definition;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.worker.WorkerAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Traces of the examples and of one fixture per construct, run in a real worker: every column is
 * a definition of the graph, and every value in every row is what the Java code computes for that
 * row's inputs, recomputed here by hand (including what a definition that did not run records:
 * its variable's previous value, or zero).
 *
 * <p>Over 500 lines on purpose: it is a table, one {@code check} per construct with the values
 * that construct computes written out beside it, and splitting the table would only scatter it.
 */
class TraceFixtureTest {
    static final int SAMPLES = 200;
    static final long SEED = 7;
    static Tracer tracer;

    @BeforeAll
    static void start() {
        tracer = new Tracer();
    }

    @AfterAll
    static void stop() {
        tracer.close();
    }

    static String resource(String name) {
        try (InputStream in = TraceFixtureTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no resource " + name, e);
        }
    }

    /** One kept execution: the values by column, and the trace for reading the Strings behind String columns. */
    record Row(Trace trace, int index, Map<String, Double> values) {
        /** The String a String column (which holds its length) had in this row. */
        String text(String column) {
            assertTrue(trace.strings().isString(column), column + " holds Strings");
            return trace.strings().value(column, index);
        }

        double get(String column) {
            Double v = values.get(column);
            if (v == null) {
                throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
            }
            return v;
        }

        int i(String column) {
            return (int) get(column);
        }

        boolean bool(String column) {
            return get(column) == 1;
        }
    }

    interface Expect {
        Map<String, Double> of(Row row);
    }

    static Map<String, Double> values(Object... pairs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            m.put((String) pairs[i], v instanceof Boolean b ? (b ? 1.0 : 0.0) : ((Number) v).doubleValue());
        }
        return m;
    }

    static Trace trace(String document, String method) throws TraceException {
        String text = resource(document);
        JavaDocument doc = new DocumentParser(new GraphCache(64)).parse(text);
        Member member = doc.members().stream().filter(m -> m.name().equals(method)).findFirst().orElseThrow();
        Trace t = tracer.trace(new TraceRequest(doc, member, doc.graphOf(member), SAMPLES, SEED, List.of(),
                Duration.ofSeconds(30)));
        assertEquals(doc.graphOf(member).definitions().stream().map(Definition::id).toList(), t.columns(),
                method + ": the columns are the graph's definitions");
        assertEquals(Set.copyOf(t.columns()), t.types().keySet(), method + ": every column has a type");
        return t;
    }

    static Trace check(String document, String method, Expect expect) throws TraceException {
        Trace t = trace(document, method);
        assertTrue(t.rowCount() > SAMPLES / 2, method + ": most executions kept, " + t);
        double[][] rows = t.rows();
        for (int i = 0; i < rows.length; i++) {
            Map<String, Double> byColumn = new LinkedHashMap<>();
            for (int j = 0; j < t.columns().size(); j++) {
                byColumn.put(t.columns().get(j), rows[i][j]);
            }
            Map<String, Double> expected = expect.of(new Row(t, i, byColumn));
            assertEquals(Set.copyOf(t.columns()), expected.keySet(), method + ": the test states every node");
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                assertEquals(e.getValue(), byColumn.get(e.getKey()), 1e-9,
                        method + " row " + i + " column " + e.getKey() + " of " + byColumn);
            }
        }
        return t;
    }

    static Trace constructs(String method, Expect expect) throws TraceException {
        return check("/trace/Constructs.java", method, expect);
    }

    // ---- the examples ---------------------------------------------------------------------------

    @Test
    void pricingTotal() throws TraceException {
        Trace t = check("/Pricing.java", "total", r -> {
            double price = r.get("price@in");
            int quantity = r.i("quantity@in");
            double shipping = r.get("shipping@in");
            double subtotal = price * quantity;
            double discount = subtotal > 100 ? subtotal * 0.05 : 0.0;
            return values("price@in", price, "quantity@in", quantity, "shipping@in", shipping,
                    "subtotal@1", subtotal, "discount@1", 0.0, "discount@2", discount,
                    "net@1", subtotal - discount, "return", subtotal - discount + shipping);
        });
        double[] subtotal = t.column("subtotal@1");
        assertTrue(java.util.Arrays.stream(subtotal).anyMatch(s -> s > 100)
                && java.util.Arrays.stream(subtotal).anyMatch(s -> s <= 100), "both sides of the branch are taken");
        assertEquals(ColumnType.CONTINUOUS, t.types().get("quantity@in"));
        InputRange price = t.inputs().get("price@in");
        assertEquals("double", price.type());
        assertTrue(price.low() < 0 && price.high() > 100, "the range crosses the constant 100: " + price);
    }

    @Test
    void pricingAffine() throws TraceException {
        check("/Pricing.java", "affine", r -> {
            double u = r.get("u@in");
            double v = r.get("v@in");
            double w = 4 * u - v;
            double z = w + 2 * v;
            return values("u@in", u, "v@in", v, "w@1", w, "z@1", z, "noise@1", v * v, "return", 0.5 * z + 3);
        });
    }

    @Test
    void pricingGrossReadsTheSampledField() throws TraceException {
        Trace t = check("/Pricing.java", "gross", r -> {
            double net = r.get("net@in");
            double rate = r.get("this.vatRate@in");
            return values("net@in", net, "this.vatRate@in", rate, "vat@1", net * rate, "return", net + net * rate);
        });
        double[] rates = t.column("this.vatRate@in");
        assertTrue(java.util.Arrays.stream(rates).distinct().count() > 10, "the field is sampled");
        assertTrue(t.inputs().containsKey("this.vatRate@in"), "the field is reported as an input");
    }

    @Test
    void pricingClamp() throws TraceException {
        check("/Pricing.java", "clamp", r -> {
            int value = r.i("value@in");
            int lo = r.i("lo@in");
            int hi = r.i("hi@in");
            int r1 = value;
            int r2 = r1 < lo ? lo : r1;
            int r3 = r2 > hi ? hi : r2;
            return values("value@in", value, "lo@in", lo, "hi@in", hi, "r@1", r1, "r@2", r2, "r@3", r3, "return", r3);
        });
    }

    @Test
    void pricingSumToSummarisesTheLoop() throws TraceException {
        check("/Pricing.java", "sumTo", r -> {
            int n = r.i("n@in");
            long step = (long) r.get("step@in");
            long acc = 0;
            int i = 0;
            for (; i < n; i++) {
                acc += step;
            }
            return values("n@in", n, "step@in", step, "acc@1", 0, "i@1", 0, "acc@2", acc, "i@2", i, "return", acc);
        });
    }

    // ---- one per construct ----------------------------------------------------------------------

    @Test
    void ifElse() throws TraceException {
        constructs("ifElse", r -> {
            int x = r.i("x@in");
            boolean then = x > 2;
            return values("x@in", x, "y@1", then ? x * 2 : 0, "y@2", then ? 0 : -x, "return", then ? x * 2 : -x);
        });
    }

    @Test
    void forLoop() throws TraceException {
        constructs("loop", r -> {
            int n = r.i("n@in");
            int sum = 0;
            int i = 0;
            for (; i < n; i++) {
                sum += i;
            }
            return values("n@in", n, "sum@1", 0, "i@1", 0, "sum@2", sum, "i@2", i, "return", sum);
        });
    }

    @Test
    void whileLoop() throws TraceException {
        constructs("whileLoop", r -> {
            int n = r.i("n@in");
            int k = n;
            int steps = 0;
            while (k > 1) {
                k = k / 2;
                steps++;
            }
            return values("n@in", n, "k@1", n, "steps@1", 0, "k@2", k, "steps@2", steps, "return", steps);
        });
    }

    @Test
    void switchStatementKeepsThePreviousValueInCasesNotTaken() throws TraceException {
        constructs("switchOld", r -> {
            int code = r.i("code@in");
            int result = code == 1 ? 10 : code == 2 ? 20 : -1;
            return values("code@in", code, "r@1", 0, "r@2", code == 1 ? 10 : 0, "r@3", code == 2 ? 20 : 0,
                    "r@4", code != 1 && code != 2 ? -1 : 0, "return", result);
        });
    }

    @Test
    void switchExpressionOnAnEnum() throws TraceException {
        Trace t = constructs("switchArrow", r -> {
            int level = r.i("level@in");
            int score = new int[] {1, 5, 9}[level];
            return values("level@in", level, "score@1", score, "return", score);
        });
        assertEquals(ColumnType.CATEGORICAL, t.types().get("level@in"));
        assertEquals(List.of("LOW", "MID", "HIGH"), t.inputs().get("level@in").categories());
        assertEquals(3, java.util.Arrays.stream(t.column("level@in")).distinct().count(), "every constant drawn");
    }

    @Test
    void ternary() throws TraceException {
        constructs("ternary", r -> {
            int a = r.i("a@in");
            int b = r.i("b@in");
            return values("a@in", a, "b@in", b, "m@1", Math.max(a, b), "return", Math.max(a, b));
        });
    }

    @Test
    void earlyReturnLeavesLaterDefinitionsAtTheirPreviousValue() throws TraceException {
        constructs("earlyReturn", r -> {
            int x = r.i("x@in");
            boolean early = x < 0;
            return values("x@in", x, "y@1", x, "y@2", early ? x : x * 3, "return", early ? -1 : x * 3);
        });
    }

    @Test
    void tryCatch() throws TraceException {
        Trace t = constructs("tryCatch", r -> {
            int d = r.i("d@in");
            boolean caught = d == 0;
            return values("d@in", d, "r@1", 7, "r@2", caught ? 7 : 100 / d, "e@1", caught ? 1 : 0,
                    "r@3", caught ? 0 : 7, "return", caught ? 0 : 100 / d);
        });
        assertTrue(java.util.Arrays.stream(t.column("e@1")).anyMatch(e -> e == 1), "the catch ran at least once");
        assertEquals(ColumnType.BOOLEAN, t.types().get("e@1"), "an exception object is recorded as present or not");
    }

    @Test
    void instanceMethodReadsASampledField() throws TraceException {
        Trace t = constructs("instanceField", r -> {
            int x = r.i("x@in");
            int base = r.i("this.base@in");
            return values("x@in", x, "this.base@in", base, "y@1", x * base, "return", x * base);
        });
        assertTrue(java.util.Arrays.stream(t.column("this.base@in")).distinct().count() > 3, "the field is sampled");
    }

    @Test
    void instanceMethodReadsAnEnumField() throws TraceException {
        constructs("enumField", r -> {
            int x = r.i("x@in");
            int level = r.i("this.level@in");
            int bonus = level == 2 ? 10 : 0;
            return values("x@in", x, "this.level@in", level, "bonus@1", bonus, "return", x + bonus);
        });
    }

    @Test
    void callToANeighbourRunsTheRealNeighbour() throws TraceException {
        constructs("neighbour", r -> {
            double x = r.get("x@in");
            return values("x@in", x, "h@1", x * x, "return", x * x + 1);
        });
    }

    @Test
    void staticFieldIsSampledAndWritten() throws TraceException {
        constructs("helper", r -> {
            double x = r.get("x@in");
            int calls = r.i("this.calls@in");
            return values("x@in", x, "this.calls@in", calls, "this.calls@2", calls + 1, "return", x * x);
        });
    }

    @Test
    void booleans() throws TraceException {
        Trace t = constructs("bools", r -> {
            boolean a = r.bool("a@in");
            boolean b = r.bool("b@in");
            boolean c = a && b;
            return values("a@in", a, "b@in", b, "c@1", c, "return", c || !a);
        });
        assertEquals(ColumnType.BOOLEAN, t.types().get("c@1"));
    }

    @Test
    void charsAreNumbersTheirCodes() throws TraceException {
        Trace t = constructs("chars", r -> {
            int c = r.i("c@in");
            int code = c == 'x' ? 0 : c;
            return values("c@in", c, "code@1", c, "code@2", code, "return", code);
        });
        assertEquals(ColumnType.CONTINUOUS, t.types().get("c@in"), "a char is a number: 'a' + 1 is 'b'");
        assertEquals("char code", t.measures().get("c@in"));
        assertTrue(java.util.Arrays.stream(t.column("c@in")).anyMatch(c -> c == 'x'), "the method's char literal is drawn");
    }

    @Test
    void stringsAreTheirLengthsAndTheirValuesAreKept() throws TraceException {
        Trace t = constructs("strings", r -> {
            String s = r.text("s@in");
            int n = s.equals("gold") ? 100 : s.length();
            return values("s@in", s.length(), "n@1", s.length(), "n@2", n, "return", n);
        });
        assertEquals("gold", t.inputs().get("s@in").categories().get(0), "the method's literal comes first");
        assertEquals(ColumnType.CONTINUOUS, t.types().get("s@in"));
        assertEquals("length", t.measures().get("s@in"));
        assertTrue(java.util.Arrays.stream(t.strings().values("s@in")).filter("gold"::equals).count() > SAMPLES / 4,
                "the method's literal is drawn in most runs: " + t.strings().dictionary());
    }

    @Test
    void stringsTheMethodMakesAreKeptToo() throws TraceException {
        Trace t = constructs("categories", r -> {
            String s = r.text("s@in");
            boolean upper = r.bool("upper@in");
            String t2 = upper ? s.toUpperCase() : s;
            assertEquals(t2, r.text("t@2"));
            assertEquals(t2, r.text("return"));
            return values("s@in", s.length(), "upper@in", upper, "t@1", s.length(), "t@2", t2.length(),
                    "return", t2.length());
        });
        assertEquals(ColumnType.CONTINUOUS, t.types().get("return"));
        assertTrue(t.strings().dictionary().contains("HELLO, WORLD"), "a String the method made is known: "
                + t.strings().dictionary());
    }

    @Test
    void arraysAreLengthsAndElementsComeFromTheSeed() throws TraceException {
        List<Object> inputs = regenerate("arrays", int[].class);
        int[] index = {0};
        constructs("arrays", r -> {
            int[] xs = (int[]) inputs.get(index[0]++);
            int total = 0;
            int last = 0;
            for (int x : xs) {
                total += x;
                last = x;
            }
            return values("xs@in", xs.length, "total@1", 0, "x@1", last, "total@2", total, "return", total);
        });
    }

    @Test
    void listsAreSizesAndAMutatingCallRedefinesTheReceiver() throws TraceException {
        Trace t = constructs("lists", r -> {
            int size = r.i("xs@in");
            int extra = r.i("extra@in");
            return values("xs@in", size, "extra@in", extra, "size@1", size, "xs@2", size + 1, "return", 2 * size + 1);
        });
        assertEquals(ColumnType.CONTINUOUS, t.types().get("xs@in"));
        assertEquals("List<Integer>", t.inputs().get("xs@in").type());
    }

    @Test
    void postfixIncrementRecordsTheNewValue() throws TraceException {
        constructs("postfix", r -> {
            int a = r.i("a@in");
            return values("a@in", a, "i@1", a, "i@2", a + 1, "j@1", a, "return", 2 * a + 1);
        });
    }

    @Test
    void patternVariable() throws TraceException {
        constructs("pattern", r -> {
            String s = r.text("cs@in");
            int n = s.isEmpty() ? -1 : s.length();
            return values("cs@in", s.length(), "s@1", s.length(), "n@1", -1, "n@2", n, "return", n);
        });
    }

    @Test
    void nestedConditionsKeepTheValueOnEntryToTheInnerRegion() throws TraceException {
        constructs("nested", r -> {
            int a = r.i("a@in");
            int b = r.i("b@in");
            int x2 = a > 0 ? 2 : 1;
            int x3 = a > 0 ? (b > 0 ? 3 : 2) : 1;
            return values("a@in", a, "b@in", b, "x@1", 1, "x@2", x2, "x@3", x3, "return", x3);
        });
    }

    @Test
    void narrowIntegerTypes() throws TraceException {
        constructs("longs", r -> {
            long big = (long) r.get("big@in");
            short small = (short) r.get("small@in");
            byte tiny = (byte) r.get("tiny@in");
            return values("big@in", big, "small@in", small, "tiny@in", tiny, "sum@1", big + small + tiny,
                    "return", big + small + tiny);
        });
    }

    @Test
    void voidMethodHasNoReturnColumn() throws TraceException {
        constructs("voidMethod", r -> {
            int x = r.i("x@in");
            int calls = r.i("this.calls@in");
            return values("x@in", x, "y@1", x + 1, "this.calls@in", calls, "this.calls@2", calls + x + 1);
        });
    }

    // ---- more constructs: jumps, chains, element and field writes, finally, boxes, var -----------

    static Trace more(String method, Expect expect) throws TraceException {
        return check("/trace/MoreConstructs.java", method, expect);
    }

    @Test
    void doWhile() throws TraceException {
        more("doWhile", r -> {
            int n = r.i("n@in");
            int k = 0;
            do {
                k += 2;
            } while (k < n);
            return values("n@in", n, "k@1", 0, "k@2", k, "return", k);
        });
    }

    @Test
    void labeledBreakOutOfNestedLoops() throws TraceException {
        Trace t = more("labeled", r -> {
            int n = r.i("n@in");
            int found = -1;
            int i;
            int lastJ = 0;
            outer:
            for (i = 0; i < n; i++) {
                int j;
                for (j = 0; j < n; j++) {
                    if (i * j == 6) {
                        found = i * 10 + j;
                        lastJ = j;
                        break outer;
                    }
                }
                lastJ = j;
            }
            return values("n@in", n, "found@1", -1, "i@1", 0, "j@1", lastJ, "found@2", found, "i@2", i,
                    "return", found);
        });
        assertTrue(java.util.Arrays.stream(t.column("return")).anyMatch(f -> f >= 0), "the break was taken");
    }

    @Test
    void assignmentChain() throws TraceException {
        more("chain", r -> {
            int a = r.i("a@in");
            return values("a@in", a, "y@1", a + 1, "x@1", a + 1, "return", 2 * a + 2);
        });
    }

    @Test
    void assignmentInsideALoopCondition() throws TraceException {
        more("assignInCondition", r -> {
            int n = r.i("n@in");
            int left = n;
            int taken = 0;
            while ((left = left - 3) > 0) {
                taken++;
            }
            return values("n@in", n, "left@1", n, "taken@1", 0, "left@2", left, "taken@2", taken, "return", taken);
        });
    }

    @Test
    void elementWriteRedefinesTheArray() throws TraceException {
        more("arrayWrite", r -> {
            int n = r.i("n@in");
            return values("n@in", n, "cells@1", 3, "cells@2", 3, "first@1", n, "return", n + 3);
        });
    }

    @Test
    void fieldWrittenOnly() throws TraceException {
        Trace t = more("setCount", r -> {
            int count = r.i("count@in");
            return values("count@in", count, "this.count@1", 2 * count);
        });
        assertEquals(Set.of("count@in"), t.inputs().keySet(), "a field only written is not an input");
    }

    @Test
    void fieldHiddenByAParameter() throws TraceException {
        Trace t = more("shadowed", r -> {
            double total = r.get("total@in");
            double field = r.get("this.total@in");
            return values("total@in", total, "this.total@in", field, "before@1", field, "this.total@2", total + field,
                    "return", total + field);
        });
        InputRange field = t.inputs().get("this.total@in");
        assertTrue(field.low() < 1.5 && 1.5 < field.high() && field.high() < 10,
                "the field's initializer sets its range: " + field);
    }

    @Test
    void tryFinally() throws TraceException {
        more("tryFinally", r -> {
            int x = r.i("x@in");
            return values("x@in", x, "y@1", 0, "y@2", x + 1, "y@3", 2 * (x + 1), "return", 2 * (x + 1));
        });
    }

    @Test
    void multiCatchKeepsTheValueOnEntryToTheTry() throws TraceException {
        more("multiCatch", r -> {
            int x = r.i("x@in");
            boolean caught = x > 3 || x == -1;
            int r2 = caught ? 0 : 12 / (x + 1);
            return values("x@in", x, "r@1", 0, "r@2", r2, "e@1", caught ? 1 : 0, "r@3", caught ? -5 : 0,
                    "return", caught ? -5 : r2);
        });
    }

    @Test
    void notANumberDropsTheRow() throws TraceException {
        Trace t = more("root", r -> {
            double x = r.get("x@in");
            return values("x@in", x, "r@1", Math.sqrt(x), "return", Math.sqrt(x));
        });
        assertTrue(t.dropped() > 0, t.toString());
        assertEquals(t.run(), t.rowCount() + t.dropped() + t.thrown());
        assertTrue(java.util.Arrays.stream(t.column("x@in")).allMatch(x -> x >= 0), "negative inputs gave NaN");
    }

    @Test
    void boxesAreTheirValues() throws TraceException {
        Trace t = more("boxed", r -> {
            int a = r.i("a@in");
            boolean flag = r.bool("flag@in");
            return values("a@in", a, "flag@in", flag, "b@1", flag ? a : 0, "return", flag ? a : 0);
        });
        assertEquals(ColumnType.BOOLEAN, t.types().get("flag@in"));
        assertEquals(ColumnType.CONTINUOUS, t.types().get("b@1"));
    }

    @Test
    void varLocalsTakeTheirKindFromTheirValues() throws TraceException {
        Trace t = more("varLocal", r -> {
            int a = r.i("a@in");
            boolean positive = 2 * a > 0;
            return values("a@in", a, "doubled@1", 2 * a, "positive@1", positive, "return", positive ? 2 * a : 0);
        });
        assertEquals(ColumnType.BOOLEAN, t.types().get("positive@1"));
        assertEquals(ColumnType.CONTINUOUS, t.types().get("doubled@1"));
    }

    @Test
    void returnInsideALoopLeavesLaterDefinitionsAtTheirPreviousValue() throws TraceException {
        List<Object> inputs = regenerate("/trace/MoreConstructs.java", "earlyInLoop", int[].class);
        int[] index = {0};
        Trace t = more("earlyInLoop", r -> {
            int[] xs = (int[]) inputs.get(index[0]++);
            int seen = 0;
            int last = 0;
            boolean early = false;
            for (int x : xs) {
                last = x;
                if (x < 0) {
                    early = true;
                    break;
                }
                seen++;
            }
            return values("xs@in", xs.length, "seen@1", 0, "x@1", last, "return", early ? -1 : 2 * seen,
                    "seen@2", seen, "result@1", early ? 0 : 2 * seen);
        });
        assertTrue(java.util.Arrays.stream(t.column("return")).anyMatch(v -> v == -1), "some returned early");
    }

    @Test
    void loopSummaryStartsFromTheInitialization() throws TraceException {
        Trace t = more("loopFromInit", r -> {
            int n = r.i("n@in");
            int sum = 0;
            int i = 5;
            for (; i < n; i++) {
                sum += i;
            }
            return values("n@in", n, "sum@1", 0, "i@1", 5, "sum@2", sum, "i@2", i, "return", sum);
        });
        assertTrue(java.util.Arrays.stream(t.column("n@in")).anyMatch(n -> n <= 5), "some loops ran zero times");
    }

    @Test
    void assignmentInAConditionIsWhatTheBranchNotTakenKeeps() throws TraceException {
        more("assignInIf", r -> {
            int x = r.i("x@in");
            int y2 = x * 2;
            boolean taken = y2 > 4;
            return values("x@in", x, "y@1", 0, "y@2", y2, "y@3", taken ? y2 + 100 : y2, "return", taken ? y2 + 100 : y2);
        });
    }

    @Test
    void assignmentInASelectorIsWhatTheCasesNotTakenKeep() throws TraceException {
        more("assignInSelector", r -> {
            int k = r.i("k@in");
            int m2 = k % 3;
            return values("k@in", k, "m@1", -1, "m@2", m2, "m@3", m2 == 0 ? 10 : m2, "return", m2 == 0 ? 10 : m2);
        });
    }

    // ---- receivers: records, inner classes, enums --------------------------------------------

    @Test
    void recordReceiverIsMadeWithItsSampledComponents() throws TraceException {
        Trace t = check("/trace/Receivers.java", "manhattan", r -> {
            int dz = r.i("dz@in");
            int x = r.i("this.x@in");
            int y = r.i("this.y@in");
            int d = Math.abs(x) + Math.abs(y) + dz;
            return values("dz@in", dz, "this.x@in", x, "this.y@in", y, "d@1", d, "return", d);
        });
        assertTrue(java.util.Arrays.stream(t.column("this.x@in")).distinct().count() > 3, "components are sampled");
    }

    @Test
    void innerClassReceiverGetsAnEnclosingInstanceWithSampledFields() throws TraceException {
        Trace t = check("/trace/Receivers.java", "shifted", r -> {
            int v = r.i("v@in");
            int scale = r.i("this.scale@in");
            int offset = r.i("this.offset@in");
            return values("v@in", v, "this.scale@in", scale, "this.offset@in", offset, "w@1", v * scale + offset,
                    "return", v * scale + offset);
        });
        assertTrue(t.inputs().containsKey("this.scale@in"), "the enclosing instance's field is an input");
    }

    @Test
    void enumReceiverIsOneOfItsConstants() throws TraceException {
        Trace t = check("/trace/Receivers.java", "perimeter", r -> {
            int length = r.i("length@in");
            int sides = r.i("this.sides@in");
            assertTrue(sides == 3 || sides == 4, "a constant's own value: " + sides);
            return values("length@in", length, "this.sides@in", sides, "p@1", sides * length, "return", sides * length);
        });
        assertEquals(2, java.util.Arrays.stream(t.column("this.sides@in")).distinct().count(), "both constants drawn");
    }

    // ---- syntax that is easy to rewrite wrongly: it must compile and run -----------------------

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"supplier", "generic", "switchBlocks", "finalLocal",
            "labeledContinue", "nextChar", "boxedIncrement", "narrow", "staticConstant", "arrayInit", "text",
            "unaryInIndex", "mixed", "notPattern", "varargs", "voidCallInUpdate"})
    void awkwardSyntaxCompilesAndRuns(String method) throws TraceException {
        Trace t = trace("/trace/Edges.java", method);
        assertEquals(SAMPLES, t.rowCount(), t.toString());
    }

    @Test
    void awkwardSyntaxRecordsTheRightValues() throws TraceException {
        check("/trace/Edges.java", "switchBlocks", r -> {
            int k = r.i("k@in");
            int x = k == 1 ? 5 : k == 2 ? 7 : 0;
            int v = k == 1 ? 6 : k == 2 ? 7 : 0;
            return values("k@in", k, "x@1", 0, "x@2", k == 1 ? 5 : 0, "x@3", k == 2 ? 7 : 0, "v@1", v,
                    "return", v + x);
        });
        check("/trace/Edges.java", "nextChar", r -> {
            int c = r.i("c@in");
            return values("c@in", c, "d@1", c, "d@2", c + 1, "e@1", c + 1, "d@3", c + 2, "return", c + 1);
        });
        check("/trace/Edges.java", "voidCallInUpdate", r -> {
            int n = r.i("n@in");
            int i = 8;
            int steps = 0;
            for (; i > n && i > 0; --i) {
                steps++;
            }
            return values("n@in", n, "sb@1", 8, "steps@1", 0, "i@1", 8, "steps@2", steps, "i@2", i, "sb@2", i,
                    "return", i + steps);
        });
        check("/trace/Edges.java", "unaryInIndex", r -> {
            int n = r.i("n@in");
            return values("n@in", n, "a@1", 4, "i@1", 0, "a@2", 4, "i@2", 1, "a@3", 4, "i@3", 2,
                    "return", 2 * n + 2);
        });
    }

    /** The inputs of a one-parameter method, drawn again with the trace's seed and hints. */
    static List<Object> regenerate(String method, Class<?> type) throws TraceException {
        return regenerate("/trace/Constructs.java", method, type);
    }

    static List<Object> regenerate(String document, String method, Class<?> type) throws TraceException {
        String text = resource(document);
        JavaDocument doc = new DocumentParser(new GraphCache(64)).parse(text);
        Member member = doc.members().stream().filter(m -> m.name().equals(method)).findFirst().orElseThrow();
        InstrumentedMethod im = tracer.instrument(new TraceRequest(doc, member, doc.graphOf(member), SAMPLES, SEED,
                List.of(), Duration.ofSeconds(30)));
        List<Object> out = WorkerAccess.draw(type, im.inputs(), im.facts(), im.constants(), im.numbers(), im.strings(),
                im.chars(), SEED, SAMPLES);
        Set<Integer> lengths = new HashSet<>();
        out.forEach(o -> lengths.add(o instanceof Collection<?> c ? c.size() : Array.getLength(o)));
        assertTrue(lengths.size() > 3, "lengths vary");
        return out;
    }
}
