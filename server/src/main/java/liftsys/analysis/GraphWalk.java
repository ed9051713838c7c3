package liftsys.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liftsys.ir.Edge;
import liftsys.ir.EdgeKind;
import liftsys.ir.MethodGraph;

/** Breadth-first walks over a method graph, keeping for each definition its distance and a predecessor. */
final class GraphWalk {
    private final Map<String, Integer> distance = new LinkedHashMap<>();
    private final Map<String, String> previous = new LinkedHashMap<>();

    private GraphWalk() {
    }

    static GraphWalk from(MethodGraph graph, Collection<String> start, boolean downstream) {
        GraphWalk walk = new GraphWalk();
        Deque<String> queue = new ArrayDeque<>();
        for (String s : start) {
            if (walk.distance.putIfAbsent(s, 0) == null) {
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            String current = queue.poll();
            int d = walk.distance.get(current);
            List<Edge> next = downstream ? graph.childrenOf(current) : graph.parentsOf(current);
            for (Edge e : next) {
                if (e.kind() == EdgeKind.FALLBACK) {
                    continue;
                }
                String other = downstream ? e.to() : e.from();
                if (walk.distance.putIfAbsent(other, d + 1) == null) {
                    walk.previous.put(other, current);
                    queue.add(other);
                }
            }
        }
        return walk;
    }

    /** Reached definitions in the order they were reached (nearest first). */
    Map<String, Integer> distances() {
        return distance;
    }

    /** The definitions from a start definition to this one. */
    List<String> pathTo(String definitionId) {
        List<String> path = new ArrayList<>();
        for (String at = definitionId; at != null; at = previous.get(at)) {
            path.add(0, at);
        }
        return path;
    }
}
