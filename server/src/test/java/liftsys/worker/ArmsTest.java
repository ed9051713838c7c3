package liftsys.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The choice every draw makes ({@link Arms}): what it keeps, what it learns, and when it says so. */
class ArmsTest {
    @Test
    void armsWhoseRunsAllCompleteKeepTheirPriorSharesExactly() {
        Arms arms = new Arms(new double[] {0.2, 0.3, 0.5});
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            arms.record(arms.choose(random), true);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(arms.priorProbability(i), arms.probability(i), 1e-12, "arm " + i);
        }
        assertFalse(arms.learned(), "nothing threw, nothing learned");
    }

    @Test
    void anArmWhoseRunsAllThrowFadesToAFewPercent() {
        Arms arms = Arms.uniform(4);
        Random random = new Random(2);
        for (int i = 0; i < 100; i++) {
            int arm = arms.choose(random);
            arms.record(arm, arm != 3);
        }
        assertTrue(arms.probability(3) < 0.05, "the arm that never completes: " + arms.probability(3));
        assertEquals(arms.probability(0), arms.probability(1), 0.05, "the others keep equal shares");
        assertTrue(arms.learned());
    }

    @Test
    void failuresSpreadEvenlyOverTheArmsAreNotLearned() {
        // Runs that fail for another input's sake fail under every arm alike.
        Arms arms = Arms.uniform(10);
        Random random = new Random(3);
        Random outcomes = new Random(4);
        for (int i = 0; i < 300; i++) {
            arms.record(arms.choose(random), outcomes.nextDouble() < 0.3);
        }
        assertFalse(arms.learned());
    }

    @Test
    void theSameOutcomesGiveTheSameChoices() {
        Arms a = Arms.uniform(5);
        Arms b = Arms.uniform(5);
        Random ra = new Random(9);
        Random rb = new Random(9);
        for (int i = 0; i < 100; i++) {
            int x = a.choose(ra);
            int y = b.choose(rb);
            assertEquals(x, y, "draw " + i);
            a.record(x, x % 2 == 0);
            b.record(y, y % 2 == 0);
        }
    }
}
