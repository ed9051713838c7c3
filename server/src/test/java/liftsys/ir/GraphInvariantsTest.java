package liftsys.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import liftsys.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties every graph must have, checked on the graph of every method and constructor of
 * every fixture (not only the one its cursor is in): the edges form no cycle, ids are unique,
 * and edges and occurrences name definitions and variables that exist.
 */
class GraphInvariantsTest {
    static Stream<Fixtures.Case> cases() {
        return Fixtures.load("/fixtures/graph.txt").stream();
    }

    static List<MethodGraph> graphsOf(Fixtures.Case c) {
        JavaDocument document = new DocumentParser(new GraphCache(64)).parse(c.source());
        assertFalse(document.members().isEmpty(), c.name() + ": no member parsed");
        return document.members().stream().map(document::graphOf).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyGraphIsAcyclic(Fixtures.Case c) {
        for (MethodGraph g : graphsOf(c)) {
            List<String> order = topologicalOrder(g);
            assertEquals(g.definitions().size(), order.size(),
                    c.name() + ": " + g.methodName() + " has a cycle among " + onCycles(g, order));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void idsAreUniqueAndEveryReferenceResolves(Fixtures.Case c) {
        for (MethodGraph g : graphsOf(c)) {
            String where = c.name() + ": " + g.methodName();
            Set<String> definitionIds = new HashSet<>();
            for (Definition d : g.definitions()) {
                assertTrue(definitionIds.add(d.id()), where + ": definition id " + d.id() + " is used twice");
                assertNotNull(g.variable(d.variableId()), where + ": " + d.id() + " has no variable");
            }
            Set<String> variableIds = new HashSet<>();
            for (Variable v : g.variables()) {
                assertTrue(variableIds.add(v.id()), where + ": variable id " + v.id() + " is used twice");
            }
            for (Edge e : g.edges()) {
                assertTrue(definitionIds.contains(e.from()), where + ": edge from unknown " + e.from());
                assertTrue(definitionIds.contains(e.to()), where + ": edge to unknown " + e.to());
                assertFalse(e.from().equals(e.to()), where + ": self edge on " + e.from());
            }
            for (Occurrence o : g.occurrences()) {
                assertTrue(variableIds.contains(o.variableId()), where + ": occurrence of unknown " + o.variableId());
                o.definitionIds().forEach(id -> assertTrue(definitionIds.contains(id),
                        where + ": occurrence names unknown definition " + id));
            }
        }
    }

    /** Kahn's algorithm: the definitions in an order where every edge goes forward; short when there is a cycle. */
    static List<String> topologicalOrder(MethodGraph g) {
        Map<String, Integer> indegree = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        g.definitions().forEach(d -> indegree.put(d.id(), 0));
        for (Edge e : g.edges()) {
            // Parallel edges (data and control between the same pair) count once each way.
            List<String> out = children.computeIfAbsent(e.from(), k -> new ArrayList<>());
            if (!out.contains(e.to())) {
                out.add(e.to());
                indegree.merge(e.to(), 1, Integer::sum);
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        indegree.forEach((id, n) -> {
            if (n == 0) {
                ready.add(id);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String child : children.getOrDefault(id, List.of())) {
                if (indegree.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        return order;
    }

    private static List<String> onCycles(MethodGraph g, List<String> ordered) {
        Set<String> done = new HashSet<>(ordered);
        return g.definitions().stream().map(Definition::id).filter(id -> !done.contains(id)).toList();
    }
}
