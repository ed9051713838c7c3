package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import liftsys.ir.GraphCache;
import liftsys.sidecar.SidecarConfig;
import liftsys.text.DocumentSnapshot;
import liftsys.text.DocumentStore;
import liftsys.text.Position;
import liftsys.time.Deadline;
import liftsys.trace.TraceProject;
import liftsys.trace.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Effects on and of values that are not plain numbers, with the real worker and the real DoWhy
 * sidecar (issues 15 and 16): a String subject set by value ("EUR" to "USD" changes a rate by
 * exactly what the code says, in the model and in the rerun), a char shifted by one, the size of a
 * list, and a String target whose effect says that it measures a length.
 */
class ObjectInputsQuantifyTest {
    private static final Path ROOT = Path.of(System.getProperty("liftsys.root", "..")).toAbsolutePath().normalize();
    private static final Settings SETTINGS =
            new Settings(null, 120_000, 200, true, List.of(), 0, "GOOD", 0.7, true, true, true);
    private static Tracer tracer;
    private static SidecarHolder sidecar;
    private static QuantitativeAnalyzer analyzer;
    private static StructuralAnalyzer structural;
    private static DocumentSnapshot snapshot;
    private static String text;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(SidecarConfig.defaultPython(ROOT)), "the DoWhy environment is missing");
        Path root = Path.of(ObjectInputsQuantifyTest.class.getResource("/trace/objects").toURI());
        text = Files.readString(root.resolve("shop/Objects.java"));
        snapshot = new DocumentStore().open(root.resolve("shop/Objects.java").toUri().toString(), 1, text);
        tracer = new Tracer();
        sidecar = new SidecarHolder(ROOT);
        DocumentIrCache ir = new DocumentIrCache(new GraphCache(16));
        analyzer = new QuantitativeAnalyzer(MethodTracer.of(tracer), sidecar, ir, 8, null);
        TraceProject project = new TraceProject(List.of(), List.of(root.toString()), List.of(), "objects", "");
        analyzer.useProjects((uri, t, wait) -> project);
        structural = new StructuralAnalyzer(ir);
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) {
            sidecar.close();
        }
        if (tracer != null) {
            tracer.close();
        }
    }

    /** The answer for the word at the first occurrence of {@code needle}. */
    static QuantitativeAnswer quantify(String needle, String word, Intervention intervention) throws Exception {
        int offset = text.indexOf(needle) + needle.lastIndexOf(word);
        int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
        int character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
        StructuralImpact impact = structural.analyze(snapshot, new Position(line, character), Direction.DOWNSTREAM);
        QuantitativeAnswer answer = analyzer.quantify(impact, intervention, SETTINGS,
                Deadline.after(Duration.ofSeconds(120)), () -> false, ProgressSink.NONE);
        assertNull(answer.degradation(), () -> answer.degradation().message());
        return answer;
    }

    static QuantEffect effect(QuantitativeAnswer answer, String variable) {
        return answer.effects().entrySet().stream().filter(e -> e.getKey().endsWith(":" + variable)
                || e.getKey().equals(variable)).map(java.util.Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no effect on " + variable + " in " + answer.effects()));
    }

    @Test
    void aStringSubjectSetByValueChangesTheRateByWhatTheCodeSays() throws Exception {
        QuantitativeAnswer answer = quantify("String to) {", "to", Intervention.setText("EUR", "USD"));
        QuantEffect rate = effect(answer, "rate");
        assertEquals(0.1, rate.estimate().value(), 1e-6, "1.1 - 1.0 in the model: " + rate);
        assertEquals(0.1, rate.observed().value(), 1e-9, "and in the rerun");
        QuantitativeAnswer back = quantify("String to) {", "to", Intervention.setText("GBP", "EUR"));
        QuantEffect ret = effect(back, "return");
        assertTrue(Math.abs(ret.estimate().value()) > 1e-3, "0.15 times the mean amount: " + ret);
        assertEquals(ret.observed().value(), ret.estimate().value(), 1e-6, "the model agrees with the rerun exactly");
    }

    @Test
    void aCharShiftedByOneIsTheNextChar() throws Exception {
        QuantitativeAnswer answer = quantify("char c) {", "c", Intervention.shiftBy(1));
        QuantEffect ret = effect(answer, "return");
        assertEquals(1.0, ret.estimate().value(), 1e-6);
        assertEquals(1.0, ret.observed().value(), 1e-9, "'a' + 1 is 'b' in the code too");
    }

    @Test
    void aListIsItsSizeInTheModel() throws Exception {
        QuantitativeAnswer answer = quantify("count(List<Integer> xs)", "xs", Intervention.shiftBy(1));
        assertEquals(3.0, effect(answer, "return").estimate().value(), 1e-6);
    }

    @Test
    void anObjectIsTheNumberItOffersAsSubjectAndAsTarget() throws Exception {
        QuantitativeAnswer subject = quantify("fahrenheit(Temperature t", "t", Intervention.shiftBy(1));
        assertEquals(1.8, effect(subject, "return").estimate().value(), 1e-6, "the model shifts t.getValue()");
        assertTrue(subject.model().notes().stream().anyMatch(n -> n.contains("not checked")),
                "the code cannot shift an object: " + subject.model().notes());
        QuantitativeAnswer target = quantify("double by)", "by", Intervention.shiftBy(1));
        String w = target.effects().keySet().stream().filter(k -> k.endsWith(":w") || k.equals("w")).findFirst()
                .orElseThrow();
        assertEquals(1.0, target.effects().get(w).estimate().value(), 1e-6);
        assertEquals(1.0, target.effects().get(w).observed().value(), 1e-9, "measured in the code too");
        assertEquals("getValue()", target.measures().get(w));
    }

    @Test
    void aBooleanShiftedIsSetFromFalseToTrueInTheModelAndInTheCode() throws Exception {
        QuantitativeAnswer answer = quantify("fee(boolean member", "member", Intervention.shiftBy(1));
        QuantEffect f = effect(answer, "f");
        assertEquals(-5.0, f.estimate().value(), 1e-6);
        assertEquals(-5.0, f.observed().value(), 1e-9);
        assertTrue(answer.model().notes().contains("`member` is a boolean: the shift is read as setting it from "
                + "false to true."), answer.model().notes().toString());
    }

    @Test
    void anObjectThatOffersNoNumberCannotBeShiftedAndSaysWhatToDo() throws Exception {
        int offset = text.indexOf("orderTotal(Order o") + "orderTotal(Order ".length();
        int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
        int character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
        StructuralImpact impact = structural.analyze(snapshot, new Position(line, character), Direction.DOWNSTREAM);
        QuantitativeAnswer answer = analyzer.quantify(impact, Intervention.shiftBy(1), SETTINGS,
                Deadline.after(Duration.ofSeconds(120)), () -> false, ProgressSink.NONE);
        assertEquals(Degradation.Reason.UNSUPPORTED, answer.degradation().reason());
        assertTrue(answer.degradation().message().startsWith("`o` is an object that offers no number"),
                answer.degradation().message());
    }

    @Test
    void anEffectOnAStringSaysItMeasuresItsLength() throws Exception {
        QuantitativeAnswer answer = quantify("shout(String s)", "s", Intervention.shiftBy(1));
        QuantEffect t = effect(answer, "t");
        assertEquals(1.0, t.estimate().value(), 1e-6, "one more character in, one more out");
        String tId = answer.effects().keySet().stream().filter(k -> k.endsWith(":t") || k.equals("t")).findFirst()
                .orElseThrow();
        assertEquals("length", answer.measures().get(tId));
        assertTrue(answer.model().notes().stream().anyMatch(n -> n.contains("is a String: the shift moves its length")),
                answer.model().notes().toString());
    }
}
