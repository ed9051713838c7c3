package liftsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feedback-directed sampling (issue 15), on real worker runs of the methods of
 * {@code trace/Guards.java}, each of which rejects most uniformly drawn inputs: the planned runs
 * all complete, and few attempts are wasted, because the worker drew inputs from the code's guard
 * clauses and constants and learned the rest from what threw. A method that accepts almost
 * nothing is not fitted on its remnant: its trace fails naming the exception and its inputs.
 */
class FeedbackSamplingTest {
    static final int SAMPLES = 200;
    static Tracer tracer;

    @BeforeAll
    static void start() {
        tracer = new Tracer();
    }

    @AfterAll
    static void stop() {
        tracer.close();
    }

    static TraceRequest request(String method) {
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(TraceFixtureTest.resource("/trace/Guards.java"));
        Member member = doc.members().stream().filter(m -> m.name().equals(method)).findFirst().orElseThrow();
        return new TraceRequest(doc, member, doc.graphOf(member), SAMPLES, 7, List.of(), Duration.ofSeconds(30));
    }

    /** Traces the method: every planned run completes, and at least {@code share} of the attempts did. */
    static Trace complete(String method, double share) throws TraceException {
        Trace t = tracer.trace(request(method));
        assertEquals(SAMPLES, t.rowCount(), method + ": the planned runs completed: " + t);
        assertEquals(SAMPLES, t.runs().planned());
        double valid = (double) t.rowCount() / t.run();
        assertTrue(valid >= share, method + ": " + t.rowCount() + " of " + t.run() + " attempts completed, "
                + "expected at least " + share + "; " + t.inputs());
        return t;
    }

    static double[] column(Trace t, String id) {
        return t.column(id);
    }

    @Test
    void aGuardRelatingTwoParametersIsMet() throws TraceException {
        Trace t = complete("choose", 0.8);
        double[] n = t.column("n@in");
        double[] k = t.column("k@in");
        for (int i = 0; i < n.length; i++) {
            assertTrue(k[i] >= 0 && n[i] >= k[i], "n = " + n[i] + ", k = " + k[i]);
        }
        assertTrue(t.inputs().get("k@in").description().contains("k >= 0"), t.inputs().get("k@in").description());
    }

    @Test
    void aGuardOnARangeCutsTheRangeToIt() throws TraceException {
        Trace t = complete("spread", 1.0);
        assertEquals(0, t.thrown());
        InputRange p = t.inputs().get("p@in");
        assertEquals(0, p.low(), 0);
        assertEquals(1, p.high(), 0);
        assertTrue(p.description().contains("p >= 0 and p <= 1"), p.description());
    }

    @Test
    void arraysThatMustBeEquallyLongAreLearnedFromWhatThrows() throws TraceException {
        Trace t = complete("add", 0.7);
        assertTrue(t.thrown() > 0, "lengths were learned, not known: " + t);
        assertTrue(t.runs().threw().containsKey("IllegalArgumentException"), t.runs().toString());
        assertTrue(t.inputs().get("b@in").description().contains("as long as a"), t.inputs().get("b@in").description());
    }

    @Test
    void anIndexParameterStaysWithinItsArray() throws TraceException {
        Trace t = complete("at", 0.8);
        double[] i = t.column("i@in");
        double[] length = t.column("values@in");
        for (int r = 0; r < i.length; r++) {
            assertTrue(i[r] >= 0 && i[r] < length[r], "i = " + i[r] + " of " + length[r]);
        }
    }

    @Test
    void aThresholdInAStaticFinalFieldIsCrossed() throws TraceException {
        Trace t = complete("cost", 1.0);
        double[] x = t.column("x@in");
        long above = Arrays.stream(x).filter(v -> v > 500).count();
        long below = Arrays.stream(x).filter(v -> v <= 500).count();
        assertTrue(above >= SAMPLES / 10 && below >= SAMPLES / 10, above + " above 500, " + below + " not");
    }

    @Test
    void aVariableArityParameterOfOneLengthIsLearned() throws TraceException {
        Trace t = complete("sigmoid", 0.6);
        for (double length : t.column("p@in")) {
            assertEquals(2, length, 0, "only runs with two parameters complete");
        }
        assertTrue(t.inputs().get("p@in").description().contains("length 2 in"), t.inputs().get("p@in").description());
    }

    @Test
    void aLiteralIndexAsksForLongerArrays() throws TraceException {
        Trace t = complete("spline", 0.5);
        for (double length : t.column("beta@in")) {
            assertTrue(length >= 16, "beta[15] is read: " + length);
        }
    }

    @Test
    void aLoopToAConstantAsksForArraysThatLong() throws TraceException {
        Trace t = complete("weighted", 0.5);
        for (double length : t.column("beta@in")) {
            assertTrue(length >= 16, "beta[j] is read for j up to COEFFICIENTS - 1: " + length);
        }
    }

    @Test
    void positiveElementsAreLearnedFromWhatThrows() throws TraceException {
        Trace t = complete("logSum", 0.6);
        assertTrue(t.inputs().get("w@in").description().contains("(no zeros in"), t.inputs().get("w@in").description());
    }

    @Test
    void theEnumConstantsTheMethodAcceptsAreLearned() throws TraceException {
        Trace t = complete("grams", 0.75);
        for (double unit : t.column("unit@in")) {
            assertTrue(unit == 0 || unit == 1, "GRAM or KILOGRAM: " + unit);
        }
    }

    @Test
    void aMethodThatAcceptsAlmostNothingIsNotFittedOnItsRemnant() {
        TraceException e = assertThrows(TraceException.class, () -> tracer.trace(request("unlucky")));
        assertEquals(TraceException.Reason.TRACE_FAILED, e.reason());
        String m = e.getMessage();
        assertTrue(m.contains("of the 200 planned runs of Guards.unlucky completed"), m);
        assertTrue(m.contains("most executions threw java.lang.IllegalStateException: unlucky"), m);
        assertTrue(m.contains("first with x = "), m);
    }

    @Test
    void anInterventionDrawsTheSameInputsAsTheTraceWithout() throws TraceException {
        TraceRequest request = request("choose");
        Trace base = tracer.trace(request);
        Trace shifted = tracer.trace(request.with(TraceIntervention.shift(List.of("n@in"), 1)));
        int pairs = 0;
        for (int i = 0; i < shifted.rowCount(); i++) {
            int j = base.rowOfSample(shifted.sample(i));
            if (j >= 0) {
                pairs++;
                assertEquals(base.value(j, base.columns().indexOf("k@in")),
                        shifted.value(i, shifted.columns().indexOf("k@in")), 0);
                assertEquals(base.value(j, base.columns().indexOf("n@in")) + 1,
                        shifted.value(i, shifted.columns().indexOf("n@in")), 0);
            }
        }
        assertTrue(pairs >= SAMPLES * 9 / 10, pairs + " pairs");
    }
}
