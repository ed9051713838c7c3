package fixtures;

/** How many of the planned runs a model is fitted on, and what the answer says of it (RunCountsTest). */
public class RunShares {
    /** Rejects p outside [0, 1] in a helper the guard reading cannot see: learned from what throws. */
    static double checkedElsewhere(double p) {
        requireUnit(p);
        double q = 3 * p;
        return q + 1;
    }

    private static void requireUnit(double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("p = " + p);
        }
    }

    /** One run in twenty-five records a finite value, whatever the input (so nothing can be learned). */
    static double rarelyFinite(double x) {
        double y = 2 * x;
        Calls.count++;
        double z = Calls.count % 25 == 0 ? y : Double.NaN;
        return z + 1;
    }

    private static final class Calls {
        static int count;
    }
}
