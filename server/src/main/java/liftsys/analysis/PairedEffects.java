package liftsys.analysis;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import liftsys.trace.ColumnType;
import liftsys.trace.Trace;

/**
 * Observed average effects from two traces of the same method on the same sampled inputs:
 * per target column, the mean of {@code alternative - reference} over the rows that came from the
 * same sample in both (rows pair by {@link Trace#sample}, never by position, since an intervention
 * may change which executions throw), with the interval mean +- t(n-1) * sd / sqrt(n). Categorical
 * columns (codes, not quantities) get none. Stateless.
 */
public final class PairedEffects {
    private PairedEffects() {
    }

    /**
     * The observed effects on each target present in both traces with at least two paired rows.
     *
     * @param reference the run without the intervention (shift), or with the subject set to {@code from}
     * @param alternative the run with the shift, or with the subject set to {@code to}
     * @param level the interval's confidence level, in (0, 1)
     */
    public static Map<String, ObservedEffect> of(Trace reference, Trace alternative, Collection<String> targets,
                                                 double level) {
        Map<String, ObservedEffect> out = new LinkedHashMap<>();
        int[] pairedRow = new int[alternative.rowCount()];
        for (int i = 0; i < pairedRow.length; i++) {
            pairedRow[i] = reference.rowOfSample(alternative.sample(i));
        }
        for (String target : targets) {
            int jr = reference.columns().indexOf(target);
            int ja = alternative.columns().indexOf(target);
            if (jr < 0 || ja < 0 || reference.types().get(target) == ColumnType.CATEGORICAL) {
                continue;
            }
            int n = 0;
            double mean = 0;
            double m2 = 0;
            for (int i = 0; i < pairedRow.length; i++) {
                if (pairedRow[i] < 0) {
                    continue;
                }
                double d = alternative.value(i, ja) - reference.value(pairedRow[i], jr);
                n++;
                double delta = d - mean;
                mean += delta / n;
                m2 += delta * (d - mean);
            }
            ObservedEffect effect = summary(n, mean, m2, level);
            if (effect != null) {
                out.put(target, effect);
            }
        }
        return out;
    }

    /** Mean and t interval from Welford's running sums; null below two values or when not finite. */
    static ObservedEffect summary(int n, double mean, double m2, double level) {
        if (n < 2 || !Double.isFinite(mean) || !Double.isFinite(m2)) {
            return null;
        }
        double sd = Math.sqrt(Math.max(0, m2 / (n - 1)));
        double half = studentQuantile(0.5 + level / 2, n - 1) * sd / Math.sqrt(n);
        return new ObservedEffect(mean, mean - half, mean + half, level, n);
    }

    /** Mean and t interval of the values; null below two values. */
    static ObservedEffect summary(double[] values, double level) {
        int n = 0;
        double mean = 0;
        double m2 = 0;
        for (double d : values) {
            n++;
            double delta = d - mean;
            mean += delta / n;
            m2 += delta * (d - mean);
        }
        return summary(n, mean, m2, level);
    }

    /**
     * The p-quantile of Student's t with {@code df} degrees of freedom: exact for 1 and 2, else
     * the Cornish-Fisher expansion around the normal quantile (within 0.2% at df 3, p 0.975, and
     * closer as df grows).
     */
    static double studentQuantile(double p, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1: " + df);
        }
        if (df == 1) {
            return Math.tan(Math.PI * (p - 0.5));
        }
        if (df == 2) {
            return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
        }
        double z = normalQuantile(p);
        double z2 = z * z;
        double z3 = z2 * z;
        double z5 = z3 * z2;
        double z7 = z5 * z2;
        double z9 = z7 * z2;
        double v = df;
        return z + (z3 + z) / (4 * v)
                + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
                + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v);
    }

    /** The standard normal p-quantile (Acklam's rational approximation, relative error below 1.2e-9). */
    static double normalQuantile(double p) {
        if (p <= 0 || p >= 1) {
            throw new IllegalArgumentException("p must be in (0, 1): " + p);
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            return -normalQuantile(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
