package liftsys.ir.flow;

import java.util.LinkedHashSet;
import java.util.Set;

/** What an expression's value depends on: its operands, and the conditions that chose them. */
record Deps(Set<Def> data, Set<Def> control) {
    static final Deps NONE = new Deps(Set.of(), Set.of());

    Deps plus(Deps other) {
        return new Deps(union(data, other.data), union(control, other.control));
    }

    Set<Def> all() {
        return union(data, control);
    }

    /** Both sets, in order (the first's elements first); one of them itself when the other is empty. */
    static Set<Def> union(Set<Def> a, Set<Def> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Set<Def> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }
}
