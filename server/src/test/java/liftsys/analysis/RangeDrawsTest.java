package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liftsys.trace.ColumnType;
import liftsys.trace.Trace;
import org.junit.jupiter.api.Test;

/**
 * The draws of an experiment that samples a subject where the question takes it: the question's
 * own values are among them, the rest cover the traced values and the question's, whole numbers
 * for a whole-numbered subject, and the same draws for the same seed.
 */
class RangeDrawsTest {
    /** n took -5 .. 8 in the traced runs (an int), y = 3n - 2 beside it. */
    private static Trace trace() {
        double[][] rows = new double[14][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i - 5, 3 * (i - 5) - 2};
        }
        return new Trace(List.of("n", "y"), Map.of("n", ColumnType.CONTINUOUS, "y", ColumnType.CONTINUOUS), rows,
                Map.of(), rows.length, 0, 0, null);
    }

    @Test
    void aSetOutsideTheTracedValuesDrawsBothValuesAndWholeNumbersAcrossTheCoveringRange() {
        RangeDraws.Drawn drawn = RangeDraws.of(trace(), Set.of("n"), Intervention.set(10, 31), 300, 0);

        double[] n = drawn.values().get("n");
        assertEquals(300, n.length);
        assertArrayEquals(new double[] {-5, 31}, drawn.ranges().get("n"));
        for (int i = 0; i + 1 < n.length; i += 3) {
            assertEquals(10, n[i], "every third run takes `from`");
            assertEquals(31, n[i + 1], "the next takes `to`");
        }
        assertTrue(Arrays.stream(n).allMatch(v -> v == Math.rint(v) && v >= -5 && v <= 31), Arrays.toString(n));
        assertTrue(Arrays.stream(n).anyMatch(v -> v > 8 && v != 10 && v != 31), "uniform draws beyond the traced values");
        assertTrue(Arrays.stream(n).anyMatch(v -> v < 8 && v != 10), "and within them");
    }

    @Test
    void aShiftDrawsTracedValuesPlusTheShiftAndTheSameDrawsForTheSameSeed() {
        RangeDraws.Drawn drawn = RangeDraws.of(trace(), Set.of("n"), Intervention.shiftBy(4), 100, 7);

        assertArrayEquals(new double[] {-5, 12}, drawn.ranges().get("n"));
        double[] n = drawn.values().get("n");
        for (int i = 0; i < n.length; i += 2) {
            assertTrue(n[i] >= -1 && n[i] <= 12 && n[i] == Math.rint(n[i]), "a traced value plus 4: " + n[i]);
        }
        assertArrayEquals(n, RangeDraws.of(trace(), Set.of("n"), Intervention.shiftBy(4), 100, 7).values().get("n"));
    }

    @Test
    void aStringQuestionOrAColumnThatIsNotTracedDrawsNothing() {
        assertTrue(RangeDraws.of(trace(), Set.of("n"), Intervention.setText("a", "b"), 10, 0).values().isEmpty());
        assertTrue(RangeDraws.of(trace(), Set.of("missing"), Intervention.set(1, 2), 10, 0).values().isEmpty());
    }
}
