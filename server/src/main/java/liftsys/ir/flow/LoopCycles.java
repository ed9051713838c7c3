package liftsys.ir.flow;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liftsys.ir.EdgeKind;

/** Keeps the graph acyclic where a loop's summaries depend on each other around the loop. */
final class LoopCycles {
    private LoopCycles() {
    }

    /**
     * Each strongly connected group of a loop's summaries is replaced by its members depending
     * on everything the group depends on; the groups are added to {@code collapsed}.
     */
    static void collapse(List<Def> summaries, List<Set<Def>> collapsed) {
        Set<Def> inLoop = new LinkedHashSet<>(summaries);
        for (Set<Def> component : StronglyConnected.components(summaries, d -> {
            List<Def> ps = new ArrayList<>();
            for (Def p : d.parents.keySet()) {
                if (inLoop.contains(p)) {
                    ps.add(p);
                }
            }
            return ps;
        })) {
            if (component.size() < 2) {
                continue;
            }
            Map<Def, EnumSet<EdgeKind>> external = new LinkedHashMap<>();
            for (Def member : component) {
                member.parents.forEach((p, kinds) -> {
                    if (!component.contains(p)) {
                        external.computeIfAbsent(p, k -> EnumSet.noneOf(EdgeKind.class)).addAll(kinds);
                    }
                });
            }
            for (Def member : component) {
                member.parents.clear();
                external.forEach((p, kinds) -> member.parents.put(p, EnumSet.copyOf(kinds)));
            }
            collapsed.add(component);
        }
    }

    /**
     * Members of a collapsed group shaped each other's values, so whatever reads one of them
     * reads all of them; done at the end, when every reader is known. It adds no cycle: the
     * members have the same parents, so none of them descends from a reader of another.
     */
    static void shareReaders(List<Set<Def>> collapsed, List<Def> definitions) {
        for (Set<Def> group : collapsed) {
            for (Def reader : definitions) {
                if (group.contains(reader)) {
                    continue;
                }
                EnumSet<EdgeKind> kinds = EnumSet.noneOf(EdgeKind.class);
                group.forEach(m -> kinds.addAll(reader.parents.getOrDefault(m, EnumSet.noneOf(EdgeKind.class))));
                if (!kinds.isEmpty()) {
                    group.forEach(m -> reader.parents.computeIfAbsent(m, k -> EnumSet.noneOf(EdgeKind.class))
                            .addAll(kinds));
                }
            }
        }
    }
}
