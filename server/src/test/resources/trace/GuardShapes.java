package fixtures;

import java.util.Objects;

/** The shapes of guard clauses and uses that InputFacts reads (InputFactsTest, with GuardShapes.facts). */
public class GuardShapes {
    static final int MAX = 100;
    static final double EPSILON = 1e-9;
    static final String NAME = "x";
    static int counter;

    enum Mode { FAST, SLOW }

    static int elseThrows(int x) {
        if (x >= 0 && x <= MAX) {
            return x;
        } else {
            throw new IllegalArgumentException();
        }
    }

    static int negated(int x, int y) {
        if (!(x < y)) {
            throw new IllegalArgumentException();
        }
        return y - x;
    }

    static double asserted(double p) {
        assert p > EPSILON : "too small";
        return 1 / p;
    }

    static int checked(int n, int m) {
        checkArgument(n > 0 && m != 3, "bad");
        checkPositive(m);
        return n * m;
    }

    static double lengths(double[] a, double[] b, int i) {
        if (a.length < 2 || i >= a.length || i < 0) {
            throw new IndexOutOfBoundsException();
        }
        checkEqualLength(a, b);
        return a[i] + b[i - 1];
    }

    static int offsets(int x) {
        if (x - 1 < 0) {
            throw new IllegalArgumentException();
        }
        return x;
    }

    static long otherClasses(long v) {
        if (v > Integer.MAX_VALUE / 2) {
            throw new ArithmeticException();
        }
        return v > Short.MAX_VALUE ? v : -v;
    }

    static int reassigned(int x) {
        x = x * 2;
        if (x < 0) {
            throw new IllegalArgumentException();
        }
        return x;
    }

    static int notNumbers(Mode mode, String s, int k) {
        Objects.requireNonNull(s);
        if (mode == Mode.FAST || s == NAME) {
            return k;
        }
        return counter > k ? counter : 0;
    }

    static double together(double[] xs, double[] ys) {
        double s = 0;
        for (int j = 0; j < xs.length; j++) {
            s += xs[j] * ys[j];
        }
        return s;
    }

    static double looped(double[] beta, double[] w, int n) {
        double s = 0;
        for (int j = 0; j < MAX; j++) {
            s += beta[j];
        }
        for (int k = 0; k <= n; k++) {
            s += w[k];
        }
        return s;
    }

    private static void checkArgument(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void checkPositive(int v) {
        if (v <= 0) {
            throw new IllegalArgumentException();
        }
    }

    private static void checkEqualLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException();
        }
    }
}
