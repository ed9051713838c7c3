package liftsys.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liftsys.ir.Definition;
import liftsys.ir.MethodGraph;
import liftsys.ir.Variable;
import liftsys.ir.flow.MethodAnalysis;
import liftsys.ir.lower.Site;

/**
 * Where values go in a trace: slot j is the graph's definition j (the trace's column j), and
 * each variable has the index it has in the graph. {@link #sites} are the lowering's sites that
 * define something, in source order, each with its slot.
 */
final class Slots {
    private final MethodGraph graph;
    private final MethodAnalysis analysis;
    private final Map<String, Integer> slotById = new HashMap<>();
    private final Map<String, Integer> variableById = new HashMap<>();
    private final Map<Site, Integer> slotBySite = new IdentityHashMap<>();
    private final List<Site> sites = new ArrayList<>();

    private Slots(MethodAnalysis analysis) {
        this.analysis = analysis;
        this.graph = analysis.graph();
        List<Definition> definitions = graph.definitions();
        for (int i = 0; i < definitions.size(); i++) {
            slotById.put(definitions.get(i).id(), i);
        }
        List<Variable> variables = graph.variables();
        for (int i = 0; i < variables.size(); i++) {
            variableById.put(variables.get(i).id(), i);
        }
    }

    /**
     * The slots of an analysed method. Every definition but the values on entry and the return
     * value must be the last one its site made; one that is not (an expression the analysis
     * evaluates twice, as {@code i++} in {@code f()[i++] = 0}) cannot be traced.
     */
    static Slots of(MethodAnalysis analysis) throws TraceException {
        Slots slots = new Slots(analysis);
        Set<Definition> placed = new HashSet<>();
        for (Site site : analysis.lowering().sites()) {
            Definition d = analysis.definitionAt(site).orElse(null);
            if (d != null) {
                slots.sites.add(site);
                slots.slotBySite.put(site, slots.slot(d));
                placed.add(d);
            }
        }
        for (Definition d : analysis.graph().definitions()) {
            boolean unplaced = !analysis.isEntry(d) && !analysis.returnDefinition().map(d::equals).orElse(false)
                    && !placed.contains(d);
            if (unplaced) {
                throw new TraceException(TraceException.Reason.TRACE_FAILED,
                        "definition " + d.id() + " has no place in the method (instrumentation)");
            }
        }
        return slots;
    }

    MethodGraph graph() {
        return graph;
    }

    MethodAnalysis analysis() {
        return analysis;
    }

    /** The sites that define something, in source order (parameters first). */
    List<Site> sites() {
        return Collections.unmodifiableList(sites);
    }

    int slot(Definition d) {
        return slotById.get(d.id());
    }

    int slot(Site site) {
        Integer slot = slotBySite.get(site);
        return slot != null ? slot : slot(analysis.definitionAt(site).orElseThrow());
    }

    int variable(Variable v) {
        return variableById.get(v.id());
    }

    /** The index of the variable a site's definition belongs to. */
    int variable(Site site) {
        Definition d = analysis.definitionAt(site).orElseThrow();
        return variableById.get(d.variableId());
    }

    int count() {
        return graph.definitions().size();
    }
}
