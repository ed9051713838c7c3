package liftsys.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percentiles of a set of timings in milliseconds. */
record Stats(int count, double p50, double p95, double p99, double max) {
    static Stats of(double[] millis) {
        double[] s = millis.clone();
        Arrays.sort(s);
        return new Stats(s.length, at(s, 0.50), at(s, 0.95), at(s, 0.99), s[s.length - 1]);
    }

    private static double at(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("p50", round(p50));
        m.put("p95", round(p95));
        m.put("p99", round(p99));
        m.put("max", round(max));
        return m;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
