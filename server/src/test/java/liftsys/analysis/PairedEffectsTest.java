package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import liftsys.trace.ColumnType;
import liftsys.trace.InputRange;
import liftsys.trace.Trace;
import org.junit.jupiter.api.Test;

/** The observed effect: paired differences by sample index, their mean and t interval; and extrapolation. */
class PairedEffectsTest {
    static Trace trace(int[] samples, double[][] rows) {
        return new Trace(List.of("x", "y", "c"), Map.of("x", ColumnType.CONTINUOUS, "y", ColumnType.CONTINUOUS,
                "c", ColumnType.CATEGORICAL), rows, Map.of("x", new InputRange("double", ColumnType.CONTINUOUS, 0, 10,
                List.of(), "double uniform in [0, 10]")), 6, 0, 0, null, samples);
    }

    @Test
    void studentQuantilesMatchTheTables() {
        assertEquals(1.959964, PairedEffects.normalQuantile(0.975), 1e-6);
        assertEquals(-1.644854, PairedEffects.normalQuantile(0.05), 1e-6);
        assertEquals(12.7062, PairedEffects.studentQuantile(0.975, 1), 1e-3);
        assertEquals(4.3027, PairedEffects.studentQuantile(0.975, 2), 1e-3);
        assertEquals(3.1824, PairedEffects.studentQuantile(0.975, 3), 0.01);
        assertEquals(2.5706, PairedEffects.studentQuantile(0.975, 5), 2e-3);
        assertEquals(2.2281, PairedEffects.studentQuantile(0.975, 10), 1e-3);
        assertEquals(2.0452, PairedEffects.studentQuantile(0.975, 29), 1e-4);
        assertEquals(1.9623, PairedEffects.studentQuantile(0.975, 1000), 1e-4);
    }

    @Test
    void rowsPairBySampleIndexNotByPosition() {
        // Sample 1 threw in the reference run, sample 2 in the alternative one: pairs are 0, 3, 4.
        Trace reference = trace(new int[] {0, 2, 3, 4}, new double[][] {{1, 10, 0}, {2, 20, 1}, {3, 30, 2}, {4, 40, 3}});
        Trace alternative = trace(new int[] {0, 1, 3, 4},
                new double[][] {{2, 13, 5}, {99, 99, 5}, {4, 33, 5}, {5, 43, 5}});
        Map<String, ObservedEffect> observed = PairedEffects.of(reference, alternative, List.of("x", "y", "c", "nope"),
                0.95);
        assertEquals(List.of("x", "y"), List.copyOf(observed.keySet()), "categorical and absent columns get none");
        ObservedEffect y = observed.get("y");
        assertEquals(3, y.pairs());
        assertEquals(3.0, y.value(), 1e-12);
        assertEquals(3.0, y.low(), 1e-12, "identical differences: a zero-width interval");
        assertEquals(3.0, y.high(), 1e-12);
        assertEquals(0.95, y.level());
        assertEquals(1.0, observed.get("x").value(), 1e-12);
    }

    @Test
    void theIntervalIsMeanPlusMinusTTimesTheStandardError() {
        ObservedEffect e = PairedEffects.summary(new double[] {1, 2, 3, 4, 5}, 0.95);
        double half = 2.7764 * Math.sqrt(2.5) / Math.sqrt(5);
        assertEquals(3.0, e.value(), 1e-12);
        assertEquals(3.0 - half, e.low(), 5e-3);
        assertEquals(3.0 + half, e.high(), 5e-3);
        assertNull(PairedEffects.summary(new double[] {7}, 0.95), "one pair has no interval");
    }

    @Test
    void anEstimateMoreThanTenPercentFromTheMeasuredEffectDiffersAndFloatingPointNoiseDoesNot() {
        ObservedEffect exact = new ObservedEffect(4.000000000000001, 4.000000000000001, 4.000000000000001, 0.95, 300);
        assertFalse(exact.differsFrom(3.9999999999998, 100));
        assertFalse(exact.differsFrom(4.39, 100), "9.75% off: within the tolerance");
        assertTrue(exact.differsFrom(4.41, 100), "10.25% off");
        assertTrue(exact.differsFrom(3.59, 100));
        // The old rule (intervals that do not overlap) flagged 1.3% off and passed 40% off with a wide interval.
        ObservedEffect sqrt = new ObservedEffect(0.41421, 0.41421, 0.41421, 0.95, 300);
        assertFalse(sqrt.differsFrom(0.41966, 10), "1.3% off is within the tolerance");
        assertTrue(sqrt.outside(0.41966, 0.41966), "but outside a zero-width interval");
        ObservedEffect wide = new ObservedEffect(1.0, 0.5, 1.5, 0.95, 300);
        assertTrue(wide.differsFrom(1.4, 10), "40% off differs, whatever the intervals");
    }

    @Test
    void aZeroMeasuredEffectIsMatchedByRoundingAtTheTargetsScaleOnly() {
        ObservedEffect zero = new ObservedEffect(0, 0, 0, 0.95, 300);
        assertFalse(zero.differsFrom(3e-12, 1000), "rounding in sums over values in the thousands");
        assertTrue(zero.differsFrom(1e-3, 1000));
        ObservedEffect tiny = new ObservedEffect(-1e-300, -1e-300, -1e-300, 0.95, 300);
        assertFalse(tiny.differsFrom(-1.05e-300, 2e-298), "relative: tiny effects are judged at their own scale");
        assertTrue(tiny.differsFrom(-2e-300, 2e-298));
        ObservedEffect big = new ObservedEffect(8.5e48, 8.5e48, 8.5e48, 0.95, 17);
        assertTrue(big.differsFrom(0, 0), "a typical value of 0: no floor to hide 8.5e48 behind");
    }

    @Test
    void anInterventionOutsideTheSampledRangeIsFlagged() {
        double[][] rows = new double[11][];
        int[] samples = new int[11];
        for (int i = 0; i <= 10; i++) {
            rows[i] = new double[] {i, 2 * i, 0};
            samples[i] = i;
        }
        Trace t = trace(samples, rows);
        assertNull(Extrapolation.note(t, "x", List.of("x"), Intervention.shiftBy(1)), "a few runs at the edge");
        assertNull(Extrapolation.note(t, "x", List.of("x"), Intervention.set(0, 10)));
        String far = Extrapolation.note(t, "x", List.of("x"), Intervention.set(0, 1e6));
        assertTrue(far.contains("Setting `x` to 1000000") && far.contains("[0, 10]") && far.contains("extrapolates"),
                far);
        String shifted = Extrapolation.note(t, "x", List.of("x"), Intervention.shiftBy(5));
        assertTrue(shifted.contains("45% of the runs"), shifted);
        // A local has no sampler: its traced minimum and maximum are its range.
        assertNull(Extrapolation.note(t, "y", List.of("y"), Intervention.set(0, 20)));
        assertTrue(Extrapolation.note(t, "y", List.of("y"), Intervention.set(-1, 20)).contains("to -1 takes"));
    }
}
