package liftsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import liftsys.worker.WorkerAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12's escapes, each tried against three ways of running workers: both layers (the
 * default), the operating system's alone (the in-JVM checks off) and the in-JVM checks alone (the
 * fallback where bubblewrap cannot run). Whatever the traced code does, nothing outside the
 * worker's directory changes, no other process hears from it, and its analysis fails with a
 * reason; where the in-JVM layer is on, the reason names what was denied.
 */
class ContainmentTest {
    /** Which layers contain the worker. */
    enum Layers {
        BOTH(true, true), OS_ONLY(false, true), JVM_ONLY(true, false);

        final boolean jvm;
        final boolean os;

        Layers(boolean jvm, boolean os) {
            this.jvm = jvm;
            this.os = os;
        }
    }

    @TempDir
    static Path temp;
    static Path workers;
    static Path outside;
    static final Map<Layers, Tracer> tracers = new EnumMap<>(Layers.class);

    @BeforeAll
    static void start() throws IOException {
        workers = Files.createDirectories(temp.resolve("workers"));
        outside = Files.createDirectories(temp.resolve("outside"));
        TracerConfig defaults = TracerConfig.defaults();
        for (Layers layers : Layers.values()) {
            tracers.put(layers, new Tracer(new TracerConfig(defaults.javaCommand(), 128, 1, workers, layers.jvm,
                    layers.os)));
        }
    }

    @AfterAll
    static void stop() {
        tracers.values().forEach(Tracer::close);
    }

    static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    /** The OS layer is there to test: on Linux it must be (./liftsys setup installs bubblewrap). */
    static Tracer tracer(Layers layers) {
        if (layers.os) {
            assumeTrue(linux(), "bubblewrap is Linux only");
            assertEquals(java.util.Optional.empty(), tracers.get(layers).containmentNote(),
                    "bubblewrap must run here: ./liftsys setup installs it");
        }
        return tracers.get(layers);
    }

    static String escapes(String procTarget, int port) {
        return TraceFixtureTest.resource("/trace/Escapes.java")
                .replace("OUTSIDE_DIR", outside.toString().replace("\\", "\\\\"))
                .replace("PROC_TARGET", procTarget)
                .replace("PORT", Integer.toString(port));
    }

    static TraceException fails(Layers layers, String text, String method) {
        TraceException e = assertThrows(TraceException.class, () -> tracer(layers).trace(
                HostileTraceTest.request(text, method, 5, 1, Duration.ofSeconds(30))), method + " should fail");
        assertEquals(TraceException.Reason.TRACE_FAILED, e.reason(), method + ": " + e.getMessage());
        return e;
    }

    /** How the trace ended: its exception, or null when it returned. */
    static Throwable failure(Layers layers, String text, String method) {
        try {
            tracer(layers).trace(HostileTraceTest.request(text, method, 5, 1, Duration.ofSeconds(30)));
            return null;
        } catch (TraceException e) {
            return e;
        }
    }

    /** The next trace works: what the escape damaged, if anything, was replaced. */
    static void nextTraceWorks(Layers layers) throws TraceException {
        Trace t = tracer(layers).trace(HostileTraceTest.request(TraceFixtureTest.resource("/Pricing.java"), "total",
                50, 3, Duration.ofSeconds(30)));
        assertEquals(50, t.rowCount());
    }

    @Test
    void theOsSandboxRunsOnLinuxAndItsAbsenceIsSaid() {
        if (linux()) {
            assertEquals(java.util.Optional.empty(), tracers.get(Layers.BOTH).containmentNote(),
                    "bubblewrap must run here: ./liftsys setup installs it");
        }
        String note = tracers.get(Layers.JVM_ONLY).containmentNote().orElseThrow();
        assertTrue(note.contains("without the operating system's sandbox") && note.contains("turned off"), note);
    }

    @ParameterizedTest
    @EnumSource(Layers.class)
    void aLinkCannotTakeAWriteOutside(Layers layers) throws Exception {
        Throwable e = failure(layers, escapes("/nowhere", 9), "linkWrite");
        assertFalse(Files.exists(outside.resolve("escaped.txt")), "nothing was written outside: " + e);
        assertTrue(e instanceof TraceException t && t.reason() == TraceException.Reason.TRACE_FAILED, String.valueOf(e));
        if (layers.jvm) {
            assertTrue(e.getMessage().contains("make a symbolic link"), e.getMessage());
        }
        nextTraceWorks(layers);
    }

    @ParameterizedTest
    @EnumSource(Layers.class)
    void aLinkCannotTakeADeleteOutside(Layers layers) throws Exception {
        Path victim = Files.writeString(outside.resolve("victim.txt"), "still here");
        // Inside bubblewrap alone the link can be made, but it leads nowhere: the directory outside is not there.
        Throwable e = failure(layers, escapes("/nowhere", 9), "linkDelete");
        assertTrue(Files.exists(victim), "the file outside was not deleted: " + e);
        if (layers.jvm) {
            assertTrue(e != null && e.getMessage().contains("make a symbolic link"), String.valueOf(e));
        }
        nextTraceWorks(layers);
    }

    /**
     * The finding's attack wrote a message into the server's standard input through
     * {@code /proc/<server pid>/fd/0}. Here the process is a {@code cat} standing in for the
     * server: whatever reaches its standard input lands in a file.
     */
    @ParameterizedTest
    @EnumSource(Layers.class)
    void anotherProcessesInputCannotBeWrittenThroughProc(Layers layers) throws Exception {
        Path heard = temp.resolve("heard-" + layers + ".txt");
        Process listener = new ProcessBuilder("cat").redirectOutput(heard.toFile()).start();
        String target = "/proc/" + listener.pid() + "/fd/0";
        Throwable viaLink;
        Throwable direct;
        try {
            viaLink = failure(layers, escapes(target, 9), "procInject");
            direct = failure(layers, escapes(target, 9), "procDirect");
        } finally {
            listener.getOutputStream().close();
            listener.waitFor();
        }
        assertEquals("", Files.readString(heard, StandardCharsets.UTF_8), "nothing reached the other process");
        for (Throwable e : new Throwable[] {viaLink, direct}) {
            assertTrue(e instanceof TraceException t && t.reason() == TraceException.Reason.TRACE_FAILED,
                    String.valueOf(e));
        }
        if (layers.jvm) {
            assertTrue(viaLink.getMessage().contains("make a symbolic link"), viaLink.getMessage());
            assertTrue(direct.getMessage().contains("another process's files"), direct.getMessage());
        }
        nextTraceWorks(layers);
    }

    @ParameterizedTest
    @EnumSource(value = Layers.class, names = {"BOTH", "JVM_ONLY"})
    void aThreadLeftBehindCannotActAfterTheAnswer(Layers layers) throws Exception {
        TraceException e = fails(layers, escapes("/nowhere", 9), "lateThread");
        long violated = tracer(layers).lastStats().workerPid();
        // The thread tries 700 ms after the execution; by then the answer is out.
        Thread.sleep(2_000);
        assertFalse(Files.exists(outside.resolve("late.txt")), "the late thread wrote nothing");
        assertTrue(e.getMessage().contains("write") && e.getMessage().contains("replaced"), e.getMessage());
        assertFalse(ProcessHandle.of(violated).map(ProcessHandle::isAlive).orElse(false),
                "the worker that saw the violation is gone");
        nextTraceWorks(layers);
        assertNotEquals(violated, tracer(layers).lastStats().workerPid(), "a new worker traced next");
    }

    @ParameterizedTest
    @ValueSource(strings = {"offHeap", "directBuffer"})
    void nativeMemoryBeyondTheCapFailsInTheWorker(String method) throws Exception {
        assumeTrue(linux(), "the address-space limit needs prlimit (Linux)");
        for (Layers layers : new Layers[] {Layers.BOTH, Layers.JVM_ONLY}) {
            TraceException e = fails(layers, escapes("/nowhere", 9), method);
            assertTrue(e.getMessage().contains("OutOfMemoryError"), layers + ": " + e.getMessage());
            nextTraceWorks(layers);
        }
    }

    @Test
    void threadsAreCapped() throws Exception {
        TraceException e = fails(Layers.BOTH, escapes("/nowhere", 9), "threadBomb");
        assertTrue(e.getMessage().contains("start more than " + WorkerAccess.maxThreads() + " threads"), e.getMessage());
        nextTraceWorks(Layers.BOTH);
    }

    @Test
    void insideTheOsSandboxFilesOutsideAreNotEvenThere() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "not for traced code");
        TraceException e = fails(Layers.OS_ONLY, escapes("/nowhere", 9), "readOutside");
        assertTrue(e.getMessage().contains("NoSuchFileException"), e.getMessage());
        Trace unconfined = tracer(Layers.JVM_ONLY).trace(HostileTraceTest.request(escapes("/nowhere", 9),
                "readOutside", 5, 1, Duration.ofSeconds(30)));
        assertEquals(5, unconfined.rowCount(), "without it, reading is allowed (the README says so)");
    }

    @Test
    void insideTheOsSandboxThereIsNoNetwork() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            TraceException e = fails(Layers.OS_ONLY, escapes("/nowhere", server.getLocalPort()), "connect");
            assertTrue(e.getMessage().contains("Exception"), e.getMessage());
            server.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, server::accept, "no connection reached the test");
        }
    }

    /**
     * Inside the OS sandbox the worker sees the {@code classpath} entries it is asked to use: a
     * worker started without them is replaced by one that has them bound.
     */
    @Test
    void classPathEntriesAreReadableInsideTheOsSandbox() throws Exception {
        Path lib = Files.createDirectories(temp.resolve("lib"));
        Path source = Files.writeString(temp.resolve("Helper.java"),
                "package lib; public class Helper { public static int twice(int v) { return 2 * v; } }");
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", lib.toString(), source.toString()));
        String text = """
                class UsesLib {
                    static int f(int x) {
                        int y = lib.Helper.twice(x);
                        return y;
                    }
                }
                """;
        nextTraceWorks(Layers.BOTH);
        var doc = new liftsys.ir.DocumentParser(new liftsys.ir.GraphCache(16)).parse(text);
        var member = doc.members().stream().filter(m -> m.name().equals("f")).findFirst().orElseThrow();
        Trace t = tracer(Layers.BOTH).trace(new TraceRequest(doc, member, doc.graphOf(member), 20, 1,
                java.util.List.of(lib.toString()), Duration.ofSeconds(30)));
        assertEquals(20, t.rowCount());
        double[] x = t.column("x@in");
        double[] y = t.column("y@1");
        for (int i = 0; i < x.length; i++) {
            assertEquals(2 * x[i], y[i]);
        }
    }
}
