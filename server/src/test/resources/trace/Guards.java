package fixtures;

/**
 * Methods that reject most of the inputs a uniform draw gives them: the worker must find the ones
 * they accept, from what their code says and from what throws (FeedbackSamplingTest).
 */
public class Guards {
    static final int LIMIT = 500;
    static final int COEFFICIENTS = 16;

    enum Unit { GRAM, KILOGRAM, POUND, OUNCE, STONE }

    /** Binomial coefficient: needs n >= k >= 0 (a guard clause relating two parameters). */
    static long choose(int n, int k) {
        if (k < 0 || n < k) {
            throw new IllegalArgumentException("n must be >= k (k = " + k + ", n = " + n + ")");
        }
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    /** A probability: the guard leaves [0, 1] of a range about ten times as wide. */
    static double spread(double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException(p + " out of [0, 1] range");
        }
        double q = 1 - p;
        return p * q;
    }

    /** Arrays of one length, checked in a helper the guard reading cannot see: learned from what throws. */
    static double[] add(double[] a, double[] b) {
        conform(a, b);
        double[] out = a.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] += b[j];
        }
        double first = out.length == 0 ? 0 : out[0];
        return out;
    }

    private static void conform(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " != " + b.length);
        }
    }

    /** An index into an array parameter. */
    static double at(double[] values, int i) {
        double v = values[i];
        return 2 * v;
    }

    /** A threshold held in a static final field: the draws must cross it. */
    static double cost(double x) {
        double c = x;
        if (x > LIMIT) {
            c = LIMIT + 2 * (x - LIMIT);
        }
        return c;
    }

    /** A variable-arity parameter of one length, checked in a helper: learned from what throws. */
    static double sigmoid(double x, double... p) {
        expectTwo(p);
        double y = p[0] / (1 + Math.exp(-p[1] * x));
        return y;
    }

    private static void expectTwo(double[] p) {
        if (p.length != 2) {
            throw new IllegalArgumentException("2 parameters expected, got " + p.length);
        }
    }

    /** Reads a 16th element: arrays must be longer than the usual lengths. */
    static double spline(double[] beta) {
        double s = beta[0] + 2 * beta[15];
        return s;
    }

    /** Reads as many elements as a constant of the class says, in a loop. */
    static double weighted(double[] beta) {
        double s = 0;
        for (int j = 0; j < COEFFICIENTS; j++) {
            s += j * beta[j];
        }
        return s;
    }

    /** Weights must be positive, checked in a helper: learned from what throws. */
    static double logSum(double[] w) {
        positive(w);
        double s = 0;
        for (double v : w) {
            s += Math.log(v);
        }
        return s;
    }

    private static void positive(double[] w) {
        for (double v : w) {
            if (v <= 0) {
                throw new IllegalArgumentException(v + " is not positive");
            }
        }
    }

    /** Only two of five constants are accepted. */
    static double grams(Unit unit, double amount) {
        switch (unit) {
            case GRAM:
                return amount;
            case KILOGRAM:
                return amount * 1000;
            default:
                throw new IllegalArgumentException("not metric: " + unit);
        }
    }

    /** Accepts one input in about a hundred, which no range or relation describes. */
    static int unlucky(int x) {
        if (Math.floorMod(x * 31 + 7, 97) != 0) {
            throw new IllegalStateException("unlucky " + x);
        }
        return x;
    }
}
