package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import liftsys.ir.GraphCache;
import liftsys.testing.Fixtures;
import liftsys.time.Deadline;
import liftsys.text.DocumentSnapshot;
import liftsys.text.DocumentStore;
import liftsys.text.Position;
import liftsys.trace.Trace;
import liftsys.trace.TraceException;
import liftsys.trace.TraceProject;
import liftsys.trace.TraceRequest;
import liftsys.trace.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checking effects against the code, with a real worker: the observed effects of the examples,
 * how many runs a check costs (one for a shift with the fitted trace kept, two for a set, none
 * when cached), and that failures only leave the effects unchecked.
 */
class EffectCheckerTest {
    static final String TEXT = Fixtures.read("/Pricing.java");
    static final Settings SETTINGS = new Settings(null, 30_000, 300, true, List.of(), 1, "GOOD", 0.7, true, true, true);
    static Tracer tracer;
    static DocumentSnapshot snapshot;
    static StructuralAnalyzer structural;

    @BeforeAll
    static void start() {
        tracer = new Tracer();
        DocumentStore store = new DocumentStore();
        snapshot = store.open("file:///P.java", 1, TEXT);
        structural = new StructuralAnalyzer(new DocumentIrCache(new GraphCache(16)));
    }

    @AfterAll
    static void stop() {
        tracer.close();
    }

    /** Counts the traces asked for; {@code fail} makes them throw instead. */
    static final class Counting implements MethodTracer {
        final AtomicInteger runs = new AtomicInteger();
        volatile TraceException fail;

        @Override
        public Trace trace(TraceRequest request) throws TraceException {
            runs.incrementAndGet();
            if (fail != null) {
                throw fail;
            }
            return tracer.trace(request);
        }

        @Override
        public boolean anyWorkerStarted() {
            return tracer.anyWorkerStarted();
        }
    }

    static StructuralImpact impact(String needle, String word) throws BadQueryException {
        int offset = TEXT.indexOf(needle) + needle.lastIndexOf(word);
        int line = (int) TEXT.substring(0, offset).chars().filter(c -> c == '\n').count();
        int character = offset - (TEXT.lastIndexOf('\n', offset - 1) + 1);
        return structural.analyze(snapshot, new Position(line, character), Direction.DOWNSTREAM);
    }

    static List<String> targets(StructuralImpact impact) {
        return impact.downstream().stream().map(ImpactEntry::definitionId).toList();
    }

    static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30));
    }

    static EffectChecker.Outcome check(EffectChecker checker, String key, StructuralImpact impact,
                                       Intervention intervention) {
        return checker.check(key, "content", impact, intervention, targets(impact), SETTINGS, TraceProject.NONE, deadline(),
                () -> false);
    }

    @Test
    void aShiftOfUInAffineIsMeasuredExactlyWithOneRunAndThenCached() throws Exception {
        Counting counting = new Counting();
        EffectChecker checker = new EffectChecker(counting);
        StructuralImpact u = impact("double u", "u");
        checker.remember("content", tracer.trace(request(u)));
        EffectChecker.Outcome outcome = check(checker, "k", u, Intervention.shiftBy(1));
        assertEquals(1, counting.runs.get(), "one run: the fitted trace is the reference");
        assertEquals(4.0, outcome.observed().get("w@1").value(), 1e-9);
        assertEquals(4.0, outcome.observed().get("z@1").value(), 1e-9);
        ObservedEffect ret = outcome.observed().get("return");
        assertEquals(2.0, ret.value(), 1e-9);
        assertEquals(ret.low(), ret.high(), 1e-9, "deterministic code: a zero-width interval");
        assertNull(outcome.extrapolation());
        assertNull(outcome.unchecked());
        check(checker, "k", u, Intervention.shiftBy(1));
        assertEquals(1, counting.runs.get(), "the outcome is cached with the effect");
        assertTrue(checker.cached("k").isPresent());
    }

    @Test
    void aShiftOfStepInSumToAddsTheMeanOfMaxN0() throws Exception {
        EffectChecker checker = new EffectChecker(MethodTracer.of(tracer));
        StructuralImpact step = impact("long step", "step");
        Trace base = tracer.trace(request(step));
        checker.remember("content", base);
        EffectChecker.Outcome outcome = check(checker, "k", step, Intervention.shiftBy(1));
        double expected = java.util.Arrays.stream(base.column("n@in")).map(n -> Math.max(n, 0)).average().orElseThrow();
        assertEquals(expected, outcome.observed().get("return").value(), 1e-9);
        assertTrue(outcome.observed().get("return").high() > outcome.observed().get("return").low());
    }

    @Test
    void aSetIsTwoRunsAndOutsideTheSampledRangeItIsFlagged() throws Exception {
        Counting counting = new Counting();
        EffectChecker checker = new EffectChecker(counting);
        StructuralImpact u = impact("double u", "u");
        EffectChecker.Outcome outcome = check(checker, "k", u, Intervention.set(0, 1e6));
        assertEquals(3, counting.runs.get(), "no kept trace: the reference is traced again, then a and b");
        assertEquals(2e6, outcome.observed().get("return").value(), 1e-6);
        assertNotNull(outcome.extrapolation());
        assertTrue(outcome.extrapolation().contains("outside the range it was sampled in"), outcome.extrapolation());
        EffectChecker.Outcome inside = check(checker, "k2", u, Intervention.set(0, 5));
        assertEquals(5, counting.runs.get(), "the reference was kept from the first check");
        assertNull(inside.extrapolation());
        assertEquals(10.0, inside.observed().get("return").value(), 1e-9);
    }

    @Test
    void aLoopSummaryIsNotCheckedAndSaysWhy() throws Exception {
        EffectChecker checker = new EffectChecker(MethodTracer.of(tracer));
        StructuralImpact acc = impact("return acc", "acc");
        EffectChecker.Outcome outcome = check(checker, "k", acc, Intervention.shiftBy(1));
        assertTrue(outcome.observed().isEmpty());
        assertTrue(outcome.unchecked().contains("loop"), outcome.unchecked());
        assertEquals(0, outcome.timedOutWithin());
        assertTrue(checker.cached("k").isPresent(), "kept: more time would not change it");
    }

    @Test
    void aLateCheckLeavesTheEffectsUncheckedAndIsTriedAgainOnlyWithMoreTime() throws Exception {
        Counting counting = new Counting();
        EffectChecker checker = new EffectChecker(counting);
        StructuralImpact u = impact("double u", "u");
        counting.fail = new TraceException(TraceException.Reason.TIMEOUT, "too slow");
        EffectChecker.Outcome late = check(checker, "k", u, Intervention.shiftBy(1));
        assertTrue(late.observed().isEmpty());
        assertTrue(late.unchecked().contains("too slow"), late.unchecked());
        assertTrue(late.timedOutWithin() > 0);
        counting.fail = null;
        int runs = counting.runs.get();
        check(checker, "k", u, Intervention.shiftBy(1));
        assertEquals(runs, counting.runs.get(), "the same budget would time out again: not retried");
        EffectChecker.Outcome again = checker.check("k", "content", u, Intervention.shiftBy(1), targets(u), SETTINGS,
                TraceProject.NONE, Deadline.after(Duration.ofSeconds(90)), () -> false);
        assertEquals(2.0, again.observed().get("return").value(), 1e-9, "more than twice the time: checked again");

        int before = counting.runs.get();
        EffectChecker.Outcome noTime = checker.check("k3", "other", u, Intervention.shiftBy(1), targets(u), SETTINGS,
                TraceProject.NONE, new Deadline(System.nanoTime() - 1, Duration.ZERO), () -> false);
        assertTrue(noTime.unchecked().contains("timeoutMs"), noTime.unchecked());
        assertEquals(before, counting.runs.get(), "nothing runs once the budget is spent");
        EffectChecker.Outcome later = check(checker, "k3", u, Intervention.shiftBy(1));
        assertEquals(2.0, later.observed().get("return").value(), 1e-9, "a request with time checks it");
    }

    @Test
    void aFailingCheckNeverThrowsAndIsKeptAsANote() throws Exception {
        Counting counting = new Counting();
        EffectChecker checker = new EffectChecker(counting);
        StructuralImpact u = impact("double u", "u");
        counting.fail = new TraceException(TraceException.Reason.TRACE_FAILED, "more than half of the executions "
                + "threw");
        EffectChecker.Outcome failed = check(checker, "k", u, Intervention.shiftBy(1));
        assertTrue(failed.observed().isEmpty());
        assertTrue(failed.unchecked().startsWith("Effects not checked by running the code: more than half"),
                failed.unchecked());
        int runs = counting.runs.get();
        check(checker, "k", u, Intervention.shiftBy(1));
        assertEquals(runs, counting.runs.get(), "kept");
    }

    static TraceRequest request(StructuralImpact impact) {
        return new TraceRequest(impact.document(), impact.member(), impact.graph(), SETTINGS.samples(),
                SETTINGS.seed(), List.of(), java.time.Duration.ofSeconds(30));
    }
}
