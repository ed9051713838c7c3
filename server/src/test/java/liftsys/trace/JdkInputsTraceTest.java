package liftsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inputs the JDK defines. A String a method hands to a JDK lookup by name is drawn among names that lookup knows (Commons
 * Codec's DigestUtils.getDigest(algorithm), StringUtils.getBytesUnchecked(string, charsetName)
 * threw on every draw of "", "a", "abc"): most runs complete, and each recorded value is what the
 * JDK computes for the String drawn. A {@code Map.Entry} (an interface) is an
 * {@code AbstractMap.SimpleEntry} (Commons Collections' AbstractMapEntryDecorator could not be made).
 */
class JdkInputsTraceTest {
    static final String TEXT = """
            package fixtures;
            public class Named {
                static int digestLength(String algorithm) throws Exception {
                    return java.security.MessageDigest.getInstance(algorithm).getDigestLength();
                }
                static int encodedLength(String text, String charsetName) throws Exception {
                    return text.getBytes(charsetName).length;
                }
                static int sum(java.util.Map.Entry<Integer, Integer> entry, int x) {
                    return entry.getKey() + entry.getValue() + x;
                }
            }""";
    static Tracer tracer;

    @BeforeAll
    static void start() {
        tracer = new Tracer();
    }

    @AfterAll
    static void stop() {
        tracer.close();
    }

    static Trace trace(String method) throws TraceException {
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(TEXT);
        Member member = doc.members().stream().filter(m -> m.name().equals(method)).findFirst().orElseThrow();
        return tracer.trace(new TraceRequest(doc, member, doc.graphOf(member), 200, 1, List.of(),
                Duration.ofSeconds(30)));
    }

    @Test
    void anAlgorithmIsDrawnAmongTheDigestsTheJdkHas() throws Exception {
        Trace t = trace("digestLength");
        assertEquals(200, t.rowCount(), "every planned run completed: " + t);
        int ret = t.columns().indexOf("return");
        for (int i = 0; i < t.rowCount(); i++) {
            String algorithm = t.strings().value("algorithm@in", i);
            assertEquals(java.security.MessageDigest.getInstance(algorithm).getDigestLength(), t.value(i, ret), 0.0);
        }
    }

    @Test
    void aCharsetNameIsDrawnAmongTheCharsetsTheJdkHas() throws Exception {
        Trace t = trace("encodedLength");
        assertEquals(200, t.rowCount(), "every planned run completed: " + t);
        int ret = t.columns().indexOf("return");
        for (int i = 0; i < t.rowCount(); i++) {
            String charset = t.strings().value("charsetName@in", i);
            assertTrue(Charset.isSupported(charset), charset);
            assertEquals(t.strings().value("text@in", i).getBytes(charset).length, t.value(i, ret), 0.0);
        }
    }

    @Test
    void aMapEntryIsASimpleEntryOfDrawnKeyAndValue() throws Exception {
        Trace t = trace("sum");
        assertEquals(200, t.rowCount(), "every planned run completed: " + t);
        int x = t.columns().indexOf("x@in");
        int ret = t.columns().indexOf("return");
        long distinct = java.util.stream.IntStream.range(0, t.rowCount())
                .mapToDouble(i -> t.value(i, ret) - t.value(i, x)).distinct().count();
        assertTrue(distinct > 5, "keys and values are drawn: " + distinct + " distinct sums");
    }
}
