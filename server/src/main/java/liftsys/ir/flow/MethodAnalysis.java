package liftsys.ir.flow;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import liftsys.ir.Definition;
import liftsys.ir.MethodGraph;
import liftsys.ir.Variable;
import liftsys.ir.lower.LoweredMethod;
import liftsys.ir.lower.Site;
import liftsys.ir.lower.VarRef;

/**
 * A lowered method with its dependence graph, and what ties them together: the definition each
 * site makes, the lowering's variable behind each of the graph's, the fields' values on entry,
 * and the regions whose definitions may not run ({@link #regions}). The instrumenter reads the
 * sites and regions from here, so it records exactly the graph's definitions. Immutable apart
 * from the syntax tree the lowering holds, which its one user (the instrumenter) may rewrite
 * once it has read what it needs.
 */
public final class MethodAnalysis {
    private final LoweredMethod lowering;
    private final MethodGraph graph;
    private final Map<Site, Definition> bySite;
    private final Map<String, VarRef> refs;
    private final Map<String, Definition> fieldEntries;
    private final Set<Definition> entries;
    private final Definition returnDefinition;
    private List<Region> regions;

    MethodAnalysis(LoweredMethod lowering, MethodGraph graph, Map<Site, Definition> bySite, Map<String, VarRef> refs,
                   Map<String, Definition> fieldEntries, List<Definition> entries, Definition returnDefinition) {
        this.lowering = lowering;
        this.graph = graph;
        this.bySite = bySite;
        this.refs = refs;
        this.fieldEntries = fieldEntries;
        this.entries = Collections.unmodifiableSet(new HashSet<>(entries));
        this.returnDefinition = returnDefinition;
    }

    public LoweredMethod lowering() {
        return lowering;
    }

    public MethodGraph graph() {
        return graph;
    }

    /** The definition a site makes (its variable's summary inside a loop); empty where it makes none (unreachable code). */
    public Optional<Definition> definitionAt(Site site) {
        return Optional.ofNullable(bySite.get(site));
    }

    /** What the lowering resolved a variable of the graph to; empty for the return value. */
    public Optional<VarRef> reference(Variable v) {
        return Optional.ofNullable(refs.get(v.id()));
    }

    /** A field's value on entry, when the method reads the field before writing it. */
    public Optional<Definition> entryOf(Variable field) {
        return Optional.ofNullable(fieldEntries.get(field.id()));
    }

    /** Whether the definition is a parameter's or a field's value on entry. */
    public boolean isEntry(Definition d) {
        return entries.contains(d);
    }

    public Optional<Definition> returnDefinition() {
        return Optional.ofNullable(returnDefinition);
    }

    /** The conditional regions, planned on first use. */
    public synchronized List<Region> regions() {
        if (regions == null) {
            regions = RegionPlanner.plan(this);
        }
        return regions;
    }
}
