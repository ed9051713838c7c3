package liftsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.wire.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker seen through its protocol: compile caching, compile errors, the class path. */
class WorkerProtocolTest {
    @TempDir
    static Path temp;
    static WorkerProcess worker;

    @BeforeAll
    static void start() throws IOException {
        worker = WorkerProcess.start(TracerConfig.defaults());
        worker.awaitHello();
    }

    @AfterAll
    static void stop() {
        worker.dispose();
    }

    static InstrumentedMethod instrumented(String document, String method) throws TraceException {
        String text = TraceFixtureTest.resource(document);
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(text);
        Member m = doc.members().stream().filter(x -> x.name().equals(method)).findFirst().orElseThrow();
        return Instrumenter.instrument(doc, m, doc.graphOf(m));
    }

    static Wire.Request request(InstrumentedMethod im, List<Wire.SourceFile> sources, List<String> classpath) {
        return new Wire.Request(
                new Wire.Code(im.key() + sources.hashCode(), sources, classpath, Wire.Project.NONE, im.className(),
                        im.methodName(), "Pricing.total", im.copyStart(), im.copyEnd()),
                new Wire.Recording(im.columns().size(), im.staticKinds(), im.regions()),
                new Wire.Sampling(im.inputs(), im.numbers(), im.strings(), im.chars(), List.of(), 0, 50, 1, 0),
                Wire.Forcing.NONE);
    }

    @Test
    void aContentIsCompiledOnce() throws Exception {
        InstrumentedMethod im = instrumented("/Pricing.java", "total");
        Wire.Reply first = worker.call(request(im, im.sources(), List.of()));
        Wire.Reply second = worker.call(request(im, im.sources(), List.of()));
        assertEquals(Wire.Outcome.OK, first.outcome(), first.message());
        assertTrue(first.compiled());
        assertFalse(second.compiled(), "the same content is not compiled again");
        assertEquals(50, second.rows().length);
    }

    @Test
    void aCompileErrorInTheTracedCopyIsReportedAsOurs() throws Exception {
        InstrumentedMethod im = instrumented("/Pricing.java", "total");
        String text = im.sources().get(0).text();
        String broken = text.substring(0, im.copyStart())
                + text.substring(im.copyStart(), im.copyEnd()).replace("$ls.a(0, 0, price);", "$ls.a(0, 0, price)")
                + text.substring(im.copyEnd());
        Wire.Reply reply = worker.call(request(im, List.of(new Wire.SourceFile(im.sources().get(0).path(), broken),
                im.sources().get(1)), List.of()));
        assertEquals(Wire.Outcome.FAILED, reply.outcome());
        assertTrue(reply.message().contains("a liftsys bug"), reply.message());
    }

    @Test
    void aCompileErrorInTheUsersCodeIsTheirs() throws Exception {
        InstrumentedMethod im = instrumented("/Pricing.java", "total");
        String text = im.sources().get(0).text().replace("private double vatRate = 0.2;", "private double vatRate = ;");
        Wire.Reply reply = worker.call(request(im, List.of(new Wire.SourceFile(im.sources().get(0).path(), text),
                im.sources().get(1)), List.of()));
        assertEquals(Wire.Outcome.FAILED, reply.outcome());
        assertTrue(reply.message().startsWith("the document does not compile: Pricing.java:4:"), reply.message());
    }

    @Test
    void theProjectsOwnClassesOnTheClassPathDoNotHideTheInstrumentedOnes() throws Exception {
        Path classes = Files.createDirectories(temp.resolve("classes"));
        Path source = temp.resolve("Pricing.java");
        Files.writeString(source, TraceFixtureTest.resource("/Pricing.java"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), source.toString()));
        assertTrue(Files.exists(classes.resolve("shop/Pricing.class")));
        String text = TraceFixtureTest.resource("/Pricing.java");
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(text);
        Member total = doc.members().stream().filter(x -> x.name().equals("total")).findFirst().orElseThrow();
        try (Tracer tracer = new Tracer()) {
            Trace t = tracer.trace(new TraceRequest(doc, total, doc.graphOf(total), 50, 1,
                    List.of(classes.toString()), Duration.ofSeconds(20)));
            assertEquals(50, t.rowCount());
        }
    }
}
