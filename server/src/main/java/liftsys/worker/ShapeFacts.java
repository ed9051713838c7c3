package liftsys.worker;

import java.util.ArrayList;
import java.util.List;
import liftsys.wire.Wire;

/**
 * Gathers, per drawn input, what the facts comparing it with constants say (bounds and excluded
 * values from guard clauses, constants to draw on both sides of, length bounds of arrays), then
 * makes its {@link InputShape}. Constants beyond {@link Wire#LARGEST_MARK} in magnitude bound a range
 * but do not widen it.
 */
final class ShapeFacts {
    /** How many lengths beyond a compared length (or a literal index) arrays are drawn with. */
    static final int SPARE_LENGTHS = 4;
    private final List<WorkerMain.Input> inputs;
    private final List<NumericShape.Bounds> bounds = new ArrayList<>();
    private final List<List<Double>> marks = new ArrayList<>();
    private final int[] minLength;
    private final int[] maxLength;
    /** A length the code's uses ask for (a literal index, a loop's bound), not a guard: half the draws reach it. */
    private final int[] usualLength;
    private final boolean[] maxFromCode;
    private final List<List<String>> lengthClauses = new ArrayList<>();

    ShapeFacts(List<WorkerMain.Input> inputs) {
        this.inputs = inputs;
        int n = inputs.size();
        minLength = new int[n];
        maxLength = new int[n];
        usualLength = new int[n];
        maxFromCode = new boolean[n];
        java.util.Arrays.fill(maxLength, Samplers.MAX_LENGTH);
        for (int k = 0; k < n; k++) {
            bounds.add(NumericShape.Bounds.none());
            marks.add(new ArrayList<>());
            lengthClauses.add(new ArrayList<>());
        }
    }

    /** A fact comparing input k (or its length) with the constant c. */
    void constant(int k, Wire.Fact fact, double c) {
        Samplers.Sampler sampler = inputs.get(k).sampler();
        String name = inputs.get(k).spec().name();
        Wire.FactKind kind = fact.kind();
        if (fact.inputLength() && sampler instanceof Samplers.ArraySampler) {
            if (!fact.hard() && (kind == Wire.FactKind.AT_LEAST || kind == Wire.FactKind.ABOVE)) {
                int needed = (int) Math.min(ArrayShape.LONGEST, kind == Wire.FactKind.ABOVE ? Math.floor(c) + 1
                        : Math.ceil(c));
                usualLength[k] = Math.max(usualLength[k], needed);
            }
            length(k, fact.hard() ? kind : Wire.FactKind.MARK, c, name + ".length");
        } else if (!fact.inputLength() && sampler instanceof Samplers.NumberSampler) {
            if (kind == Wire.FactKind.MARK || kind == Wire.FactKind.INDEX || !fact.hard()) {
                if (Math.abs(c) <= Wire.LARGEST_MARK) {
                    marks.get(k).add(c);
                }
                return;
            }
            String clause = name + " " + symbol(kind) + " " + NumericShape.format(c);
            NumericShape.Bounds b = bounds.get(k);
            b = switch (kind) {
                case AT_LEAST -> b.atLeast(c, false, clause);
                case ABOVE -> b.atLeast(c, true, clause);
                case AT_MOST -> b.atMost(c, false, clause);
                case BELOW -> b.atMost(c, true, clause);
                case EQUALS -> b.atLeast(c, false, clause).atMost(c, false, clause);
                case NOT_EQUALS -> b.without(c, clause);
                default -> b;
            };
            bounds.set(k, b);
        }
    }

    private void length(int k, Wire.FactKind kind, double c, String what) {
        if (kind == Wire.FactKind.MARK || kind == Wire.FactKind.INDEX) {
            // Lengths on both sides of a compared length, and beyond a literal index read.
            if (c >= maxLength[k] - SPARE_LENGTHS && c < ArrayShape.LONGEST && !maxFromCode[k]) {
                maxLength[k] = (int) Math.ceil(c) + 1 + SPARE_LENGTHS;
            }
            return;
        }
        int min = minLength[k];
        int max = maxLength[k];
        switch (kind) {
            case AT_LEAST -> min = Math.max(min, (int) Math.ceil(c));
            case ABOVE -> min = Math.max(min, (int) Math.floor(c) + 1);
            case AT_MOST -> max = (int) Math.floor(c);
            case BELOW -> max = (int) Math.ceil(c) - 1;
            case EQUALS -> {
                min = (int) Math.ceil(c);
                max = (int) Math.floor(c);
            }
            case NOT_EQUALS -> min = c == min ? min + 1 : min;
            default -> {
            }
        }
        if (kind == Wire.FactKind.AT_MOST || kind == Wire.FactKind.BELOW || kind == Wire.FactKind.EQUALS) {
            maxFromCode[k] = true;
        }
        if (min > max && !maxFromCode[k]) {
            max = min + Samplers.MAX_LENGTH;
        }
        if (min <= max && max >= 0) {
            minLength[k] = Math.max(0, min);
            maxLength[k] = max;
            String clause = what + " " + symbol(kind) + " " + NumericShape.format(c);
            if (!lengthClauses.get(k).contains(clause)) {
                lengthClauses.get(k).add(clause);
            }
        }
    }

    /** The shape of input k, from its sampler and the facts gathered. */
    InputShape shape(int k) {
        Samplers.Sampler sampler = inputs.get(k).sampler();
        if (sampler instanceof Samplers.NumberSampler number) {
            double[] extra = marks.get(k).stream().mapToDouble(Double::doubleValue).toArray();
            return NumericShape.of(number, extra, bounds.get(k));
        }
        if (sampler instanceof Samplers.ArraySampler array) {
            return ArrayShape.of(array, minLength[k], maxLength[k], usualLength[k],
                    String.join(" and ", lengthClauses.get(k)));
        }
        if (sampler instanceof Samplers.EnumSampler e && !e.names.isEmpty()) {
            return InputShape.Choice.of(e);
        }
        if (sampler instanceof Samplers.BooleanSampler b) {
            return InputShape.Choice.ofBoolean(b);
        }
        return new InputShape.Plain(sampler);
    }

    private static String symbol(Wire.FactKind kind) {
        return switch (kind) {
            case AT_LEAST -> ">=";
            case ABOVE -> ">";
            case AT_MOST -> "<=";
            case BELOW -> "<";
            case EQUALS -> "==";
            case NOT_EQUALS -> "!=";
            default -> "~";
        };
    }
}
