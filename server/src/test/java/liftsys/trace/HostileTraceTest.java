package liftsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.MemberKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code that misbehaves ends its own analysis, with the right reason, and nothing else: the test
 * JVM (standing in for the server) goes on, the next trace works (in a new worker where the old
 * one was damaged), and nothing is written outside the worker's directory.
 */
class HostileTraceTest {
    @TempDir
    static Path temp;
    static Path workers;
    static Path outside;
    static Tracer tracer;

    @BeforeAll
    static void start() throws IOException {
        workers = Files.createDirectories(temp.resolve("workers"));
        outside = Files.createDirectories(temp.resolve("outside"));
        TracerConfig defaults = TracerConfig.defaults();
        tracer = new Tracer(new TracerConfig(defaults.javaCommand(), 128, 1, workers, true));
    }

    @AfterAll
    static void stop() throws IOException {
        tracer.close();
        try (Stream<Path> left = Files.list(workers)) {
            assertEquals(List.of(), left.toList(), "closing the tracer removes the worker directories");
        }
    }

    static String hostile() {
        return TraceFixtureTest.resource("/trace/Hostile.java")
                .replace("\"OUTSIDE\"", "\"" + outside.resolve("escaped.txt").toString().replace("\\", "\\\\") + "\"");
    }

    static TraceRequest request(String text, String method, int samples, long seed, Duration deadline) {
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(text);
        Member member = doc.members().stream().filter(m -> m.name().equals(method)).findFirst().orElseThrow();
        return new TraceRequest(doc, member, doc.graphOf(member), samples, seed, List.of(), deadline);
    }

    static TraceException fails(String method, TraceException.Reason reason) {
        return fails(hostile(), method, reason, Duration.ofSeconds(20));
    }

    static TraceException fails(String text, String method, TraceException.Reason reason, Duration deadline) {
        TraceException e = assertThrows(TraceException.class,
                () -> tracer.trace(request(text, method, 200, 1, deadline)), method + " should fail");
        assertEquals(reason, e.reason(), method + ": " + e.getMessage());
        return e;
    }

    /** The next trace works: the damage, if any, stayed with the analysis that caused it. */
    static void nextTraceWorks() throws TraceException {
        Trace t = tracer.trace(request(TraceFixtureTest.resource("/Pricing.java"), "total", 200, 3,
                Duration.ofSeconds(20)));
        assertEquals(200, t.rowCount());
    }

    @Test
    void endlessLoopTimesOutAndItsWorkerIsReplaced() throws TraceException {
        nextTraceWorks();
        int before = tracer.workersStarted();
        long start = System.nanoTime();
        TraceException e = fails(hostile(), "spin", TraceException.Reason.TIMEOUT, Duration.ofMillis(1500));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsed < 4000, "the deadline is kept: " + elapsed + " ms");
        assertTrue(e.getMessage().contains("Hostile.spin"), e.getMessage());
        nextTraceWorks();
        assertEquals(before + 1, tracer.workersStarted(), "a new worker replaced the stopped one");
    }

    @Test
    void systemExitIsDeniedAndEndsTheAnalysis() throws TraceException {
        TraceException e = fails("exit", TraceException.Reason.TRACE_FAILED);
        assertTrue(e.getMessage().contains("exit the JVM"), e.getMessage());
        nextTraceWorks();
    }

    @Test
    void exitEndsTheAnalysisEvenWhenTheCodeCatchesTheDenial() throws TraceException {
        TraceException e = fails("exitCaught", TraceException.Reason.TRACE_FAILED);
        assertTrue(e.getMessage().contains("exit the JVM"), e.getMessage());
        nextTraceWorks();
    }

    @Test
    void hugeAllocationEndsItsWorkerNotTheServer() throws TraceException {
        TraceException e = fails("allocate", TraceException.Reason.TRACE_FAILED);
        assertTrue(e.getMessage().contains("out of memory"), e.getMessage());
        nextTraceWorks();
    }

    @Test
    void threadThatNeverEndsEndsTheAnalysisAndItsWorker() throws TraceException {
        nextTraceWorks();
        int before = tracer.workersStarted();
        TraceException e = fails("thread", TraceException.Reason.TRACE_FAILED);
        assertTrue(e.getMessage().contains("thread"), e.getMessage());
        nextTraceWorks();
        assertEquals(before + 1, tracer.workersStarted(), "the worker with the running thread was replaced");
    }

    @Test
    void threadThatEndsIsFine() throws TraceException {
        Trace t = tracer.trace(request(hostile(), "shortThread", 100, 1, Duration.ofSeconds(20)));
        assertEquals(100, t.rowCount());
        double[] x = t.column("x@in");
        double[] y = t.column("y@1");
        for (int i = 0; i < x.length; i++) {
            assertEquals(2 * x[i], y[i]);
        }
    }

    @Test
    void stackOverflowEndsTheAnalysis() throws TraceException {
        TraceException e = fails("recurse", TraceException.Reason.TRACE_FAILED);
        assertTrue(e.getMessage().contains("StackOverflowError"), e.getMessage());
        assertTrue(e.getMessage().contains("Hostile.recurse"), "names where: " + e.getMessage());
        nextTraceWorks();
    }

    @Test
    void aMethodThatRejectsMostDrawsIsTracedOnTheInputsItsGuardAccepts() throws TraceException {
        // if (x > -3) throw: the guard clause is read, so the draws stay at or below -3.
        Trace t = tracer.trace(request(hostile(), "mostlyThrows", 200, 1, Duration.ofSeconds(20)));
        assertEquals(200, t.rowCount());
        assertEquals(0, t.thrown(), t.toString());
        for (double x : t.column("x@in")) {
            assertTrue(x <= -3, "x = " + x);
        }
        nextTraceWorks();
    }

    @Test
    void executionsThatThrowAreCountedAndLeftOut() throws TraceException {
        Trace t = tracer.trace(request(hostile(), "sometimesThrows", 300, 1, Duration.ofSeconds(20)));
        assertTrue(t.thrown() > 0, t.toString());
        assertEquals(300, t.rowCount(), "drawn until the planned runs completed");
        assertEquals(t.run() - t.thrown() - t.dropped(), t.rowCount());
        assertEquals(java.util.Map.of("ArithmeticException", t.thrown()), t.runs().threw());
        assertTrue(t.firstException().startsWith("java.lang.ArithmeticException: / by zero at Hostile.sometimesThrows"),
                t.firstException());
        for (double x : t.column("x@in")) {
            assertNotEquals(3.0, x, "the row that threw is not kept");
        }
    }

    @Test
    void writingOutsideTheWorkerDirectoryIsDenied() throws TraceException {
        TraceException e = fails("writeOutside", TraceException.Reason.TRACE_FAILED);
        assertTrue(e.getMessage().contains("write"), e.getMessage());
        assertFalse(Files.exists(outside.resolve("escaped.txt")), "nothing was written outside");
        nextTraceWorks();
    }

    /**
     * The JDK reads every system property at once (System.getProperties()) where it starts its
     * locale providers, as Commons Lang's LocaleUtils and Commons Math's formats do: allowed, and
     * whatever a run changes through that object is put back after its trace, so it does not
     * outlive the analysis (an explicit setProperty is still denied, below).
     */
    @Test
    void readingEveryPropertyIsAllowedAndWhatARunChangesIsUndone() throws TraceException {
        String text = """
                package fixtures;
                public class Props {
                    static int locales(int x) {
                        return java.util.Locale.getAvailableLocales().length > 0 ? x : -x;
                    }
                    static int sneak(int x) {
                        System.getProperties().setProperty("liftsys.sneaky", "set");
                        return x;
                    }
                    static int sees(int x) {
                        return System.getProperty("liftsys.sneaky") == null ? 1 : 2;
                    }
                }""";
        assertEquals(200, tracer.trace(request(text, "locales", 200, 1, Duration.ofSeconds(20))).rowCount());
        assertEquals(200, tracer.trace(request(text, "sneak", 200, 1, Duration.ofSeconds(20))).rowCount());
        Trace seen = tracer.trace(request(text, "sees", 200, 1, Duration.ofSeconds(20)));
        int ret = seen.columns().indexOf("return");
        for (int i = 0; i < seen.rowCount(); i++) {
            assertEquals(1.0, seen.rows()[i][ret], "the property the earlier trace set is gone");
        }
    }

    /**
     * Seeding a SecureRandom writes the seed into the kernel's pool (/dev/random), as Commons Math's
     * RandomDataGenerator does: allowed, since it mixes bytes in and reveals nothing; every other
     * device stays out of reach.
     */
    @Test
    void seedingASecureRandomIsAllowed() throws TraceException {
        String text = """
                package fixtures;
                public class Seeded {
                    static int seeded(int x) {
                        java.security.SecureRandom random = new java.security.SecureRandom();
                        random.setSeed(x);
                        return random.nextInt(10) >= 0 ? x : -x;
                    }
                }""";
        assertEquals(200, tracer.trace(request(text, "seeded", 200, 1, Duration.ofSeconds(20))).rowCount());
    }

    /** A class whose initialiser throws is "Could not initialize" ever after: the message says what it threw. */
    @Test
    void aFailedStaticInitialiserIsNamedWithWhatItThrew() throws TraceException {
        String text = """
                package fixtures;
                public class Init {
                    static int f(int x) {
                        return Broken.VALUE + x;
                    }
                    static class Broken {
                        static final int VALUE = Integer.parseInt("not a number");
                    }
                }""";
        TraceException e = fails(text, "f", TraceException.Reason.TRACE_FAILED, Duration.ofSeconds(20));
        assertTrue(e.getMessage().contains("most executions threw java.lang.ExceptionInInitializerError: the static "
                + "initialiser of fixtures.Init$Broken threw java.lang.NumberFormatException"), e.getMessage());
    }

    @Test
    void settingASystemPropertyIsDenied() throws TraceException {
        TraceException e = fails("property", TraceException.Reason.TRACE_FAILED);
        assertTrue(e.getMessage().contains("system property liftsys.hostile"), e.getMessage());
        nextTraceWorks();
    }

    @Test
    void runningAProgramIsDenied() throws TraceException {
        TraceException e = fails("program", TraceException.Reason.TRACE_FAILED);
        assertTrue(e.getMessage().contains("run the program"), e.getMessage());
        nextTraceWorks();
    }

    @Test
    void theNetworkIsDenied() throws TraceException {
        TraceException e = fails("network", TraceException.Reason.TRACE_FAILED);
        assertTrue(e.getMessage().contains("use the network"), e.getMessage());
        nextTraceWorks();
    }

    @Test
    void writingInsideTheWorkerDirectoryIsAllowed() throws TraceException, IOException {
        Trace t = tracer.trace(request(hostile(), "writeInside", 20, 1, Duration.ofSeconds(20)));
        assertEquals(20, t.rowCount());
        try (Stream<Path> files = Files.walk(temp)) {
            List<Path> written = files.filter(p -> p.getFileName().toString().equals("relative.txt")
                    || p.getFileName().toString().startsWith("traced")).toList();
            assertFalse(written.isEmpty());
            written.forEach(p -> assertTrue(p.startsWith(workers), p + " is in a worker's directory"));
        }
    }

    @Test
    void printingDoesNotDisturbTheProtocol() throws TraceException {
        Trace t = tracer.trace(request(hostile(), "print", 50, 1, Duration.ofSeconds(20)));
        assertEquals(50, t.rowCount());
    }

    @Test
    void parameterTypeThatCannotBeBuiltIsNamedWithWhy() {
        TraceException e = fails(TraceFixtureTest.resource("/trace/Unsupported.java"), "sink",
                TraceException.Reason.UNSUPPORTED, Duration.ofSeconds(20));
        assertEquals("parameter s of Unsupported.sink: fixtures.Unsupported$Sink could not be built: no public "
                + "constructor, factory or implementation found", e.getMessage());
    }

    @Test
    void fieldTypeThatCannotBeBuiltIsNamedWithWhy() {
        TraceException e = fails(TraceFixtureTest.resource("/trace/Unsupported.java"), "readsSinkField",
                TraceException.Reason.UNSUPPORTED, Duration.ofSeconds(20));
        assertEquals("field out read by Unsupported.readsSinkField: fixtures.Unsupported$Sink could not be built: "
                + "no public constructor, factory or implementation found", e.getMessage());
    }

    @Test
    void mapsAndObjectsThatOnceCouldNotBeSampledAreBuilt() throws TraceException {
        String text = TraceFixtureTest.resource("/trace/Unsupported.java");
        for (String method : List.of("map", "object", "readsMapField")) {
            Trace t = tracer.trace(request(text, method, 40, 1, Duration.ofSeconds(20)));
            assertEquals(40, t.rowCount(), method + ": " + t);
        }
    }

    @Test
    void receiversThatCannotBeMadeAreUnsupported() throws TraceException {
        String text = TraceFixtureTest.resource("/trace/Unsupported.java");
        TraceException e = fails(text, "twice", TraceException.Reason.UNSUPPORTED, Duration.ofSeconds(20));
        assertTrue(e.getMessage().contains("abstract type Shape"), e.getMessage());
        e = fails(text, "greet", TraceException.Reason.UNSUPPORTED, Duration.ofSeconds(20));
        assertTrue(e.getMessage().contains("Greeter"), e.getMessage());
        Trace t = tracer.trace(request(text, "helper", 20, 1, Duration.ofSeconds(20)));
        assertEquals(20, t.rowCount(), "a static method of an interface is fine");
    }

    @Test
    void constructorsAreUnsupportedWithoutStartingAnything() {
        String text = TraceFixtureTest.resource("/trace/Unsupported.java");
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(text);
        Member ctor = doc.members().stream().filter(m -> m.kind() == MemberKind.CONSTRUCTOR).findFirst().orElseThrow();
        try (Tracer fresh = new Tracer()) {
            TraceException e = assertThrows(TraceException.class, () -> fresh.trace(new TraceRequest(doc, ctor,
                    doc.graphOf(ctor), 10, 0, List.of(), Duration.ofSeconds(5))));
            assertEquals(TraceException.Reason.UNSUPPORTED, e.reason());
            assertFalse(fresh.anyWorkerStarted(), "refused before any worker was started");
        }
    }

    @Test
    void compileErrorIsTraceFailedWithTheCompilersMessage() {
        TraceException e = fails(TraceFixtureTest.resource("/trace/Broken.java"), "f", TraceException.Reason.TRACE_FAILED,
                Duration.ofSeconds(20));
        assertTrue(e.getMessage().contains("does not compile") && e.getMessage().contains("Broken.java:5")
                && e.getMessage().contains("cannot find symbol"), e.getMessage());
    }

    @Test
    void aTracerStartsNoWorkerUntilItTraces() {
        try (Tracer fresh = new Tracer()) {
            assertFalse(fresh.anyWorkerStarted());
            assertEquals(0, fresh.workersStarted());
        }
    }

    @Test
    void sameSeedSameDocumentSameTraceAcrossWorkers() throws TraceException {
        String text = TraceFixtureTest.resource("/trace/Constructs.java");
        Trace first;
        Trace second;
        try (Tracer a = new Tracer()) {
            first = a.trace(request(text, "categories", 300, 42, Duration.ofSeconds(20)));
        }
        second = tracer.trace(request(text, "categories", 300, 42, Duration.ofSeconds(20)));
        assertEquals(first, second, "identical traces from two workers");
        Trace third = tracer.trace(request(text, "categories", 300, 43, Duration.ofSeconds(20)));
        assertNotEquals(first, third, "another seed draws other inputs");
        Trace helper = tracer.trace(request(text, "helper", 100, 42, Duration.ofSeconds(20)));
        Trace again = tracer.trace(request(text, "helper", 100, 42, Duration.ofSeconds(20)));
        assertEquals(helper, again, "static state does not carry over from one trace to the next");
    }
    @Test
    void concurrentTracesShareTheWorkersAndAllSucceed() throws Exception {
        String text = TraceFixtureTest.resource("/trace/Constructs.java");
        TracerConfig defaults = TracerConfig.defaults();
        try (Tracer shared = new Tracer(new TracerConfig(defaults.javaCommand(), 128, 2, workers, true))) {
            List<String> methods = List.of("ifElse", "loop", "ternary", "nested", "postfix", "chars");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
            try {
                List<java.util.concurrent.Future<Trace>> futures = new java.util.ArrayList<>();
                for (String m : methods) {
                    futures.add(pool.submit(() -> shared.trace(request(text, m, 200, 5, Duration.ofSeconds(30)))));
                }
                for (java.util.concurrent.Future<Trace> f : futures) {
                    assertEquals(200, f.get().rowCount());
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(shared.workersStarted() <= 2, "at most maxWorkers JVMs: " + shared.workersStarted());
        }
    }

    @Test
    void closingStopsABusyWorker() throws Exception {
        TracerConfig defaults = TracerConfig.defaults();
        Tracer closing = new Tracer(new TracerConfig(defaults.javaCommand(), 128, 1, workers, true));
        java.util.concurrent.CompletableFuture<TraceException> failure = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        closing.trace(request(hostile(), "spin", 10, 1, Duration.ofSeconds(60)));
                        return null;
                    } catch (TraceException e) {
                        return e;
                    }
                });
        while (!closing.anyWorkerStarted()) {
            Thread.sleep(10);
        }
        Thread.sleep(1500);
        long start = System.nanoTime();
        closing.close();
        TraceException e = failure.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5000, "the spinning trace ended with the tracer");
        assertEquals(TraceException.Reason.TRACE_FAILED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("shutting down"), e.getMessage());
    }
}
