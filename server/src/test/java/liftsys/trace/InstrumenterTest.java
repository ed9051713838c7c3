package liftsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import liftsys.ir.Definition;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.MemberKind;
import liftsys.wire.Wire;
import org.junit.jupiter.api.Test;

/** The rewrite alone, without running anything. */
class InstrumenterTest {
    static final List<String> DOCUMENTS = List.of("/Pricing.java", "/trace/Constructs.java", "/trace/Hostile.java",
            "/trace/MoreConstructs.java", "/trace/Receivers.java", "/trace/Edges.java", "/trace/Unsupported.java");

    @Test
    void everyMethodGetsAColumnPerDefinitionAndTheRestOfTheDocumentStays() throws TraceException {
        for (String name : DOCUMENTS) {
            String text = TraceFixtureTest.resource(name);
            JavaDocument doc = new DocumentParser(new GraphCache(64)).parse(text);
            for (Member m : doc.members()) {
                if (m.kind() != MemberKind.METHOD) {
                    continue;
                }
                InstrumentedMethod im = Instrumenter.instrument(doc, m, doc.graphOf(m));
                assertEquals(doc.graphOf(m).definitions().stream().map(Definition::id).toList(), im.columns(),
                        m.name());
                String instrumented = im.sources().get(0).text();
                int end = m.range().end();
                assertEquals(text.substring(0, end), instrumented.substring(0, end), m.name() + ": text before");
                assertEquals(text.substring(end), instrumented.substring(instrumented.length() - (text.length() - end)),
                        m.name() + ": text after");
                if (!m.text().contains("\"\"\"")) {
                    assertEquals(text.lines().count(), instrumented.lines().count(),
                            m.name() + ": the copy sits on the method's last line, so line numbers stay");
                }
                assertTrue(im.tracedSource().startsWith("static") || im.tracedSource().contains(" $liftsys$trace("),
                        im.tracedSource());
                for (int slot = 0; slot < im.columns().size(); slot++) {
                    String column = im.columns().get(slot);
                    boolean recorded = im.tracedSource().contains("(" + slot + ", ");
                    assertTrue(recorded, m.name() + ": " + column + " is recorded somewhere: " + im.tracedSource());
                }
            }
        }
    }

    @Test
    void theTracedCopyTakesTheRecorderAndKeepsTheSignature() throws TraceException {
        String text = TraceFixtureTest.resource("/Pricing.java");
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(text);
        Member total = doc.members().stream().filter(m -> m.name().equals("total")).findFirst().orElseThrow();
        InstrumentedMethod im = Instrumenter.instrument(doc, total, doc.graphOf(total));
        assertTrue(im.tracedSource().startsWith(
                "static double $liftsys$trace($liftsys.R $ls, double price, int quantity, double shipping) {"),
                im.tracedSource());
        assertEquals("shop.Pricing", im.className());
        assertEquals("shop/Pricing.java", im.sources().get(0).path());
        assertEquals(List.of("price@in", "quantity@in", "shipping@in"),
                im.inputs().stream().map(Wire.InputSpec::column).toList());
        assertTrue(im.tracedSource().contains("$ls.e(0); if (subtotal > 100)"),
                "the if's definitions get their variables' values on entry: " + im.tracedSource());
    }

    @Test
    void aMemberOfAnotherVersionIsRefused() {
        String text = TraceFixtureTest.resource("/Pricing.java");
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(text);
        Member total = doc.members().get(0);
        TraceException e = org.junit.jupiter.api.Assertions.assertThrows(TraceException.class,
                () -> Instrumenter.instrument(new DocumentParser(new GraphCache(16)).parse("// edited\n" + text), total,
                        doc.graphOf(total)));
        assertEquals(TraceException.Reason.TRACE_FAILED, e.reason());
    }

    @Test
    void aCallThatMayStoreIntoItsReceiverInAForConditionIsRecordedInline() throws TraceException {
        String text = """
                class Scan {
                    static int skip(java.util.List<Integer> row, int col) {
                        for (; row.add(col); col++) {
                            if (col > 3) {
                                break;
                            }
                        }
                        return col;
                    }
                }
                """;
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(text);
        Member skip = doc.members().get(0);
        InstrumentedMethod im = Instrumenter.instrument(doc, skip, doc.graphOf(skip));
        int slot = im.columns().indexOf("row@2");
        assertTrue(slot >= 0, "the condition's call defines row: " + im.columns());
        assertTrue(im.tracedSource().contains("for (; $ls.m(row.add(col), " + slot + ", "), im.tracedSource());
    }

    @Test
    void anIncrementTheAnalysisEvaluatesTwiceIsRefusedWithItsDefinition() {
        // The target of f()[i++] is no variable, so the analysis evaluates it again after the
        // value: i++ makes i@2 and then i@3 at one site, and i@2 has no place of its own.
        String text = """
                class Twice {
                    static int[] f() {
                        return new int[4];
                    }

                    static int g(int i) {
                        f()[i++] = 0;
                        return i;
                    }
                }
                """;
        JavaDocument doc = new DocumentParser(new GraphCache(16)).parse(text);
        Member g = doc.members().stream().filter(m -> m.name().equals("g")).findFirst().orElseThrow();
        TraceException e = org.junit.jupiter.api.Assertions.assertThrows(TraceException.class,
                () -> Instrumenter.instrument(doc, g, doc.graphOf(g)));
        assertEquals(TraceException.Reason.TRACE_FAILED, e.reason());
        assertEquals("definition i@2 has no place in the method (instrumentation)", e.getMessage());
    }
}
