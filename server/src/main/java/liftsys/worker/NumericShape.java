package liftsys.worker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import liftsys.wire.Wire;

/**
 * How a number is drawn: its range (the sampler's, around the literals and constants the code
 * compares it with, then cut to what its guard clauses accept) is split into {@value #BINS}
 * bins of equal width, and the special values (those constants, integer neighbours, the bounds)
 * are arms of their own; one draw in five is a special value, then a bin is chosen and the value
 * is uniform inside it. Which bins and values are chosen is learned from which runs complete
 * ({@link Arms}), so draws move to the parts of the range the method accepts.
 */
final class NumericShape implements InputShape {
    static final int BINS = 10;
    private static final double SPECIAL_SHARE = 0.2;

    private final Samplers.Numeric type;
    private final String typeName;
    private final double low;
    private final double high;
    private final double[] specials;
    private final int bins;
    private final Arms arms;
    private final String required;

    /**
     * What guard clauses accept: {@code lower} and {@code upper} (infinite when unbounded, strict
     * when the bound itself is rejected), values rejected outright, and the clauses in words.
     */
    record Bounds(double lower, boolean lowerStrict, double upper, boolean upperStrict, Set<Double> excluded,
                  List<String> clauses) {
        static Bounds none() {
            return new Bounds(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false, new LinkedHashSet<>(),
                    new ArrayList<>());
        }

        Bounds atLeast(double v, boolean strict, String clause) {
            boolean tighter = v > lower || (v == lower && strict);
            return new Bounds(tighter ? v : lower, tighter ? strict : lowerStrict, upper, upperStrict, excluded,
                    with(clause));
        }

        Bounds atMost(double v, boolean strict, String clause) {
            boolean tighter = v < upper || (v == upper && strict);
            return new Bounds(lower, lowerStrict, tighter ? v : upper, tighter ? strict : upperStrict, excluded,
                    with(clause));
        }

        Bounds without(double v, String clause) {
            Set<Double> more = new LinkedHashSet<>(excluded);
            more.add(v);
            return new Bounds(lower, lowerStrict, upper, upperStrict, more, with(clause));
        }

        private List<String> with(String clause) {
            List<String> more = new ArrayList<>(clauses);
            if (!more.contains(clause)) {
                more.add(clause);
            }
            return more;
        }
    }

    private NumericShape(Samplers.Numeric type, String typeName, double low, double high, double[] specials,
                         int bins, String required) {
        this.type = type;
        this.typeName = typeName;
        this.low = low;
        this.high = high;
        this.specials = specials;
        this.bins = bins;
        this.required = required;
        double[] prior = new double[specials.length + bins];
        double binShare = specials.length == 0 ? 1 : 1 - SPECIAL_SHARE;
        for (int i = 0; i < prior.length; i++) {
            prior[i] = i < specials.length ? SPECIAL_SHARE / specials.length : binShare / bins;
        }
        this.arms = new Arms(prior);
    }

    /**
     * The shape of a number drawn by {@code sampler}, whose range also spans {@code marks}, cut
     * to {@code bounds}. Bounds that contradict each other are ignored (the method then accepts
     * nothing, and the runs say so).
     */
    static NumericShape of(Samplers.NumberSampler sampler, double[] marks, Bounds bounds) {
        Samplers.NumberSampler base = marks.length == 0 ? sampler : sampler.withConstants(marks);
        Samplers.Numeric type = base.numeric();
        double lower = effective(type, bounds.lower(), bounds.lowerStrict(), true);
        double upper = effective(type, bounds.upper(), bounds.upperStrict(), false);
        if (lower > upper) {
            lower = Double.NEGATIVE_INFINITY;
            upper = Double.POSITIVE_INFINITY;
            bounds = Bounds.none();
        }
        double lo = Math.max(base.low(), lower);
        double hi = Math.min(base.high(), upper);
        if (lo > hi) {
            // The accepted range lies outside the sampled one: draw as wide a range there.
            double width = base.high() - base.low();
            if (Double.isFinite(lower) && Double.isFinite(upper)) {
                lo = lower;
                hi = upper;
            } else if (Double.isFinite(lower)) {
                lo = lower;
                hi = Math.min(type.max, lower + width);
            } else {
                hi = upper;
                lo = Math.max(type.min, upper - width);
            }
        }
        LinkedHashSet<Double> special = new LinkedHashSet<>();
        for (double v : new double[] {lower, upper}) {
            if (Double.isFinite(v)) {
                special.add(v);
            }
        }
        for (double v : base.specials()) {
            special.add(v);
        }
        final double from = lo;
        final double to = hi;
        final Set<Double> excluded = bounds.excluded();
        double[] specials = special.stream().filter(v -> v >= from && v <= to && !excluded.contains(v))
                .mapToDouble(Double::doubleValue).toArray();
        int bins = type.integral ? (int) Math.max(1, Math.min(BINS, hi - lo + 1)) : (hi > lo ? BINS : 1);
        return new NumericShape(type, base.typeName(), lo, hi, specials, bins, String.join(" and ", bounds.clauses()));
    }

    /** A bound as the closed limit of values of the type: {@code x > 2} is {@code x >= 3} for an int. */
    private static double effective(Samplers.Numeric type, double bound, boolean strict, boolean lower) {
        if (!Double.isFinite(bound)) {
            return bound;
        }
        double v;
        if (type.integral) {
            v = lower ? (strict ? Math.floor(bound) + 1 : Math.ceil(bound))
                    : (strict ? Math.ceil(bound) - 1 : Math.floor(bound));
        } else {
            v = !strict ? bound : lower ? Math.nextUp(bound) : Math.nextDown(bound);
        }
        return Math.max(type.min, Math.min(type.max, v));
    }

    Samplers.Numeric type() {
        return type;
    }

    double low() {
        return low;
    }

    double high() {
        return high;
    }

    @Override
    public Object draw(Random random, List<Pick> picks) {
        int arm = arms.choose(random);
        picks.add(new Pick(arms, arm));
        double v = arm < specials.length ? specials[arm] : inBin(arm - specials.length, random);
        return type.box(v);
    }

    /** A value of the type, uniform in {@code [from, to]}: for drawing an index within an array's bounds. */
    Object uniform(double from, double to, Random random) {
        double v = type.integral ? from + Math.floor(random.nextDouble() * (to - from + 1))
                : from + random.nextDouble() * (to - from);
        return type.box(Math.min(v, to));
    }

    private double inBin(int bin, Random random) {
        if (type.integral) {
            double span = high - low + 1;
            double from = low + Math.floor(bin * span / bins);
            double to = low + Math.floor((bin + 1) * span / bins) - 1;
            return Math.min(high, from + Math.floor(random.nextDouble() * (to - from + 1)));
        }
        double width = (high - low) / bins;
        return Math.min(high, low + (bin + random.nextDouble()) * width);
    }

    @Override
    public Wire.Sampled describe(String column) {
        StringBuilder s = new StringBuilder(typeName).append(" in [").append(format(low)).append(", ")
                .append(format(high)).append(']');
        if (!required.isEmpty()) {
            s.append(", as the code requires ").append(required);
        }
        if (specials.length > 0) {
            s.append("; one draw in five is one of ");
            for (int i = 0; i < specials.length && i < 12; i++) {
                s.append(i == 0 ? "" : ", ").append(format(specials[i]));
            }
            s.append(specials.length > 12 ? ", ..." : "");
        }
        if (arms.learned()) {
            s.append("; learned from the runs that threw: ").append(learned());
        }
        return new Wire.Sampled(column, Wire.InputModel.CONTINUOUS, low, high, List.of(), s.toString());
    }

    /** Where the draws went once learned: the narrowest run of bins that holds 80% of them. */
    private String learned() {
        double[] p = new double[bins];
        double specialShare = 0;
        for (int i = 0; i < arms.size(); i++) {
            if (i < specials.length) {
                specialShare += arms.probability(i);
            } else {
                p[i - specials.length] = arms.probability(i);
            }
        }
        double binTotal = 1 - specialShare;
        int bestFrom = 0;
        int bestTo = bins - 1;
        for (int from = 0; from < bins; from++) {
            double sum = 0;
            for (int to = from; to < bins; to++) {
                sum += p[to];
                if (sum >= 0.8 * binTotal) {
                    if (to - from < bestTo - bestFrom) {
                        bestFrom = from;
                        bestTo = to;
                    }
                    break;
                }
            }
        }
        double share = 0;
        for (int k = bestFrom; k <= bestTo; k++) {
            share += p[k];
        }
        double width = (high - low + (type.integral ? 1 : 0)) / bins;
        double from = low + bestFrom * width;
        double to = type.integral ? Math.min(high, low + Math.floor((bestTo + 1) * width) - 1)
                : low + (bestTo + 1) * width;
        return Math.round(100 * share) + "% of the draws in [" + format(type.integral ? Math.floor(from) : from) + ", "
                + format(to) + "]" + (specials.length == 0 ? "" : ", " + Math.round(100 * specialShare)
                + "% special values");
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toString();
    }
}
