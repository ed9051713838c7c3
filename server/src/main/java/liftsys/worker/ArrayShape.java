package liftsys.worker;

import java.lang.reflect.Array;
import java.util.List;
import java.util.Random;
import liftsys.wire.Wire;

/**
 * How an array is drawn: each length in its range is an arm (0 to {@value Samplers#MAX_LENGTH}
 * unless guard clauses or compared constants say otherwise; when the code reads an element beyond
 * them, as {@code a[15]} or {@code a[j]} in a loop to 16, half the draws are that long or longer),
 * so a method that accepts one length
 * only (a variable-arity parameter of fixed length) is learned from the runs that throw; the
 * elements are drawn by the element's sampler, and for numbers a second choice keeps them as drawn,
 * takes their magnitudes, or takes their magnitudes with 1 for 0, learned the same way (for
 * methods that reject negative or zero elements).
 */
final class ArrayShape implements InputShape {
    /** Longest length a guard or a compared constant can ask for. */
    static final int LONGEST = 1000;

    private final Class<?> component;
    private final Samplers.Sampler element;
    private final int minLength;
    private final Arms lengths;
    private final Arms signs;
    private final String required;
    private final String elements;

    private ArrayShape(Samplers.ArraySampler base, int minLength, int maxLength, int usualLength, String required) {
        this.component = base.component();
        this.element = base.element();
        this.minLength = minLength;
        this.lengths = usualLength > minLength && usualLength <= maxLength
                ? new Arms(lengthPrior(minLength, maxLength, usualLength)) : Arms.uniform(maxLength - minLength + 1);
        this.signs = element instanceof Samplers.NumberSampler ? new Arms(new double[] {2, 1, 1}) : null;
        this.required = required;
        this.elements = element.describe("").description();
    }

    /**
     * The shape of arrays drawn by {@code base}, with lengths in {@code [minLength, maxLength]} as
     * far as they are sane; {@code required} says why in words (empty when nothing does).
     */
    static ArrayShape of(Samplers.ArraySampler base, int minLength, int maxLength, int usualLength,
                         String required) {
        int min = Math.max(0, Math.min(minLength, LONGEST));
        int max = Math.max(min, Math.min(maxLength, Math.max(LONGEST, min)));
        return new ArrayShape(base, min, max, usualLength, required);
    }

    /** Half the weight on the lengths from {@code usual} up, half on the shorter ones, evenly within each. */
    private static double[] lengthPrior(int min, int max, int usual) {
        double[] prior = new double[max - min + 1];
        for (int length = min; length <= max; length++) {
            prior[length - min] = length >= usual ? 0.5 / (max - usual + 1) : 0.5 / (usual - min);
        }
        return prior;
    }

    @Override
    public Object draw(Random random, List<Pick> picks) {
        int arm = lengths.choose(random);
        picks.add(new Pick(lengths, arm));
        return withLength(minLength + arm, random, picks);
    }

    /**
     * An array of this length, its elements drawn as usual (for arrays that must be as long as
     * another); numbers as drawn, or their magnitudes, or their magnitudes with 1 for 0 (for
     * methods that want non-negative or positive elements: counts, weights, probabilities).
     */
    Object withLength(int length, Random random, List<Pick> picks) {
        int sign = 0;
        if (signs != null) {
            sign = signs.choose(random);
            picks.add(new Pick(signs, sign));
        }
        Object array = Array.newInstance(component, length);
        for (int i = 0; i < length; i++) {
            Object v = element.draw(random);
            if (sign > 0 && v instanceof Number n) {
                double m = Math.abs(n.doubleValue());
                v = ((Samplers.NumberSampler) element).numeric().box(sign == 2 && m == 0 ? 1 : m);
            }
            Array.set(array, i, v);
        }
        return array;
    }

    @Override
    public Wire.Sampled describe(String column) {
        int maxLength = minLength + lengths.size() - 1;
        StringBuilder s = new StringBuilder(component.getSimpleName()).append("[] of length ").append(minLength)
                .append(maxLength == minLength ? "" : ".." + maxLength);
        if (!required.isEmpty()) {
            s.append(", as the code requires ").append(required);
        }
        s.append(", elements: ").append(elements);
        if (lengths.learned() || (signs != null && signs.learned())) {
            s.append("; learned from the runs that threw:");
            if (lengths.learned()) {
                int best = 0;
                for (int i = 1; i < lengths.size(); i++) {
                    best = lengths.probability(i) > lengths.probability(best) ? i : best;
                }
                s.append(" length ").append(minLength + best).append(" in ")
                        .append(Math.round(100 * lengths.probability(best))).append("% of the draws");
            }
            if (signs != null && signs.learned()) {
                s.append(lengths.learned() ? "," : "").append(" elements' magnitudes in ")
                        .append(Math.round(100 * (signs.probability(1) + signs.probability(2))))
                        .append("% of the draws (no zeros in ").append(Math.round(100 * signs.probability(2)))
                        .append("%)");
            }
        }
        return new Wire.Sampled(column, Wire.InputModel.CONTINUOUS, minLength, maxLength, List.of(), s.toString());
    }
}
