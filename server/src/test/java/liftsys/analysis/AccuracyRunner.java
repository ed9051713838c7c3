package liftsys.analysis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import liftsys.ir.GraphCache;
import liftsys.sidecar.SidecarConfig;
import liftsys.testing.Fixtures;
import liftsys.text.DocumentSnapshot;
import liftsys.text.DocumentStore;
import liftsys.time.Deadline;
import liftsys.trace.Tracer;
import org.junit.jupiter.api.Test;

/**
 * The Java-side accuracy suite (issue 16), on demand: {@code mvn -pl server test -Dtest=AccuracyRunner
 * -Dliftsys.accuracy=true}. Every case of {@code quant/accuracy.txt} and {@code quant/truths.txt},
 * through the real tracer, worker and sidecar as the server asks, at seeds 0 and 1 and at 200 and
 * 500 samples. Prints per answer and in total: good (DoWhy's estimate within 10% of the truth with
 * an interval that covers it, nothing against it), flagged (a reason not to trust it, or no
 * number), confidently wrong (an estimate with nothing against it whose interval excludes the
 * truth, or that is more than 10% off), and how often the effect measured by running the code is
 * the truth. Not part of {@code ./liftsys test}: it takes minutes.
 */
class AccuracyRunner {
    private static final Path ROOT = Path.of(System.getProperty("liftsys.root", "..")).toAbsolutePath().normalize();

    @Test
    void printTheAccuracyOfEveryCaseAtEveryConfiguration() throws Exception {
        assumeTrue(Boolean.getBoolean("liftsys.accuracy"), "on demand: -Dliftsys.accuracy=true");
        assumeTrue(Files.isExecutable(SidecarConfig.defaultPython(ROOT)), "the DoWhy environment is missing");
        List<Fixtures.Case> cases = new ArrayList<>(Fixtures.load("/quant/accuracy.txt"));
        cases.addAll(Fixtures.load("/quant/truths.txt"));
        int answers = 0;
        int good = 0;
        int flagged = 0;
        int wrong = 0;
        int measuredRight = 0;
        int failed = 0;
        long started = System.nanoTime();
        try (Tracer tracer = new Tracer(); SidecarHolder sidecar = new SidecarHolder(ROOT)) {
            DocumentIrCache ir = new DocumentIrCache(new GraphCache(256));
            QuantitativeAnalyzer analyzer = new QuantitativeAnalyzer(MethodTracer.of(tracer), sidecar, ir, 256, null);
            for (long seed : new long[] {0, 1}) {
                for (int samples : new int[] {200, 500}) {
                    Settings settings = new Settings(null, 120_000, samples, true, List.of(), seed, "GOOD", 0.7, true,
                            true, true);
                    for (Fixtures.Case c : cases) {
                        answers++;
                        String label = String.format(Locale.ROOT, "seed %d, %d runs, %s", seed, samples, c.name());
                        QuantEffect e;
                        try {
                            e = quantify(analyzer, ir, c, settings);
                        } catch (RuntimeException | AssertionError ex) {
                            failed++;
                            System.out.println("FAILED    " + label + ": " + ex.getMessage());
                            continue;
                        }
                        String expected = c.expectations().get("truth");
                        if (e.observed() == null && expected.equals("measured")) {
                            failed++;
                            System.out.println("FAILED    " + label + ": nothing measured");
                            continue;
                        }
                        double truth = expected.equals("measured") ? e.observed().value() : Double.parseDouble(expected);
                        boolean exact = e.observed() != null
                                && Math.abs(e.observed().value() - truth) <= 1e-9 * Math.max(1, Math.abs(truth));
                        measuredRight += exact ? 1 : 0;
                        String verdict;
                        if (e.estimated() && !e.unreliable()) {
                            boolean ok = AnalyticTruthsTest.within(e.estimate(), truth)
                                    && AnalyticTruthsTest.covers(e.estimate(), truth);
                            good += ok ? 1 : 0;
                            wrong += ok ? 0 : 1;
                            verdict = ok ? "good     " : "WRONG    ";
                        } else {
                            flagged++;
                            verdict = "flagged  ";
                        }
                        System.out.println(verdict + " " + label + " (truth " + truth + "): "
                                + AnalyticTruthsTest.describe(e) + (exact ? "" : " [MEASURED IS NOT THE TRUTH]"));
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%d answers (%d cases x 4 configurations) in %.0f s: good %d (%.0f%%), "
                        + "flagged %d, confidently wrong %d, failed %d; measured effect equal to the truth in %d%n",
                answers, cases.size(), (System.nanoTime() - started) / 1e9, good, 100.0 * good / answers, flagged,
                wrong, failed, measuredRight);
    }

    private static QuantEffect quantify(QuantitativeAnalyzer analyzer, DocumentIrCache ir, Fixtures.Case c,
                                        Settings settings) throws BadQueryException {
        DocumentSnapshot snapshot = new DocumentStore().open("file:///A" + c.name().hashCode() + ".java", 1,
                c.source());
        StructuralImpact impact = new StructuralAnalyzer(ir).analyze(snapshot, snapshot.positionOf(c.cursor()),
                Direction.BOTH);
        String[] question = c.expectations().get("question").split(" ");
        Intervention intervention = question[0].equals("shift") ? Intervention.shiftBy(Double.parseDouble(question[1]))
                : Intervention.set(Double.parseDouble(question[1]), Double.parseDouble(question[2]));
        QuantitativeAnswer answer = analyzer.quantify(impact, intervention, settings,
                Deadline.after(Duration.ofSeconds(120)), () -> false, ProgressSink.NONE);
        if (answer.degradation() != null) {
            throw new IllegalStateException(answer.degradation().message());
        }
        String target = c.expectations().get("target");
        ImpactEntry entry = impact.downstream().stream().filter(x -> x.name().equals(target)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no downstream entry " + target));
        QuantEffect effect = answer.effects().get(entry.variableId());
        if (effect == null) {
            throw new IllegalStateException("no effect on " + target);
        }
        return effect;
    }
}
