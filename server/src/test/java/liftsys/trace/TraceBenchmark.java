package liftsys.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;

/**
 * Measures tracing (issue 6's targets): a worker's cold start; then, on a warm worker, 500
 * executions of a 12-node method traced the first time for its content (instrumentation and
 * compilation included) and again for the same content; all of it with the OS sandbox and
 * without it, for its cost. Run with
 * {@code java -cp <test and main classes and dependencies> liftsys.trace.TraceBenchmark [rounds]}.
 * Targets: first time at most 150 ms, repeated at most 30 ms.
 */
public final class TraceBenchmark {
    private static final int SAMPLES = 500;

    /** A 12-node method; {@code %d} makes each variant's content new. */
    private static final String DOCUMENT = """
            package bench;

            public class Checkout {
                static double score(double price, int quantity, double rate) {
                    double subtotal = price * quantity;
                    double discount = 0;
                    if (subtotal > 100) {
                        discount = subtotal * 0.%d;
                    }
                    double taxed = (subtotal - discount) * (1 + rate);
                    int bucket = quantity / 10;
                    double fee = bucket > 2 ? 5.0 : 2.5;
                    double total = taxed + fee;
                    double margin = total - subtotal;
                    return total + margin;
                }

                static double other(double x) {
                    return x * 2;
                }
            }
            """;

    private TraceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        System.out.println("liftsys trace benchmark: " + SAMPLES + " executions of a 12-node method, "
                + Runtime.version());
        // With the OS sandbox and without, alternating, so the machine's load weighs on both alike.
        TracerConfig[] configs = {TracerConfig.defaults().withOsSandbox(true),
            TracerConfig.defaults().withOsSandbox(false)};
        List<List<Double>> cold = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> coldFirstTrace = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < 10; i++) {
            for (int c = 0; c < configs.length; c++) {
                try (Tracer tracer = new Tracer(configs[c])) {
                    long t0 = System.nanoTime();
                    tracer.warmUp();
                    while (!tracer.anyWorkerStarted()) {
                        Thread.onSpinWait();
                    }
                    // warmUp returns at once; the first trace waits for the started worker's hello.
                    Trace t = tracer.trace(request(1000 + i));
                    coldFirstTrace.get(c).add(ms(System.nanoTime() - t0));
                    check(t);
                }
                cold.get(c).add(measureHello(configs[c]));
            }
        }
        for (int c = 0; c < configs.length; c++) {
            measure(configs[c], rounds, cold.get(c), coldFirstTrace.get(c));
        }
    }

    private static void measure(TracerConfig config, int rounds, List<Double> cold, List<Double> coldFirstTrace)
            throws Exception {
        try (Tracer tracer = new Tracer(config)) {
            int variant = 1;
            for (int i = 0; i < 30; i++) {
                check(tracer.trace(request(variant++)));
            }
            List<Double> first = new ArrayList<>();
            List<Double> firstCompile = new ArrayList<>();
            List<Double> repeated = new ArrayList<>();
            List<Double> run = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                TraceRequest request = request(variant++);
                long t0 = System.nanoTime();
                Trace t = tracer.trace(request);
                first.add(ms(System.nanoTime() - t0));
                firstCompile.add(ms(tracer.lastStats().compileNanos()));
                check(t);
                if (!tracer.lastStats().compiled()) {
                    throw new IllegalStateException("a new content was not compiled");
                }
                for (int k = 0; k < 3; k++) {
                    long t1 = System.nanoTime();
                    check(tracer.trace(request));
                    repeated.add(ms(System.nanoTime() - t1));
                    run.add(ms(tracer.lastStats().runNanos()));
                }
            }
            System.out.println((config.osSandbox() ? "with the OS sandbox (bubblewrap + prlimit): "
                    : "without the OS sandbox (prlimit only):      ")
                    + tracer.containmentNote().map(n -> "NOT AVAILABLE: " + n).orElse(""));
            System.out.println("  worker cold start (JVM start to hello):      " + summary(cold));
            System.out.println("  first trace with a cold worker (start incl): " + summary(coldFirstTrace));
            System.out.println("  warm worker, first time for the content:     " + summary(first)
                    + "   (target <= 150 ms)");
            System.out.println("    of which compiling in the worker:          " + summary(firstCompile));
            System.out.println("  warm worker, repeated content (one batch):   " + summary(repeated)
                    + "   (target <= 30 ms)");
            System.out.println("    of which running " + SAMPLES + " executions:         " + summary(run));
        }
    }

    /** Time from starting a worker JVM to its greeting. */
    private static double measureHello(TracerConfig config) throws Exception {
        long t0 = System.nanoTime();
        WorkerProcess w = WorkerProcess.start(config);
        try {
            w.awaitHello();
            return ms(System.nanoTime() - t0);
        } finally {
            w.dispose();
        }
    }

    private static TraceRequest request(int variant) {
        String text = String.format(Locale.ROOT, DOCUMENT, variant);
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(text);
        Member score = doc.members().stream().filter(m -> m.name().equals("score")).findFirst().orElseThrow();
        return new TraceRequest(doc, score, doc.graphOf(score), SAMPLES, 0, List.of(), Duration.ofSeconds(30));
    }

    private static void check(Trace t) {
        if (t.columns().size() != 12 || t.rowCount() != SAMPLES) {
            throw new IllegalStateException("unexpected trace " + t);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String summary(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "median %6.1f ms, min %6.1f, max %6.1f (n=%d)", v[v.length / 2], v[0],
                v[v.length - 1], v.length);
    }
}
