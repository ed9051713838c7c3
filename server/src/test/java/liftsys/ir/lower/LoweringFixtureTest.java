package liftsys.ir.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import liftsys.ir.DocumentParser;
import liftsys.ir.GraphCache;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.flow.MethodAnalysis;
import liftsys.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lowering, one fixture per construct ({@code fixtures/lowering.txt}): the method at the
 * cursor lowered and analysed, and the expected sites with the definitions they make, the
 * regions whose definitions may not run, the conditions (with their operators and constants)
 * and the shape of the statements.
 */
class LoweringFixtureTest {
    static Stream<Fixtures.Case> cases() {
        return Fixtures.load("/fixtures/lowering.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lowersAsExpected(Fixtures.Case c) {
        JavaDocument document = new DocumentParser(new GraphCache(16)).parse(c.source());
        Member member = document.memberAt(c.cursor()).orElseThrow();
        MethodAnalysis analysis = document.analysisOf(member);
        c.expectations().forEach((key, expected) -> {
            String actual = switch (key) {
                case "sites" -> LoweringText.sites(analysis);
                case "regions" -> LoweringText.regions(analysis);
                case "conditions" -> LoweringText.conditions(analysis.lowering());
                case "shape" -> LoweringText.shape(analysis.lowering());
                default -> throw new IllegalArgumentException("unknown expectation " + key + " in " + c.name());
            };
            assertEquals(expected, actual, c.name() + ": " + key);
        });
    }
}
