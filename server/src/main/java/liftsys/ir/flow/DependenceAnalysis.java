package liftsys.ir.flow;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liftsys.ir.Definition;
import liftsys.ir.Edge;
import liftsys.ir.MethodGraph;
import liftsys.ir.Occurrence;
import liftsys.ir.Variable;
import liftsys.ir.lower.LoweredMethod;
import liftsys.ir.lower.Site;
import liftsys.ir.lower.VarRef;

/**
 * The dependence graph of a lowered method, by abstract interpretation of the lowering: an
 * environment maps each variable to the definitions that may reach the current point (so an
 * overwritten value reaches nothing), branches join environments, and every definition made
 * under a condition depends on the condition's definitions. Loops are analysed to a fixed point
 * with one summary definition per variable assigned in them, standing for its value after the
 * loop; cycles among summaries are collapsed so the graph stays acyclic.
 */
public final class DependenceAnalysis {
    private DependenceAnalysis() {
    }

    public static MethodAnalysis analyse(LoweredMethod method) {
        FlowState state = new FlowState();
        StatementFlow statements = new StatementFlow(state);
        ExpressionFlow expressions = new ExpressionFlow(state, statements);
        statements.connect(expressions, new LoopFlow(state, statements, expressions));
        Env env = state.newEnv();
        for (Site.Entry p : method.parameters()) {
            Var v = state.declare(p.local());
            Def d = state.newDef(v, p.range(), Def.Origin.ENTRY, "in");
            env.set(v, d);
            state.occurrence(p.range(), v, List.of(d), true);
            state.siteDefinitions.put(p, d);
        }
        statements.run(method.body(), env, Set.of());
        LoopCycles.shareReaders(state.collapsedGroups, state.definitions);
        return freeze(method, state);
    }

    private static MethodAnalysis freeze(LoweredMethod method, FlowState state) {
        List<Variable> variables = new ArrayList<>();
        Map<String, VarRef> refs = new LinkedHashMap<>();
        for (Var v : state.variables) {
            variables.add(new Variable(v.id, v.name, v.kind, v.declaration));
            if (v.ref != null) {
                refs.put(v.id, v.ref);
            }
        }
        Map<Def, Definition> frozen = new IdentityHashMap<>();
        List<Definition> definitions = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (Def d : state.definitions) {
            Definition definition = new Definition(d.id, d.variable.id, d.range, d.summary());
            frozen.put(d, definition);
            definitions.add(definition);
            d.parents.forEach((p, kinds) -> kinds.forEach(k -> edges.add(new Edge(p.id, d.id, k))));
        }
        List<Occurrence> occurrences = new ArrayList<>();
        for (FlowState.Occ o : state.occurrences.values()) {
            occurrences.add(new Occurrence(o.range(), o.variable().id,
                    o.definitions().stream().map(d -> d.id).toList(), o.isDefinition()));
        }
        MethodGraph graph = new MethodGraph(method.name(), variables, definitions, edges, occurrences);
        Map<Site, Definition> bySite = new IdentityHashMap<>();
        state.siteDefinitions.forEach((site, d) -> bySite.put(site, frozen.get(d)));
        Map<String, Definition> fieldEntries = new LinkedHashMap<>();
        state.fieldEntries.forEach((v, d) -> fieldEntries.put(v.id, frozen.get(d)));
        List<Definition> entries = new ArrayList<>();
        for (Def d : state.definitions) {
            if (d.origin == Def.Origin.ENTRY) {
                entries.add(frozen.get(d));
            }
        }
        return new MethodAnalysis(method, graph, bySite, refs, fieldEntries, entries,
                state.returnDef == null ? null : frozen.get(state.returnDef));
    }
}
