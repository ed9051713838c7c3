package liftsys.worker;

import java.lang.reflect.Array;
import java.util.List;
import java.util.Random;

/**
 * A relation between two inputs of one draw, applied after both are drawn: two arrays of equal
 * length, an index within an array's bounds, one number not below another. Whether it is applied
 * is a choice of two arms (apply it, or leave the draws as they are), learned from which runs
 * complete; what the code says sets the prior ({@link #APPLIED_HARD} for a guard clause,
 * {@link #APPLIED_SOFT} for a use, an even chance for a guess). Applying it redraws or swaps the
 * inputs it changes, whose own choices then no longer count for the run.
 */
abstract class InputRelation {
    static final double APPLIED_HARD = 0.95;
    static final double APPLIED_SOFT = 0.8;
    static final double APPLIED_GUESS = 0.5;

    final int changed;
    private final Arms arms;
    private final String words;

    InputRelation(int changed, double applied, String words) {
        this.changed = changed;
        this.arms = new Arms(new double[] {applied, 1 - applied});
        this.words = words;
    }

    /** Applies the relation to one draw's values (by input), or leaves them; records its choice. */
    final void apply(Object[] values, Random random, List<InputShape.Pick> picks, List<List<InputShape.Pick>> byInput) {
        int arm = arms.choose(random);
        picks.add(new InputShape.Pick(arms, arm));
        if (arm == 0 && enforce(values, random)) {
            for (int k : changes()) {
                byInput.get(k).clear();
            }
        }
    }

    /** The inputs whose drawn values enforcing the relation replaced: their arms no longer answer for the run. */
    int[] changes() {
        return new int[] {changed};
    }

    /** Changes {@code values[changed]} so that the relation holds; false when it held or cannot be made to. */
    abstract boolean enforce(Object[] values, Random random);

    /** The relation in words, with how often it is applied now. */
    String describe() {
        return words + " in " + Math.round(100 * arms.probability(0)) + "% of the draws";
    }

    /** Array {@code b} as long as array {@code a}. */
    static final class SameLength extends InputRelation {
        private final int a;
        private final ArrayShape shape;

        SameLength(int a, int b, ArrayShape shape, double applied, String words) {
            super(b, applied, words);
            this.a = a;
            this.shape = shape;
        }

        @Override
        boolean enforce(Object[] values, Random random) {
            if (values[a] == null || values[changed] == null) {
                return false;
            }
            int length = Array.getLength(values[a]);
            if (Array.getLength(values[changed]) == length) {
                return false;
            }
            values[changed] = shape.withLength(length, random, new java.util.ArrayList<>());
            return true;
        }
    }

    /**
     * An integer {@code i} with {@code from <= i} and {@code i + offset < array.length} (inclusive
     * {@code <=} when {@code through}): an index into the array, or a count bounded by its length.
     */
    static final class WithinLength extends InputRelation {
        private final int array;
        private final NumericShape shape;
        private final double from;
        private final double offset;
        private final boolean through;

        WithinLength(int index, int array, NumericShape shape, double from, double offset, boolean through,
                     double applied, String words) {
            super(index, applied, words);
            this.array = array;
            this.shape = shape;
            this.from = from;
            this.offset = offset;
            this.through = through;
        }

        @Override
        boolean enforce(Object[] values, Random random) {
            if (values[array] == null || !(values[changed] instanceof Number n)) {
                return false;
            }
            double to = Array.getLength(values[array]) - offset - (through ? 0 : 1);
            double v = n.doubleValue();
            if (to < from || (v >= from && v <= to)) {
                return false;
            }
            values[changed] = shape.uniform(from, to, random);
            return true;
        }
    }

    /** Number {@code x} at least (or above) number {@code y}: swapped when drawn the other way round. */
    static final class Ordered extends InputRelation {
        private final int y;
        private final boolean strict;

        Ordered(int x, int y, boolean strict, double applied, String words) {
            super(x, applied, words);
            this.y = y;
            this.strict = strict;
        }

        @Override
        boolean enforce(Object[] values, Random random) {
            if (!(values[changed] instanceof Number x) || !(values[y] instanceof Number other)
                    || x.getClass() != other.getClass()) {
                return false;
            }
            boolean holds = strict ? x.doubleValue() > other.doubleValue() : x.doubleValue() >= other.doubleValue();
            if (holds || x.doubleValue() == other.doubleValue()) {
                return false;
            }
            values[changed] = other;
            values[y] = x;
            return true;
        }

        /** A swap keeps the values each input's arms drew: they stay answerable for the run. */
        @Override
        int[] changes() {
            return new int[0];
        }
    }
}
