package liftsys.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import liftsys.trace.ColumnType;
import liftsys.trace.Trace;

/**
 * The values of an experiment that samples a subject where a question takes it (issue 16): when a
 * change moves the subject outside the values it took in the traced runs, DoWhy's mechanisms would
 * be evaluated where they have seen no data (a tree or an interpolation is flat there, a linear fit
 * of {@code Math.min(x, 10)} on {@code x} in [-5, 5] keeps rising). The code is ours to run, so
 * instead of extrapolating, the method runs again on the same inputs with the subject drawn
 * independently of its inputs across the range that covers both the traced values and the values
 * the question gives it: for a set, every third run takes {@code from}, every third {@code to}, the
 * rest a uniform draw over the covering range; for a shift, half the runs take a traced value plus
 * the shift (where the model will evaluate), the rest a uniform draw. Draws are whole numbers when
 * every traced value is. Stateless and deterministic for a seed.
 */
final class RangeDraws {
    private RangeDraws() {
    }

    /** The drawn values per definition, and the covering range of each (low, high), for the note. */
    record Drawn(Map<String, double[]> values, Map<String, double[]> ranges) {
    }

    /**
     * @param nodes the subject's definitions the change takes outside their traced values (numbers only)
     * @param count how many values to draw per definition (one per planned run)
     */
    static Drawn of(Trace trace, Set<String> nodes, Intervention intervention, int count, long seed) {
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, double[]> ranges = new LinkedHashMap<>();
        for (String node : nodes) {
            int j = trace.columns().indexOf(node);
            if (j < 0 || trace.types().get(node) != ColumnType.CONTINUOUS || intervention.isText()) {
                continue;
            }
            List<Double> traced = new ArrayList<>();
            for (int i = 0; i < trace.rowCount(); i++) {
                if (trace.ran(i, j)) {
                    traced.add(trace.value(i, j));
                }
            }
            if (traced.isEmpty()) {
                continue;
            }
            double low = traced.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double high = traced.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            boolean whole = traced.stream().allMatch(v -> v == Math.rint(v));
            double[] given = intervention.isShift() ? new double[] {low + intervention.shift(),
                    high + intervention.shift()} : new double[] {intervention.from(), intervention.to()};
            for (double v : given) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
            Random random = new Random(seed * 31 + node.hashCode() + 17);
            double[] drawn = new double[count];
            for (int i = 0; i < count; i++) {
                double uniform = low + random.nextDouble() * (high - low);
                if (whole) {
                    uniform = Math.min(high, Math.max(low, Math.rint(uniform)));
                }
                if (intervention.isShift()) {
                    drawn[i] = i % 2 == 0 ? traced.get(random.nextInt(traced.size())) + intervention.shift() : uniform;
                } else {
                    drawn[i] = switch (i % 3) {
                        case 0 -> intervention.from();
                        case 1 -> intervention.to();
                        default -> uniform;
                    };
                }
            }
            values.put(node, drawn);
            ranges.put(node, new double[] {low, high});
        }
        return new Drawn(values, ranges);
    }
}
