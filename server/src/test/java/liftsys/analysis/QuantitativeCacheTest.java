package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import liftsys.ir.GraphCache;
import liftsys.sidecar.SidecarConfig;
import liftsys.testing.Fixtures;
import liftsys.text.DocumentSnapshot;
import liftsys.text.DocumentStore;
import liftsys.text.Position;
import liftsys.time.Deadline;
import liftsys.trace.Trace;
import liftsys.trace.TraceException;
import liftsys.trace.TraceRequest;
import liftsys.trace.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The caches of quantitative answers with the real worker and the real DoWhy sidecar (DESIGN.md
 * invariant 5): concurrent identical requests trace and fit once, a failed fit is fitted again by
 * the next request, and a fit the cache evicts is dropped from the sidecar.
 */
class QuantitativeCacheTest {
    private static final Path ROOT = Path.of(System.getProperty("liftsys.root", "..")).toAbsolutePath().normalize();
    private static final String TEXT = Fixtures.read("/Pricing.java");
    private static final Settings SETTINGS =
            new Settings(null, 60_000, 100, true, List.of(), 3, "GOOD", 0.7, true, true, true);
    private static final String WAITING = "waiting for the same analysis started by another request";

    private static Tracer tracer;
    private static DocumentSnapshot snapshot;
    private DocumentIrCache ir;
    private SidecarHolder sidecar;
    private final Counting counting = new Counting();

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(SidecarConfig.defaultPython(ROOT)), "the DoWhy environment is missing");
        tracer = new Tracer();
        snapshot = new DocumentStore().open("file:///P.java", 1, TEXT);
    }

    @AfterAll
    static void stopTracer() {
        if (tracer != null) {
            tracer.close();
        }
    }

    @AfterEach
    void stopSidecar() {
        if (sidecar != null) {
            sidecar.close();
        }
    }

    /** Counts the traces asked for: plain ones (a fit's) and ones with an intervention (a check's). */
    static final class Counting implements MethodTracer {
        final AtomicInteger plain = new AtomicInteger();
        final AtomicInteger intervened = new AtomicInteger();
        volatile CountDownLatch holdFirstPlainUntil;
        volatile TraceException fail;

        @Override
        public Trace trace(TraceRequest request) throws TraceException {
            if (request.intervention() != null) {
                intervened.incrementAndGet();
            } else if (plain.incrementAndGet() == 1 && holdFirstPlainUntil != null) {
                try {
                    holdFirstPlainUntil.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fail != null) {
                throw fail;
            }
            return tracer.trace(request);
        }

        @Override
        public boolean anyWorkerStarted() {
            return tracer.anyWorkerStarted();
        }
    }

    private QuantitativeAnalyzer analyzer(int capacity) {
        ir = new DocumentIrCache(new GraphCache(16));
        sidecar = new SidecarHolder(ROOT);
        return new QuantitativeAnalyzer(counting, sidecar, ir, capacity, null);
    }

    @Test
    void twoConcurrentIdenticalRequestsTraceFitAndCheckOnce() throws Exception {
        QuantitativeAnalyzer analyzer = analyzer(8);
        StructuralImpact u = impact("double u", "u");
        CountDownLatch secondWaits = new CountDownLatch(1);
        counting.holdFirstPlainUntil = secondWaits;
        ProgressSink progress = (message, percent) -> {
            if (message.equals(WAITING)) {
                secondWaits.countDown();
            }
        };

        CompletableFuture<QuantitativeAnswer> first = CompletableFuture.supplyAsync(() -> quantify(analyzer, u, progress));
        CompletableFuture<QuantitativeAnswer> second = CompletableFuture.supplyAsync(() -> quantify(analyzer, u, progress));
        QuantitativeAnswer a = first.get(120, TimeUnit.SECONDS);
        QuantitativeAnswer b = second.get(120, TimeUnit.SECONDS);

        assertEquals(0, secondWaits.getCount(), "one request waited for the other's fit");
        assertNull(a.degradation());
        assertNull(b.degradation());
        assertEquals(a.effects(), b.effects());
        assertEquals(2.0, a.effects().get("return").estimate().value(), 1e-6);
        assertEquals(1, counting.plain.get(), "traced (and so fitted) once");
        assertEquals(1, counting.intervened.get(), "checked once");
    }

    @Test
    void aFailedFitDropsOutAndTheNextRequestFitsAgain() {
        QuantitativeAnalyzer analyzer = analyzer(8);
        StructuralImpact u = impact("double u", "u");
        counting.fail = new TraceException(TraceException.Reason.TRACE_FAILED, "the worker fell over");

        QuantitativeAnswer failed = quantify(analyzer, u, ProgressSink.NONE);
        counting.fail = null;
        QuantitativeAnswer again = quantify(analyzer, u, ProgressSink.NONE);

        assertEquals(Degradation.Reason.TRACE_FAILED, failed.degradation().reason());
        assertTrue(failed.degradation().message().contains("the worker fell over"), failed.degradation().message());
        assertNull(again.degradation());
        assertEquals(2, counting.plain.get(), "the failure was not kept: traced again");
        assertEquals(2.0, again.effects().get("return").estimate().value(), 1e-6);
    }

    @Test
    void aFitTheCacheEvictsIsDroppedFromTheSidecar() {
        QuantitativeAnalyzer analyzer = analyzer(1);
        StructuralImpact u = impact("double u", "u");
        StructuralImpact price = impact("double price", "price");

        assertNull(quantify(analyzer, u, ProgressSink.NONE).degradation());
        String evicted = analyzer.cached(u, SETTINGS).orElseThrow().sidecarModel();
        assertNull(quantify(analyzer, price, ProgressSink.NONE).degradation());
        String kept = analyzer.cached(price, SETTINGS).orElseThrow().sidecarModel();

        assertTrue(analyzer.cached(u, SETTINGS).isEmpty(), "capacity 1: the first fit was evicted");
        Deadline deadline = Deadline.after(Duration.ofSeconds(30));
        assertFalse(sidecar.existing().drop(evicted, deadline), "the sidecar had already dropped the evicted model");
        assertTrue(sidecar.existing().drop(kept, deadline), "the cached model is still kept");
    }

    private static QuantitativeAnswer quantify(QuantitativeAnalyzer analyzer, StructuralImpact impact,
                                               ProgressSink progress) {
        return analyzer.quantify(impact, Intervention.shiftBy(1), SETTINGS, Deadline.after(Duration.ofSeconds(60)),
                () -> false, progress);
    }

    private StructuralImpact impact(String needle, String word) {
        int offset = TEXT.indexOf(needle) + needle.lastIndexOf(word);
        int line = (int) TEXT.substring(0, offset).chars().filter(c -> c == '\n').count();
        int character = offset - (TEXT.lastIndexOf('\n', offset - 1) + 1);
        try {
            return new StructuralAnalyzer(ir).analyze(snapshot, new Position(line, character), Direction.BOTH);
        } catch (BadQueryException e) {
            throw new IllegalStateException(e);
        }
    }
}
