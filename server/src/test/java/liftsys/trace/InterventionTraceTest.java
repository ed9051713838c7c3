package liftsys.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.IntPredicate;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checking runs: the same sampled inputs (same seed) with an intervention applied in the code.
 * Every value of an intervened run is what the Java code computes with the intervention applied,
 * recomputed here by hand from the paired row of the run without it; rows pair up by sample index,
 * also when the intervention changes which executions throw.
 */
class InterventionTraceTest {
    static final int SAMPLES = 200;
    static final long SEED = 11;
    static Tracer tracer;

    static final String EXTRA = """
            package extra;

            public class Extra {
                static int inverse(int x) {
                    int d = x - 3;
                    return 100 / d;
                }

                static double twice(double a) {
                    double b = a + 1;
                    b = b * 2;
                    final double c = b - 1;
                    java.util.function.DoubleSupplier later = () -> c + 1;
                    return later.getAsDouble() * 3;
                }

                static int flags(boolean on, int k) {
                    boolean twice = k > 2;
                    int out = on ? k : -k;
                    if (twice) {
                        out = out * 2;
                    }
                    return out;
                }

                static double boxed(Integer n, Double x) {
                    double y = n * x;
                    return y;
                }
            }
            """;

    @BeforeAll
    static void start() {
        tracer = new Tracer();
    }

    @AfterAll
    static void stop() {
        tracer.close();
    }

    static TraceRequest request(String text, String method) {
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(text);
        Member member = doc.members().stream().filter(m -> m.name().equals(method)).findFirst().orElseThrow();
        return new TraceRequest(doc, member, doc.graphOf(member), SAMPLES, SEED, List.of(), Duration.ofSeconds(30));
    }

    static TraceRequest pricing(String method) {
        return request(TraceFixtureTest.resource("/Pricing.java"), method);
    }

    /** The row values of a trace at a column, by row. */
    static double v(Trace t, int row, String column) {
        return t.value(row, t.columns().indexOf(column));
    }

    /** Calls {@code check(base row, intervened row)} for every sample kept in both; returns how many. */
    static int paired(Trace base, Trace intervened, PairCheck check) {
        int pairs = 0;
        for (int i = 0; i < intervened.rowCount(); i++) {
            int j = base.rowOfSample(intervened.sample(i));
            if (j >= 0) {
                check.accept(j, i);
                pairs++;
            }
        }
        return pairs;
    }

    interface PairCheck {
        void accept(int baseRow, int intervenedRow);
    }

    @Test
    void aParameterShiftedOnEntryChangesEverythingDownstreamAsTheCodeDoes() throws TraceException {
        TraceRequest request = pricing("affine");
        Trace base = tracer.trace(request);
        Trace shifted = tracer.trace(request.with(TraceIntervention.shift(List.of("u@in"), 1)));
        assertArrayEquals(base.samples(), shifted.samples(), "nothing throws: the same samples are kept");
        int pairs = paired(base, shifted, (b, s) -> {
            double u = v(base, b, "u@in") + 1;
            double v = v(base, b, "v@in");
            assertEquals(u, v(shifted, s, "u@in"), 0);
            assertEquals(v, v(shifted, s, "v@in"), 0, "the other input is drawn the same");
            assertEquals(4 * u - v, v(shifted, s, "w@1"), 1e-9);
            assertEquals(4 * u - v + 2 * v, v(shifted, s, "z@1"), 1e-9);
            assertEquals(v * v, v(shifted, s, "noise@1"), 1e-9);
            assertEquals(0.5 * (4 * u - v + 2 * v) + 3, v(shifted, s, "return"), 1e-9);
            assertEquals(4.0, v(shifted, s, "w@1") - v(base, b, "w@1"), 1e-9);
            assertEquals(2.0, v(shifted, s, "return") - v(base, b, "return"), 1e-9);
        });
        assertEquals(SAMPLES, pairs);
    }

    @Test
    void aLocalShiftedWhereItIsDefinedIsSeenByEveryLaterRead() throws TraceException {
        TraceRequest request = pricing("affine");
        Trace base = tracer.trace(request);
        Trace shifted = tracer.trace(request.with(TraceIntervention.shift(List.of("w@1"), 2.5)));
        paired(base, shifted, (b, s) -> {
            double u = v(base, b, "u@in");
            double v = v(base, b, "v@in");
            assertEquals(u, v(shifted, s, "u@in"), 0, "upstream of w nothing changes");
            double w = 4 * u - v + 2.5;
            assertEquals(w, v(shifted, s, "w@1"), 1e-9, "the recorded value is the intervened one");
            assertEquals(w + 2 * v, v(shifted, s, "z@1"), 1e-9);
            assertEquals(0.5 * (w + 2 * v) + 3, v(shifted, s, "return"), 1e-9);
        });
    }

    @Test
    void setFromAToBIsTwoRunsOnTheSameInputs() throws TraceException {
        TraceRequest request = pricing("sumTo");
        Trace a = tracer.trace(request.with(TraceIntervention.set(List.of("step@in"), 2)));
        Trace b = tracer.trace(request.with(TraceIntervention.set(List.of("step@in"), 5)));
        Trace base = tracer.trace(request);
        assertEquals(base.rowCount(), a.rowCount());
        int pairs = paired(a, b, (ra, rb) -> {
            int n = (int) v(a, ra, "n@in");
            assertEquals(n, (int) v(b, rb, "n@in"), "the same n in both runs");
            assertEquals(2, v(a, ra, "step@in"), 0);
            assertEquals(5, v(b, rb, "step@in"), 0);
            assertEquals(2L * Math.max(n, 0), v(a, ra, "return"), 0);
            assertEquals(5L * Math.max(n, 0), v(b, rb, "return"), 0);
        });
        assertEquals(SAMPLES, pairs);
        paired(base, a, (rb, ra) -> assertEquals(v(base, rb, "n@in"), v(a, ra, "n@in"), 0));
    }

    @Test
    void rowsPairBySampleWhenTheInterventionChangesWhichExecutionsThrow() throws TraceException {
        TraceRequest request = request(EXTRA, "inverse");
        Trace base = tracer.trace(request);
        Trace shifted = tracer.trace(request.with(TraceIntervention.shift(List.of("x@in"), 1)));
        assertTrue(base.thrown() > 0 && shifted.thrown() > 0, "x = 3 divides by zero: " + base + " " + shifted);
        assertNotEquals(java.util.Arrays.toString(base.samples()), java.util.Arrays.toString(shifted.samples()));
        IntPredicate threwInBase = i -> base.rowOfSample(i) < 0;
        for (int i = 0; i < shifted.rowCount(); i++) {
            int x = (int) v(shifted, i, "x@in");
            assertNotEquals(3, x, "x = 3 throws, so no row has it");
            int j = base.rowOfSample(shifted.sample(i));
            if (j >= 0) {
                assertEquals(v(base, j, "x@in") + 1, x, 0, "sample " + shifted.sample(i));
                assertEquals(100 / (x - 3), v(shifted, i, "return"), 0);
            } else if (shifted.sample(i) < base.run()) {
                assertTrue(threwInBase.test(shifted.sample(i)));
                assertEquals(3, x - 1, "only x = 4 (3 before the shift) threw in the base run");
            }
        }
        for (int j = 0; j < base.rowCount(); j++) {
            // Each trace draws until its own planned runs completed: compare the attempts both made.
            if (base.sample(j) < shifted.run() && shifted.rowOfSample(base.sample(j)) < 0) {
                assertEquals(2, (int) v(base, j, "x@in"), "only x = 2 throws once shifted");
            }
        }
    }

    @Test
    void aDeclarationWhoseInitializerIsItselfASiteCanBeHooked() throws TraceException {
        // int j = i++; with j hooked: the hook takes i++ as its value and i++ is still recorded.
        TraceRequest request = request(TraceFixtureTest.resource("/trace/Constructs.java"), "postfix");
        Trace base = tracer.trace(request);
        Trace set = tracer.trace(request.with(TraceIntervention.set(List.of("j@1"), 5)));
        int pairs = paired(base, set, (b, s) -> {
            double a = v(base, b, "a@in");
            assertEquals(a + 1, v(set, s, "i@2"), 0, "i++ still runs and is recorded");
            assertEquals(5, v(set, s, "j@1"), 0);
            assertEquals(a + 1 + 5, v(set, s, "return"), 0);
        });
        assertEquals(SAMPLES, pairs);
    }

    @Test
    void anAssignmentAFinalLocalAndALambdaCaptureCanBeIntervenedOn() throws TraceException {
        TraceRequest request = request(EXTRA, "twice");
        Trace base = tracer.trace(request);
        Trace write = tracer.trace(request.with(TraceIntervention.shift(List.of("b@2"), 1)));
        paired(base, write, (b, s) -> {
            double a = v(base, b, "a@in");
            assertEquals(a + 1, v(write, s, "b@1"), 1e-9);
            assertEquals((a + 1) * 2 + 1, v(write, s, "b@2"), 1e-9);
            assertEquals((a + 1) * 2, v(write, s, "c@1"), 1e-9);
            assertEquals(((a + 1) * 2 + 1) * 3, v(write, s, "return"), 1e-9);
        });
        Trace captured = tracer.trace(request.with(TraceIntervention.set(List.of("c@1"), 10)));
        for (int i = 0; i < captured.rowCount(); i++) {
            assertEquals(10, v(captured, i, "c@1"), 0);
            assertEquals(33, v(captured, i, "return"), 0);
        }
    }

    @Test
    void booleansAreSetAndIntegersKeepTheirType() throws TraceException {
        TraceRequest request = request(EXTRA, "flags");
        Trace base = tracer.trace(request);
        Trace on = tracer.trace(request.with(TraceIntervention.set(List.of("on@in"), 1)));
        Trace twice = tracer.trace(request.with(TraceIntervention.set(List.of("twice@1"), 0)));
        paired(base, on, (b, s) -> {
            int k = (int) v(base, b, "k@in");
            assertEquals(1, v(on, s, "on@in"), 0);
            assertEquals(k > 2 ? 2 * k : k, v(on, s, "return"), 0);
        });
        paired(base, twice, (b, s) -> {
            int k = (int) v(base, b, "k@in");
            boolean o = v(base, b, "on@in") == 1;
            assertEquals(o ? k : -k, v(twice, s, "return"), 0, "the doubling branch is never taken");
        });
        Trace boxed = tracer.trace(request(EXTRA, "boxed").with(TraceIntervention.shift(List.of("n@in"), 3)));
        Trace boxedBase = tracer.trace(request(EXTRA, "boxed"));
        paired(boxedBase, boxed, (b, s) -> assertEquals((v(boxedBase, b, "n@in") + 3) * v(boxedBase, b, "x@in"),
                v(boxed, s, "return"), 1e-9));
    }

    @Test
    void whatCannotBeChangedInTheCodeIsUnsupportedWithItsReason() {
        TraceRequest sumTo = pricing("sumTo");
        TraceException loop = assertThrows(TraceException.class,
                () -> tracer.trace(sumTo.with(TraceIntervention.shift(List.of("acc@2"), 1))));
        assertEquals(TraceException.Reason.UNSUPPORTED, loop.reason());
        assertTrue(loop.getMessage().contains("loop"), loop.getMessage());
        TraceException half = assertThrows(TraceException.class,
                () -> tracer.trace(sumTo.with(TraceIntervention.shift(List.of("n@in"), 0.5))));
        assertTrue(half.getMessage().contains("an int"), half.getMessage());
        TraceException field = assertThrows(TraceException.class,
                () -> tracer.trace(pricing("gross").with(TraceIntervention.shift(List.of("this.vatRate@in"), 1))));
        assertTrue(field.getMessage().contains("field"), field.getMessage());
        TraceException bool = assertThrows(TraceException.class,
                () -> tracer.trace(request(EXTRA, "flags").with(TraceIntervention.shift(List.of("on@in"), 1))));
        assertTrue(bool.getMessage().contains("boolean"), bool.getMessage());
    }

    @Test
    void theForInitializationAndAnIntegerLocalCanBeSet() throws TraceException {
        TraceRequest request = pricing("sumTo");
        Trace base = tracer.trace(request);
        Trace start = tracer.trace(request.with(TraceIntervention.set(List.of("i@1"), 2)));
        paired(base, start, (b, s) -> {
            int n = (int) v(base, b, "n@in");
            long step = (long) v(base, b, "step@in");
            assertEquals(2, v(start, s, "i@1"), 0);
            assertEquals(step * Math.max(n - 2, 0), v(start, s, "return"), 0);
        });
    }

    @Test
    void aConditionalDefinitionSaysInWhichRunsItRan() throws TraceException {
        Trace base = tracer.trace(request(EXTRA, "flags"));
        int doubled = base.columns().indexOf("out@2");
        int first = base.columns().indexOf("out@1");
        assertTrue(base.ran() != null && doubled >= 0 && first >= 0, base.columns().toString());
        int ran = 0;
        for (int i = 0; i < base.rowCount(); i++) {
            boolean twice = v(base, i, "k@in") > 2;
            assertEquals(twice, base.ran(i, doubled), "row " + i + ": `out = out * 2` runs where k > 2");
            assertTrue(base.ran(i, first), "an unconditional definition always runs");
            ran += twice ? 1 : 0;
        }
        assertTrue(ran > 0 && ran < base.rowCount(), "both kinds of runs were sampled: " + ran);
    }

    @Test
    void anExperimentGivesEachRunItsDrawnValuesWhateverTheInputs() throws TraceException {
        TraceRequest request = request(EXTRA, "flags");
        Trace base = tracer.trace(request);
        double[] outs = new double[SAMPLES];
        double[] ks = new double[SAMPLES];
        double[] twices = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            outs[i] = i % 7 - 3;
            ks[i] = 100 + i;
            twices[i] = i % 2;
        }
        Trace drawn = tracer.trace(request.with(TraceIntervention.values(java.util.Map.of("out@1", outs))));
        paired(base, drawn, (b, s) -> {
            int sample = drawn.sample(s);
            boolean twice = v(base, b, "k@in") > 2;
            assertEquals(outs[sample], v(drawn, s, "out@1"), 0, "the drawn value, not on ? k : -k");
            assertEquals(twice ? 2 * outs[sample] : outs[sample], v(drawn, s, "return"), 0);
        });
        Trace both = tracer.trace(request.with(TraceIntervention.values(java.util.Map.of("k@in", ks, "twice@1",
                twices))));
        paired(base, both, (b, s) -> {
            int sample = both.sample(s);
            assertEquals(ks[sample], v(both, s, "k@in"), 0, "a parameter drawn on entry");
            assertEquals(twices[sample], v(both, s, "twice@1"), 0, "a boolean drawn where it is defined");
            double out = v(base, b, "on@in") == 1 ? ks[sample] : -ks[sample];
            assertEquals(twices[sample] == 1 ? 2 * out : out, v(both, s, "return"), 0);
        });
        TraceException half = assertThrows(TraceException.class, () -> tracer.trace(request.with(
                TraceIntervention.values(java.util.Map.of("out@1", new double[] {0.5})))));
        assertTrue(half.getMessage().contains("an int"), half.getMessage());
    }
}
