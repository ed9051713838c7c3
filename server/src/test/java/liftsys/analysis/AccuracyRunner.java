package liftsys.analysis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * -Dliftsys.accuracy=true}. Every case of {@code quant/accuracy.txt} and {@code quant/truths.txt} (the
 * suite), and of {@code quant/heldout.txt} (cases written fresh, not tuned on, reported apart),
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
        Map<String, List<Fixtures.Case>> sets = new LinkedHashMap<>();
        List<Fixtures.Case> suite = new ArrayList<>(Fixtures.load("/quant/accuracy.txt"));
        suite.addAll(Fixtures.load("/quant/truths.txt"));
        sets.put("suite", suite);
        sets.put("held out", Fixtures.load("/quant/heldout.txt"));
        Map<String, Tally> tallies = new LinkedHashMap<>();
        long started = System.nanoTime();
        try (Tracer tracer = new Tracer(); SidecarHolder sidecar = new SidecarHolder(ROOT)) {
            DocumentIrCache ir = new DocumentIrCache(new GraphCache(256));
            QuantitativeAnalyzer analyzer = new QuantitativeAnalyzer(MethodTracer.of(tracer), sidecar, ir, 256, null);
            for (long seed : new long[] {0, 1}) {
                for (int samples : new int[] {200, 500}) {
                    Settings settings = new Settings(null, 120_000, samples, true, List.of(), seed, "GOOD", 0.7, true,
                            true, true);
                    for (Map.Entry<String, List<Fixtures.Case>> set : sets.entrySet()) {
                        for (Fixtures.Case c : set.getValue()) {
                            String label = String.format(Locale.ROOT, "seed %d, %d runs, %s", seed, samples, c.name());
                            Verdict v = judge(analyzer, ir, c, settings, label);
                            for (String name : List.of("all", set.getKey(), v.sampled ? "within sampled ranges"
                                    : "outside sampled ranges")) {
                                tallies.computeIfAbsent(name, k -> new Tally()).add(v);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%d cases x 4 configurations in %.0f s%n",
                sets.values().stream().mapToInt(List::size).sum(), (System.nanoTime() - started) / 1e9);
        tallies.forEach((name, t) -> System.out.printf(Locale.ROOT, "%-24s %3d answers: good %3d (%.1f%%), flagged %3d, "
                        + "confidently wrong %d, failed %d; measured effect equal to the truth in %d%n",
                name, t.answers, t.good, 100.0 * t.good / t.answers, t.flagged, t.wrong, t.failed, t.measuredRight));
    }

    /** One answer's verdict, and whether the question stayed within the range its subject was sampled in. */
    private record Verdict(String kind, boolean sampled, boolean measuredRight) {
    }

    private static final class Tally {
        int answers;
        int good;
        int flagged;
        int wrong;
        int failed;
        int measuredRight;

        void add(Verdict v) {
            answers++;
            measuredRight += v.measuredRight ? 1 : 0;
            switch (v.kind) {
                case "good" -> good++;
                case "flagged" -> flagged++;
                case "wrong" -> wrong++;
                default -> failed++;
            }
        }
    }

    private static Verdict judge(QuantitativeAnalyzer analyzer, DocumentIrCache ir, Fixtures.Case c,
                                 Settings settings, String label) {
        QuantitativeAnswer answer;
        QuantEffect e;
        long started = System.nanoTime();
        try {
            answer = answer(analyzer, ir, c, settings);
            e = effect(answer, ir, c);
        } catch (RuntimeException | AssertionError | BadQueryException ex) {
            System.out.println("FAILED    " + label + ": " + ex.getMessage());
            return new Verdict("failed", true, false);
        }
        // Outside: the question leaves the sampler's range or the values of the kept runs (an experiment may have
        // sampled it there since).
        boolean sampled = !answer.model().extrapolated()
                && answer.model().notes().stream().noneMatch(n -> n.contains(DerivedModels.WIDENED))
                && e.reasons().stream().noneMatch(r -> r.code().equals("extrapolated"));
        String expected = c.expectations().get("truth");
        if (e.observed() == null && expected.equals("measured")) {
            System.out.println("FAILED    " + label + ": nothing measured");
            return new Verdict("failed", sampled, false);
        }
        double truth = expected.equals("measured") ? e.observed().value() : Double.parseDouble(expected);
        boolean exact = e.observed() != null
                && Math.abs(e.observed().value() - truth) <= 1e-9 * Math.max(1, Math.abs(truth));
        String kind;
        if (e.estimated() && !e.unreliable()) {
            boolean ok = AnalyticTruthsTest.within(e.estimate(), truth) && AnalyticTruthsTest.covers(e.estimate(), truth);
            kind = ok ? "good" : "wrong";
        } else {
            kind = "flagged";
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println(String.format(Locale.ROOT, "%-9s %5d ms", kind.equals("wrong") ? "WRONG" : kind, millis)
                + " " + label
                + (sampled ? "" : " [outside the sampled range]") + " (truth " + truth + "): "
                + AnalyticTruthsTest.describe(e) + (exact ? "" : " [MEASURED IS NOT THE TRUTH]"));
        return new Verdict(kind, sampled, exact);
    }

    private static QuantitativeAnswer answer(QuantitativeAnalyzer analyzer, DocumentIrCache ir, Fixtures.Case c,
                                             Settings settings) throws BadQueryException {
        StructuralImpact impact = impact(ir, c);
        String[] question = c.expectations().get("question").split(" ");
        Intervention intervention = question[0].equals("shift") ? Intervention.shiftBy(Double.parseDouble(question[1]))
                : Intervention.set(Double.parseDouble(question[1]), Double.parseDouble(question[2]));
        QuantitativeAnswer answer = analyzer.quantify(impact, intervention, settings,
                Deadline.after(Duration.ofSeconds(120)), () -> false, ProgressSink.NONE);
        if (answer.degradation() != null) {
            throw new IllegalStateException(answer.degradation().message());
        }
        return answer;
    }

    private static QuantEffect effect(QuantitativeAnswer answer, DocumentIrCache ir, Fixtures.Case c)
            throws BadQueryException {
        StructuralImpact impact = impact(ir, c);
        String target = c.expectations().get("target");
        ImpactEntry entry = impact.downstream().stream().filter(x -> x.name().equals(target)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no downstream entry " + target));
        QuantEffect effect = answer.effects().get(entry.variableId());
        if (effect == null) {
            throw new IllegalStateException("no effect on " + target);
        }
        return effect;
    }

    private static StructuralImpact impact(DocumentIrCache ir, Fixtures.Case c) throws BadQueryException {
        DocumentSnapshot snapshot = new DocumentStore().open("file:///A" + c.name().hashCode() + ".java", 1,
                c.source());
        return new StructuralAnalyzer(ir).analyze(snapshot, snapshot.positionOf(c.cursor()), Direction.BOTH);
    }
}
