package liftsys.ir.flow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Where control goes on a break, continue, return, throw or yield, and what arrives there. */
final class Jumps {
    private Jumps() {
    }

    /**
     * Where a jump goes: the statement it leaves, or the loop whose next round it starts
     * ({@code leaves} false).
     */
    record Jump(Target target, boolean leaves) {
    }

    /** A statement that break or continue can leave to, with the environments that arrive there. */
    static final class Target {
        final boolean isLoop;
        final String label;
        final List<Env> breaks = new ArrayList<>();
        final List<Env> continues = new ArrayList<>();
        /** Conditions of jumps that may end a round early: the loop's later rounds depend on them. */
        final Set<Def> guard = new LinkedHashSet<>();

        Target(boolean isLoop, String label) {
            this.isLoop = isLoop;
            this.label = label;
        }
    }

    /** What a switch expression's arms and yields give, and the target yields leave to. */
    static final class YieldCollector {
        final Target target;
        final Set<Def> data = new LinkedHashSet<>();
        final Set<Def> control = new LinkedHashSet<>();
        final List<Env> exits = new ArrayList<>();

        YieldCollector(Target target) {
            this.target = target;
        }
    }
}
