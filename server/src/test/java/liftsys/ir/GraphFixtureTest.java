package liftsys.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import liftsys.analysis.BadQueryException;
import liftsys.analysis.Direction;
import liftsys.analysis.DocumentIrCache;
import liftsys.analysis.ImpactEntry;
import liftsys.analysis.StructuralAnalyzer;
import liftsys.analysis.StructuralImpact;
import liftsys.testing.Fixtures;
import liftsys.text.DocumentSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dependence graph, one fixture per construct: the subject at the cursor and the expected
 * variables downstream and upstream with their distances, written as "name distance".
 */
class GraphFixtureTest {
    static Stream<Fixtures.Case> cases() {
        return Fixtures.load("/fixtures/graph.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsExpected(Fixtures.Case c) throws BadQueryException {
        DocumentSnapshot snapshot = new DocumentSnapshot("file:///fixture.java", 1, c.source());
        StructuralAnalyzer analyzer = new StructuralAnalyzer(new DocumentIrCache(new GraphCache(16)));
        StructuralImpact answer = analyzer.analyze(snapshot, snapshot.positionOf(c.cursor()), Direction.BOTH);
        c.expectations().forEach((key, expected) -> {
            if (key.equals("downstream")) {
                assertEquals(expected, render(answer.downstream()), c.name() + ": downstream");
            } else if (key.equals("upstream")) {
                assertEquals(expected, render(answer.upstream()), c.name() + ": upstream");
            } else if (key.startsWith("path ")) {
                String target = key.substring(5);
                List<ImpactEntry> all = Stream.concat(answer.downstream().stream(), answer.upstream().stream())
                        .filter(e -> e.name().equals(target)).toList();
                assertEquals(expected, all.isEmpty() ? "(absent)" : String.join(" ", all.get(0).path()),
                        c.name() + ": path to " + target);
            } else if (key.equals("subject")) {
                assertEquals(expected, answer.subject().name() + " " + answer.subject().kind().wireName(),
                        c.name() + ": subject");
            } else if (key.equals("kinds")) {
                String kinds = Stream.concat(answer.downstream().stream(), answer.upstream().stream())
                        .map(e -> e.name() + " " + e.kind().wireName()).collect(Collectors.joining(", "));
                assertEquals(expected, kinds, c.name() + ": kinds");
            } else {
                throw new IllegalArgumentException("unknown expectation " + key + " in " + c.name());
            }
        });
    }

    static String render(List<ImpactEntry> entries) {
        if (entries.isEmpty()) {
            return "(none)";
        }
        return entries.stream().map(e -> e.name() + " " + e.distance()).collect(Collectors.joining(", "));
    }
}
