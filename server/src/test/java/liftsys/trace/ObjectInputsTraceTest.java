package liftsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inputs made the way their code makes them (issue 15), traced in a real worker from the source
 * root {@code trace/objects}: a record through its canonical constructor, an object through its
 * builder, an enum, lists and maps, an interface and an abstract receiver through the project's
 * only implementations (which nothing in the traced file names), an object-typed field, a field
 * only a callee reads, and Strings that parse as numbers. Each asserts the share of valid runs
 * and what the values prove about how the inputs were made.
 */
class ObjectInputsTraceTest {
    static final int SAMPLES = 200;
    static Tracer tracer;
    static Path root;

    @BeforeAll
    static void start() throws URISyntaxException {
        tracer = new Tracer();
        root = Path.of(ObjectInputsTraceTest.class.getResource("/trace/objects").toURI());
    }

    @AfterAll
    static void stop() {
        tracer.close();
    }

    static Trace trace(String file, String owner, String method) throws Exception {
        String text = Files.readString(root.resolve("shop").resolve(file));
        JavaDocument doc = new DocumentParser(new GraphCache(64)).parse(text);
        Member member = doc.members().stream()
                .filter(m -> m.name().equals(method) && m.ownerType().endsWith(owner)).findFirst().orElseThrow();
        TraceProject project = new TraceProject(List.of(), List.of(root.toString()), List.of(), "objects", "");
        return tracer.trace(new TraceRequest(doc, member, doc.graphOf(member), SAMPLES, 3, List.of(),
                Duration.ofSeconds(60)).inProject(project));
    }

    static double share(Trace t) {
        return t.rowCount() / (double) t.run();
    }

    static void assertEveryRow(Trace t, String column, ToDoubleFunction<double[]> expected) {
        int j = t.columns().indexOf(column);
        double[][] rows = t.rows();
        for (double[] row : rows) {
            assertEquals(expected.applyAsDouble(row), row[j], 1e-9, column + " in " + Arrays.toString(row));
        }
    }

    @Test
    void aRecordIsMadeByItsCanonicalConstructorWhichRefusesNegativeAmounts() throws Exception {
        Trace t = trace("Objects.java", "Objects", "doubled");
        assertTrue(share(t) >= 0.85, "refused amounts are drawn again: " + t);
        assertTrue(Arrays.stream(t.column("c@1")).allMatch(c -> c >= 0), "every record passed its constructor");
        assertTrue(Arrays.stream(t.column("c@1")).distinct().count() > 5, "amounts are drawn");
        assertEquals("non-null", t.measures().get("m@in"), "an object is recorded as present");
        assertTrue(t.inputs().get("m@in").description().contains("new Money(long, String)"),
                t.inputs().get("m@in").description());
    }

    @Test
    void anObjectWithOnlyABuilderIsBuiltThroughIt() throws Exception {
        Trace t = trace("Objects.java", "Objects", "orderTotal");
        assertTrue(share(t) >= 0.85, t.toString());
        assertTrue(Arrays.stream(t.column("q@1")).allMatch(q -> q >= 1), "build() refused quantities below 1");
        assertTrue(Arrays.stream(t.column("q@1")).distinct().count() > 3, "the setter was called with drawn values");
        assertEveryRow(t, "return", row -> row[t.columns().indexOf("q@1")] * row[t.columns().indexOf("p@1")]);
        assertTrue(t.inputs().get("o@in").description().contains("Order.builder()...build()"),
                t.inputs().get("o@in").description());
    }

    @Test
    void anEnumIsOneOfItsConstants() throws Exception {
        Trace t = trace("Objects.java", "Objects", "bonus");
        assertEquals(1.0, share(t));
        assertEquals(3, Arrays.stream(t.column("level@in")).distinct().count());
        assertEquals("ordinal", t.measures().get("level@in"));
        assertEveryRow(t, "b@1", row -> row[0] * 10);
    }

    @Test
    void aListIsRecordedAsItsSizeAndItsElementsAreDrawn() throws Exception {
        Trace count = trace("Objects.java", "Objects", "count");
        assertEquals(1.0, share(count));
        assertEquals("size", count.measures().get("xs@in"));
        assertEveryRow(count, "return", row -> 3 * row[0]);
        Trace sum = trace("Objects.java", "Objects", "sum");
        assertEquals(1.0, share(sum));
        assertTrue(Arrays.stream(sum.column("return")).distinct().count() > 10, "elements vary");
    }

    @Test
    void anObjectThatOffersANumberIsRecordedAsThatNumber() throws Exception {
        Trace t = trace("Objects.java", "Objects", "fahrenheit");
        assertEquals(1.0, share(t));
        assertEquals("getValue()", t.measures().get("t@in"));
        assertEquals(ColumnType.CONTINUOUS, t.types().get("t@in"));
        assertEveryRow(t, "return", row -> row[0] * 1.8 + 32);
    }

    @Test
    void aMapOfStringsToIntegersHasTheMethodsKeySometimes() throws Exception {
        Trace t = trace("Objects.java", "Objects", "priceOf");
        assertEquals(1.0, share(t), t.toString());
        assertEquals("size", t.measures().get("prices@in"));
        long found = Arrays.stream(t.column("found@1")).filter(f -> f != -1).count();
        assertTrue(found > 20 && found < t.rowCount(), "the literal key is drawn, sometimes: " + found);
    }

    @Test
    void anInterfaceParameterIsTheProjectsImplementationNoOneNames() throws Exception {
        Trace t = trace("Objects.java", "Objects", "scaled");
        assertTrue(share(t) >= 0.85, t.toString());
        assertTrue(Arrays.stream(t.column("a@1")).allMatch(a -> a >= 0), "areas of Squares");
        assertTrue(Arrays.stream(t.column("a@1")).distinct().count() > 5, "sides are drawn");
        assertTrue(Arrays.stream(t.column("n@1")).allMatch(n -> n == "square".length()), "Square.name()");
        assertEveryRow(t, "return", row -> row[t.columns().indexOf("k@in")] * row[t.columns().indexOf("a@1")]);
    }

    @Test
    void anAbstractReceiverIsItsOnlyConcreteSubclass() throws Exception {
        Trace t = trace("Account.java", "Account", "interest");
        assertEquals(1.0, share(t), t.toString());
        assertTrue(Arrays.stream(t.column("r@1")).allMatch(r -> r == 0.02), "Savings.rate() ran");
        assertEveryRow(t, "return", row -> row[t.columns().indexOf("this.balance@in")] * 0.02
                * row[t.columns().indexOf("years@in")]);
    }

    @Test
    void aFieldOfObjectTypeIsBuiltThroughItsConstructors() throws Exception {
        Trace t = trace("Objects.java", "Variance", "evaluate");
        assertTrue(share(t) >= 0.95, t.toString());
        assertEquals("value()", t.measures().get("this.moment@in"), "the number a Moment offers");
        assertEveryRow(t, "v@1", row -> row[t.columns().indexOf("this.moment@in")]);
        assertTrue(Arrays.stream(t.column("v@1")).distinct().count() > 5, "moments made with drawn values");
    }

    @Test
    void fieldsOnlyACalleeReadsAreWhatTheConstructorMadeThem() throws Exception {
        Trace t = trace("Objects.java", "Gauss", "scaled");
        assertTrue(t.rowCount() >= SAMPLES * 0.9, "a bare Gauss has sd 0 and every y is infinite: " + t);
        assertTrue(Arrays.stream(t.column("return")).allMatch(Double::isFinite));
    }

    @Test
    void stringsThatParseAsNumbersAreDrawnWhereTheMethodParses() throws Exception {
        Trace t = trace("Objects.java", "Objects", "twice");
        assertTrue(share(t) >= 0.7, "most draws parse: " + t + " " + t.strings().dictionary());
        int j = t.columns().indexOf("return");
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals(2.0 * Integer.parseInt(t.strings().value("s@in", i)), t.value(i, j), 1e-9);
        }
    }

    @Test
    void aTypeThatCannotBeBuiltIsNamedWithWhy() throws Exception {
        TraceException e = assertThrows(TraceException.class, () -> trace("Unbuildable.java", "Unbuildable", "use"));
        assertEquals(TraceException.Reason.UNSUPPORTED, e.reason());
        assertTrue(e.getMessage().startsWith("parameter sink of Unbuildable.use: shop.Unbuildable$Sink could not be "
                + "built: " + "no public constructor, factory or implementation found"), e.getMessage());
    }
}
