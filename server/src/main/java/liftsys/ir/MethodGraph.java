package liftsys.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dependence graph of one method or constructor: acyclic, with loops summarised, over
 * definitions of its variables. Immutable; every range is relative to the method's start, so
 * the graph depends on the method's text alone and can be reused wherever that text moves.
 */
public final class MethodGraph {
    private final String methodName;
    private final List<Variable> variables;
    private final List<Definition> definitions;
    private final List<Edge> edges;
    private final List<Occurrence> occurrences;
    private final Map<String, Variable> variablesById = new HashMap<>();
    private final Map<String, Definition> definitionsById = new LinkedHashMap<>();
    private final Map<String, List<Edge>> parents = new HashMap<>();
    private final Map<String, List<Edge>> children = new HashMap<>();

    public MethodGraph(String methodName, List<Variable> variables, List<Definition> definitions,
                       List<Edge> edges, List<Occurrence> occurrences) {
        this.methodName = methodName;
        this.variables = List.copyOf(variables);
        this.definitions = List.copyOf(definitions);
        this.edges = List.copyOf(edges);
        this.occurrences = List.copyOf(occurrences);
        variables.forEach(v -> variablesById.put(v.id(), v));
        definitions.forEach(d -> definitionsById.put(d.id(), d));
        for (Edge e : edges) {
            parents.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            children.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
    }

    public String methodName() {
        return methodName;
    }

    public List<Variable> variables() {
        return variables;
    }

    public List<Definition> definitions() {
        return definitions;
    }

    public List<Edge> edges() {
        return edges;
    }

    public List<Occurrence> occurrences() {
        return occurrences;
    }

    public Variable variable(String id) {
        return variablesById.get(id);
    }

    public Definition definition(String id) {
        return definitionsById.get(id);
    }

    public Variable variableOf(Definition d) {
        return variablesById.get(d.variableId());
    }

    /** Edges into a definition, in the order they were found. */
    public List<Edge> parentsOf(String definitionId) {
        return parents.getOrDefault(definitionId, Collections.emptyList());
    }

    /** Edges out of a definition, in the order they were found. */
    public List<Edge> childrenOf(String definitionId) {
        return children.getOrDefault(definitionId, Collections.emptyList());
    }

    public List<Definition> definitionsOf(String variableId) {
        return definitions.stream().filter(d -> d.variableId().equals(variableId)).toList();
    }

    /** The innermost occurrence whose range holds the offset (relative to the method's start). */
    public Optional<Occurrence> occurrenceAt(int relativeOffset) {
        Occurrence best = null;
        for (Occurrence o : occurrences) {
            if (o.range().start() <= relativeOffset && relativeOffset < o.range().end()
                    && (best == null || o.range().length() < best.range().length())) {
                best = o;
            }
        }
        return Optional.ofNullable(best);
    }

    public List<Variable> parameters() {
        return variables.stream().filter(v -> v.kind() == NodeKind.PARAMETER).toList();
    }
}
