package liftsys.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import liftsys.trace.ColumnType;
import liftsys.trace.InputRange;
import liftsys.trace.Trace;

/**
 * Whether an intervention moves its subject outside the range it was sampled in, where DoWhy's
 * fitted mechanisms have seen no data and extrapolate. The range of a parameter (or field read)
 * is the range its sampler draws from; of a local, the smallest and largest value it took in the
 * trace. A set intervention extrapolates when a value it sets lies outside; a shift, when more
 * than a quarter of the traced runs end up outside once shifted (any shift moves a few runs at the
 * edges out; that much is ordinary). An input whose sampler cannot say its range (an object, recorded
 * as a number it offers) is judged by its traced values, like a local. Stateless.
 */
public final class Extrapolation {
    /** Share of runs outside the range beyond which a shift counts as extrapolating. */
    static final double SHIFT_SHARE = 0.25;

    private Extrapolation() {
    }

    /**
     * The note that says how the intervention leaves the sampled range, or null when it stays in.
     *
     * @param trace the trace the model was fitted on
     * @param subjectName the subject's name, for the note
     * @param definitionIds the subject's graph nodes (columns of the trace)
     */
    public static String note(Trace trace, String subjectName, List<String> definitionIds, Intervention intervention) {
        if (intervention.isText()) {
            // A String set by value: the model's own reasons say when a feature is set outside what it saw.
            return null;
        }
        for (String id : definitionIds) {
            int j = trace.columns().indexOf(id);
            if (j < 0 || trace.types().get(id) != ColumnType.CONTINUOUS || trace.rowCount() == 0) {
                continue;
            }
            double[] column = trace.column(id);
            double low;
            double high;
            InputRange sampled = trace.inputs().get(id);
            // An object's sampler cannot say the range of the number it offers: the traced values can.
            if (sampled != null && !Double.isNaN(sampled.low()) && !Double.isNaN(sampled.high())) {
                low = sampled.low();
                high = sampled.high();
            } else {
                low = Double.POSITIVE_INFINITY;
                high = Double.NEGATIVE_INFINITY;
                for (double v : column) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
            double slack = 1e-9 * Math.max(1, Math.max(Math.abs(low), Math.abs(high)));
            String range = "[" + number(low) + ", " + number(high) + "]";
            if (intervention.isShift()) {
                double d = intervention.shift();
                int outside = 0;
                for (double v : column) {
                    if (v + d < low - slack || v + d > high + slack) {
                        outside++;
                    }
                }
                double share = outside / (double) column.length;
                if (share > SHIFT_SHARE) {
                    return "Shifting `" + subjectName + "` by " + number(d) + " takes it outside the range it was "
                            + "sampled in, " + range + ", in " + Math.round(share * 100) + "% of the runs; DoWhy "
                            + "then extrapolates its fitted mechanisms beyond the traced data.";
                }
            } else {
                List<String> out = new ArrayList<>();
                for (double v : new double[] {intervention.from(), intervention.to()}) {
                    if ((v < low - slack || v > high + slack) && !out.contains(number(v))) {
                        out.add(number(v));
                    }
                }
                if (!out.isEmpty()) {
                    return "Setting `" + subjectName + "` to " + String.join(" and ", out) + " takes it outside the "
                            + "range it was sampled in, " + range + "; DoWhy then extrapolates its fitted mechanisms "
                            + "beyond the traced data.";
                }
            }
        }
        return null;
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
