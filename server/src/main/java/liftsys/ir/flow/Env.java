package liftsys.ir.flow;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liftsys.ir.NodeKind;
import liftsys.text.OffsetRange;

/**
 * The definitions that may reach a point, per variable; unreachable after a jump, with the
 * jumps that ended it. {@code guards} holds, per jump that may have skipped the code up to
 * here, the conditions that decided it; they matter until the jump's target ends.
 */
final class Env {
    /** A field's value on entry, made the first time it is needed. */
    interface FieldEntries {
        Def entry(Var field, OffsetRange firstUse);
    }

    private final FieldEntries fields;
    Map<Var, Set<Def>> reaching = new LinkedHashMap<>();
    boolean reachable = true;
    Set<Jumps.Jump> jumps = new LinkedHashSet<>();
    Map<Jumps.Jump, Set<Def>> guards = new LinkedHashMap<>();

    Env(FieldEntries fields) {
        this.fields = fields;
    }

    static Env unreachable(FieldEntries fields) {
        Env e = new Env(fields);
        e.reachable = false;
        return e;
    }

    Env copy() {
        Env e = new Env(fields);
        reaching.forEach((v, defs) -> e.reaching.put(v, new LinkedHashSet<>(defs)));
        e.reachable = reachable;
        e.jumps = new LinkedHashSet<>(jumps);
        guards.forEach((j, g) -> e.guards.put(j, new LinkedHashSet<>(g)));
        return e;
    }

    /** A field not yet written in the method holds its value on entry. */
    Set<Def> get(Var v, OffsetRange use) {
        Set<Def> defs = reaching.get(v);
        if (defs == null && v.kind == NodeKind.FIELD) {
            return Set.of(fields.entry(v, use));
        }
        return defs == null ? Set.of() : defs;
    }

    void set(Var v, Def d) {
        Set<Def> s = new LinkedHashSet<>();
        s.add(d);
        reaching.put(v, s);
    }

    void add(Var v, Def d) {
        reaching.computeIfAbsent(v, k -> new LinkedHashSet<>()).add(d);
    }

    void endAbruptly(Jumps.Jump jump) {
        reachable = false;
        jumps = new LinkedHashSet<>(Set.of(jump));
        reaching = new LinkedHashMap<>();
        guards = new LinkedHashMap<>();
    }

    /** The target's statement ended here: jumps to it skip nothing further. */
    void forget(Jumps.Target t) {
        guards.keySet().removeIf(j -> j.target() == t);
    }

    void replaceWith(Env other) {
        reaching = other.reaching;
        reachable = other.reachable;
        jumps = other.jumps;
        guards = other.guards;
    }

    boolean sameAs(Env other) {
        return reachable == other.reachable && reaching.equals(other.reaching) && guards.equals(other.guards);
    }

    /**
     * The environment where paths meet: per variable, every definition reaching along any of
     * them, and every guard of any of them; when none is reachable, every jump that ended them.
     * A field that one path never wrote holds its value on entry along it.
     */
    static Env join(List<Env> envs, FieldEntries fields) {
        Env out = unreachable(fields);
        List<Env> live = new java.util.ArrayList<>();
        for (Env e : envs) {
            if (e.reachable) {
                live.add(e);
            } else {
                out.jumps.addAll(e.jumps);
            }
        }
        if (live.isEmpty()) {
            return out;
        }
        out.reachable = true;
        out.jumps.clear();
        live.forEach(e -> e.guards.forEach((j, g) ->
                out.guards.computeIfAbsent(j, k -> new LinkedHashSet<>()).addAll(g)));
        Set<Var> keys = new LinkedHashSet<>();
        live.forEach(e -> keys.addAll(e.reaching.keySet()));
        for (Var v : keys) {
            Set<Def> defs = new LinkedHashSet<>();
            for (Env e : live) {
                Set<Def> d = e.reaching.get(v);
                if (d != null) {
                    defs.addAll(d);
                } else if (v.kind == NodeKind.FIELD) {
                    defs.add(fields.entry(v, null));
                }
            }
            out.reaching.put(v, defs);
        }
        return out;
    }
}
