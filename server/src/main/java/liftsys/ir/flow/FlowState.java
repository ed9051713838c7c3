package liftsys.ir.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liftsys.ir.EdgeKind;
import liftsys.ir.NodeKind;
import liftsys.ir.lower.FieldRef;
import liftsys.ir.lower.Local;
import liftsys.ir.lower.Site;
import liftsys.ir.lower.VarRef;
import liftsys.text.OffsetRange;

/**
 * What the analysis of one method builds and shares between statements and expressions: the
 * variables and definitions in the order they are met (which fixes their ids and the graph's
 * order), the occurrences, the jump targets open around the current point, and the loop whose
 * summaries are being made. Not thread-safe: one per method.
 */
final class FlowState implements Env.FieldEntries {
    final List<Var> variables = new ArrayList<>();
    final List<Def> definitions = new ArrayList<>();
    final Map<OffsetRange, Occ> occurrences = new LinkedHashMap<>();
    /** The definition each site made last (in a loop, its variable's summary). */
    final Map<Site, Def> siteDefinitions = new IdentityHashMap<>();
    final Map<Var, Def> fieldEntries = new HashMap<>();
    final Deque<Jumps.Target> targets = new ArrayDeque<>();
    final Deque<List<Assignment>> tryLogs = new ArrayDeque<>();
    final Deque<Jumps.YieldCollector> yields = new ArrayDeque<>();
    /** What return and throw leave: never on the target stack, so they leave every loop. */
    final Jumps.Target method = new Jumps.Target(false, null);
    final List<Set<Def>> collapsedGroups = new ArrayList<>();
    private final Map<Local, Var> locals = new HashMap<>();
    private final Map<String, Var> fields = new HashMap<>();
    private final Map<String, Integer> namesUsed = new HashMap<>();
    /** Per variable assigned in the outermost loop being analysed, its summary; null outside loops. */
    Map<Var, Def> activeSummaries;
    Def returnDef;
    /** Grows with every new definition or edge: a loop has reached its fixed point when it stops. */
    long modifications;
    int catchDepth;

    /** An identifier of the method's text naming a variable, with the definitions it stands for. */
    record Occ(OffsetRange range, Var variable, List<Def> definitions, boolean isDefinition) {
    }

    /** A definition made inside a try block or handler, which a catch or finally may start after. */
    record Assignment(Var variable, Def definition) {
    }

    /** The variable of a declaration: made the first time it is met, its id the name and a count when reused. */
    Var declare(Local local) {
        Var v = locals.get(local);
        if (v == null) {
            int count = namesUsed.merge(local.name(), 1, Integer::sum);
            String id = count == 1 ? local.name() : local.name() + "#" + count;
            v = new Var(id, local.name(), local.kind(), local.range(), local.declaredType(), local);
            locals.put(local, v);
            variables.add(v);
        }
        return v;
    }

    Var variable(VarRef ref) {
        return ref instanceof FieldRef f ? field(f.name()) : declare((Local) ref);
    }

    private Var field(String name) {
        return fields.computeIfAbsent(name, n -> {
            Var v = new Var("this." + n, n, NodeKind.FIELD, null, "", new FieldRef(n));
            variables.add(v);
            return v;
        });
    }

    Var returnVariable(OffsetRange range) {
        Var v = new Var("return", "return", NodeKind.RETURN, range, "", null);
        variables.add(v);
        return v;
    }

    @Override
    public Def entry(Var field, OffsetRange firstUse) {
        Def d = fieldEntries.get(field);
        if (d == null) {
            d = newDef(field, firstUse, Def.Origin.ENTRY, "in");
            fieldEntries.put(field, d);
        }
        return d;
    }

    Def newDef(Var v, OffsetRange range, Def.Origin origin, String suffix) {
        v.definitionCount++;
        String id = v.id + "@" + (suffix != null ? suffix : Integer.toString(v.definitionCount));
        Def d = new Def(id, v, range, origin);
        definitions.add(d);
        modifications++;
        return d;
    }

    /**
     * Defines {@code v} at {@code site}: a new definition, or inside a loop its summary. It depends
     * on {@code data} and on {@code control} and every condition that decides whether this point
     * runs; a definition that may not run also depends on the definitions it may leave in place.
     */
    Def define(Site site, Var v, OffsetRange range, Set<Def> data, Set<Def> control, Env env, Set<Def> context) {
        Def d;
        if (activeSummaries != null) {
            d = activeSummaries.get(v);
            if (d == null) {
                d = newDef(v, range, Def.Origin.LOOP_SUMMARY, null);
                activeSummaries.put(v, d);
            }
        } else {
            d = newDef(v, range, Def.Origin.SITE, null);
        }
        Set<Def> effective = Deps.union(control, effectiveControl(context, env));
        if (activeSummaries != null || catchDepth > 0 || !effective.isEmpty()) {
            addParents(d, env.get(v, range), EdgeKind.FALLBACK);
        }
        addParents(d, data, EdgeKind.DATA);
        addParents(d, effective, EdgeKind.CONTROL);
        env.set(v, d);
        for (List<Assignment> log : tryLogs) {
            log.add(new Assignment(v, d));
        }
        occurrence(range, v, List.of(d), true);
        siteDefinitions.put(site, d);
        return d;
    }

    void addParents(Def d, Set<Def> parents, EdgeKind kind) {
        for (Def p : parents) {
            if (p == d) {
                continue;
            }
            EnumSet<EdgeKind> kinds = d.parents.computeIfAbsent(p, k -> EnumSet.noneOf(EdgeKind.class));
            if (kinds.add(kind)) {
                modifications++;
            }
        }
    }

    /** A definition's control: its conditions, guards of jumps that may have skipped it, its loops' guards. */
    Set<Def> effectiveControl(Set<Def> control, Env env) {
        Set<Def> all = new LinkedHashSet<>(control);
        env.guards.values().forEach(all::addAll);
        for (Jumps.Target t : targets) {
            all.addAll(t.guard);
        }
        return all;
    }

    void occurrence(OffsetRange range, Var v, List<Def> defs, boolean isDefinition) {
        occurrences.put(range, new Occ(range, v, defs, isDefinition));
    }

    Env newEnv() {
        return new Env(this);
    }

    Env unreachable() {
        return Env.unreachable(this);
    }

    Env join(List<Env> envs) {
        return Env.join(envs, this);
    }

    /** Where a break or continue goes; one whose target is unknown leaves the method. */
    Jumps.Jump jumpTo(Jumps.Target t, boolean leaves) {
        return t == null ? new Jumps.Jump(method, true) : new Jumps.Jump(t, leaves);
    }

    Jumps.Target breakTarget(String label) {
        for (Jumps.Target t : targets) {
            if (label == null ? (t.isLoop || t.label == null) : label.equals(t.label)) {
                return t;
            }
        }
        return null;
    }

    Jumps.Target continueTarget(String label) {
        for (Jumps.Target t : targets) {
            if (t.isLoop && (label == null || label.equals(t.label))) {
                return t;
            }
        }
        return null;
    }

    /**
     * Code after branches that may jump away runs only when the condition that chose them lets
     * it: a branch that jumped, or that picked up a jump's guard inside, adds the condition to it.
     */
    void guardJumps(List<Env> branches, Env before, Set<Def> condition, Env after) {
        if (condition.isEmpty()) {
            return;
        }
        for (Env branch : branches) {
            branch.jumps.forEach(j -> guard(j, condition, after));
            branch.guards.forEach((j, g) -> {
                if (!before.guards.getOrDefault(j, Set.of()).containsAll(g)) {
                    guard(j, condition, after);
                }
            });
        }
    }

    /**
     * A jump taken under a condition: the code after it up to its target's end depends on the
     * condition, and so does every loop it leaves, whose later rounds may not happen.
     */
    private void guard(Jumps.Jump jump, Set<Def> condition, Env after) {
        after.guards.computeIfAbsent(jump, k -> new LinkedHashSet<>()).addAll(condition);
        for (Jumps.Target t : targets) {
            if (t == jump.target() && !jump.leaves()) {
                break;
            }
            if (t.isLoop) {
                t.guard.addAll(condition);
            }
            if (t == jump.target()) {
                break;
            }
        }
    }
}
