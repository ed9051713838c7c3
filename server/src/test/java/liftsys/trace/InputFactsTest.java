package liftsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.wire.Wire;
import liftsys.worker.WorkerAccess;
import org.junit.jupiter.api.Test;

/**
 * What the instrumenter reads off guard clauses, comparisons and array reads ({@link InputFacts}),
 * for each method of {@code trace/GuardShapes.java}, equals the facts written by hand in
 * {@code trace/GuardShapes.facts}; and the constants method the copy gets compiles and runs in a
 * real worker (the trace of a method that has one works).
 */
class InputFactsTest {
    private static final Pattern CASE = Pattern.compile("case (\\d+): return \\(double\\) \\((.*?)\\);");

    static Map<String, List<String>> expected() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : TraceFixtureTest.resource("/trace/GuardShapes.facts").split("\n")) {
            if (line.startsWith("### ")) {
                current = new ArrayList<>();
                out.put(line.substring(4).strip(), current);
            } else if (!line.isBlank() && !line.startsWith("#") && current != null) {
                current.add(line.strip());
            }
        }
        return out;
    }

    @Test
    void theFactsOfEveryMethodAreTheOnesWrittenDown() throws TraceException {
        JavaDocument doc = new DocumentParser(new GraphCache(64)).parse(
                TraceFixtureTest.resource("/trace/GuardShapes.java"));
        Map<String, List<String>> expected = expected();
        Map<String, List<String>> actual = new LinkedHashMap<>();
        for (String method : expected.keySet()) {
            Member member = doc.members().stream().filter(m -> m.name().equals(method)).findFirst().orElseThrow();
            InstrumentedMethod im = Instrumenter.instrument(doc, member, doc.graphOf(member));
            actual.put(method, render(im));
        }
        assertEquals(expected, actual);
    }

    /** The facts as the .facts file writes them. */
    static List<String> render(InstrumentedMethod im) {
        Map<Integer, String> constants = new LinkedHashMap<>();
        Matcher m = CASE.matcher(im.sources().get(0).text());
        while (m.find()) {
            constants.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        assertEquals(im.constants(), constants.size(), "one case per constant");
        List<String> out = new ArrayList<>();
        for (Wire.Fact f : im.facts()) {
            String input = im.inputs().get(f.input()).name() + (f.inputLength() ? ".length" : "");
            StringBuilder other = new StringBuilder();
            if (f.other() >= 0) {
                other.append(im.inputs().get(f.other()).name()).append(f.otherLength() ? ".length" : "");
            }
            if (f.constant() >= 0) {
                String k = "K" + f.constant() + "=" + constants.get(f.constant());
                other.append(other.length() > 0 ? " (" + k + ")" : k);
            }
            if (other.length() == 0) {
                other.append(WorkerAccess.format(f.value()));
            } else if (f.value() != 0) {
                other.append(f.value() > 0 ? " + " : " - ").append(WorkerAccess.format(Math.abs(f.value())));
            }
            out.add(input + " " + symbol(f.kind()) + " " + other + (f.hard() ? " hard" : " soft"));
        }
        return out;
    }

    private static String symbol(Wire.FactKind kind) {
        return switch (kind) {
            case AT_LEAST -> ">=";
            case ABOVE -> ">";
            case AT_MOST -> "<=";
            case BELOW -> "<";
            case EQUALS -> "==";
            case NOT_EQUALS -> "!=";
            case MARK -> "~";
            case INDEX -> "index";
        };
    }

    @Test
    void theConstantsMethodCompilesAndItsValuesReachTheDraws() throws TraceException {
        JavaDocument doc = new DocumentParser(new GraphCache(64)).parse(
                TraceFixtureTest.resource("/trace/GuardShapes.java"));
        Member member = doc.members().stream().filter(m -> m.name().equals("otherClasses")).findFirst().orElseThrow();
        try (Tracer tracer = new Tracer()) {
            Trace t = tracer.trace(new TraceRequest(doc, member, doc.graphOf(member), 100, 3, List.of(),
                    Duration.ofSeconds(30)));
            assertEquals(100, t.rowCount());
            InputRange v = t.inputs().get("v@in");
            // Short.MAX_VALUE (32767) widens the range; Integer.MAX_VALUE / 2 only bounds it (too far to draw at).
            assertTrue(v.high() >= 32767 && v.high() < 1e6, v.toString());
        }
    }
}
