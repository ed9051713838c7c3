package liftsys.worker;

import java.util.Random;

/**
 * One choice made when drawing an input (which bin of a number's range, which length of an
 * array, which enum constant, whether two arrays get the same length, ...), learned from which
 * runs complete. Each arm starts with a prior weight; once runs are recorded, an arm is chosen in
 * proportion to its prior times the square of its completion share, smoothed toward the share of
 * all the arms together ({@code (completed + 2 r) / (tried + 2)}, r the pooled share): while
 * every run completes the draws keep their prior shares exactly, an arm whose runs all threw fades
 * out after a handful of tries, and an untried arm keeps the average. Squaring sharpens the choice
 * enough that an arm that never completes costs a few percent of the draws, not a third.
 * Deterministic for the same sequence of random numbers and outcomes. Not thread-safe (one per
 * input of one trace).
 */
final class Arms {
    private static final double PSEUDO_RUNS = 2;

    private final double[] prior;
    private final int[] tried;
    private final int[] completed;
    private int allTried;
    private int allCompleted;

    Arms(double[] prior) {
        if (prior.length == 0) {
            throw new IllegalArgumentException("no arms");
        }
        this.prior = prior.clone();
        this.tried = new int[prior.length];
        this.completed = new int[prior.length];
    }

    /** Arms of equal prior weight. */
    static Arms uniform(int n) {
        double[] prior = new double[n];
        java.util.Arrays.fill(prior, 1.0 / n);
        return new Arms(prior);
    }

    int size() {
        return prior.length;
    }

    int choose(Random random) {
        if (prior.length == 1) {
            return 0;
        }
        double[] weights = new double[prior.length];
        double total = 0;
        for (int i = 0; i < prior.length; i++) {
            weights[i] = weight(i);
            total += weights[i];
        }
        if (!(total > 0)) {
            // Nothing completed yet under any arm: nothing to prefer.
            System.arraycopy(prior, 0, weights, 0, prior.length);
            total = java.util.Arrays.stream(prior).sum();
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < prior.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return prior.length - 1;
    }

    /** A run drawn with arm {@code i} completed (with finite values) or not. */
    void record(int i, boolean ok) {
        tried[i]++;
        allTried++;
        if (ok) {
            completed[i]++;
            allCompleted++;
        }
    }

    /** The arm's weight now: its prior times its smoothed completion share, squared. */
    double weight(int i) {
        double pooled = allTried == 0 ? 1 : (double) allCompleted / allTried;
        double share = (completed[i] + PSEUDO_RUNS * pooled) / (tried[i] + PSEUDO_RUNS);
        return prior[i] * share * share;
    }

    /** The share of draws arm {@code i} gets now. */
    double probability(int i) {
        double total = 0;
        for (int k = 0; k < prior.length; k++) {
            total += weight(k);
        }
        return total > 0 ? weight(i) / total : priorProbability(i);
    }

    /** The share of draws arm {@code i} had before anything was learned. */
    double priorProbability(int i) {
        double total = 0;
        for (double p : prior) {
            total += p;
        }
        return prior[i] / total;
    }

    /**
     * Whether these arms learned something: some arm completed significantly more or less often
     * than the arms together (a binomial tail below {@value #SIGNIFICANCE}). Runs that fail for
     * another input's sake fail alike under every arm, and do not count as learned here.
     */
    boolean learned() {
        if (allTried == 0 || allCompleted == allTried) {
            return false;
        }
        double rate = (double) allCompleted / allTried;
        for (int i = 0; i < prior.length; i++) {
            if (atMost(completed[i], tried[i], rate) < SIGNIFICANCE
                    || atMost(tried[i] - completed[i], tried[i], 1 - rate) < SIGNIFICANCE) {
                return true;
            }
        }
        return false;
    }

    private static final double SIGNIFICANCE = 1e-3;

    /** P(X <= k) for X binomial with n trials of probability p. */
    static double atMost(int k, int n, double p) {
        if (k >= n || p <= 0) {
            return 1;
        }
        if (p >= 1) {
            return 0;
        }
        double term = Math.pow(1 - p, n);
        double sum = term;
        for (int j = 1; j <= k; j++) {
            term *= (double) (n - j + 1) / j * p / (1 - p);
            sum += term;
        }
        return Math.min(1, sum);
    }
}
