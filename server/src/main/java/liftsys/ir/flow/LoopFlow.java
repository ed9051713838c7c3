package liftsys.ir.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import liftsys.ir.lower.Stmt;

/**
 * Loops, analysed to a fixed point: the body runs again from the join of the entry and the end
 * of the last round until neither the environment nor the graph changes (at most 64 rounds).
 * Inside the outermost loop every definition of a variable is one summary, its value after the
 * loop; summaries that depend on each other around the loop are collapsed ({@link LoopCycles}).
 */
final class LoopFlow {
    private static final int MAX_ROUNDS = 64;

    private final FlowState state;
    private final StatementFlow statements;
    private final ExpressionFlow expressions;

    LoopFlow(FlowState state, StatementFlow statements, ExpressionFlow expressions) {
        this.state = state;
        this.statements = statements;
        this.expressions = expressions;
    }

    void run(Stmt.Loop s, Env env, Set<Def> control) {
        s.init().forEach(e -> expressions.eval(e, env, control));
        boolean outermost = state.activeSummaries == null;
        if (outermost) {
            state.activeSummaries = new LinkedHashMap<>();
        }
        Jumps.Target t = new Jumps.Target(true, s.label());
        state.targets.push(t);
        Env entry = env.copy();
        Env head = entry.copy();
        Env exit = state.unreachable();
        Set<Def> doCondition = new LinkedHashSet<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            long before = state.modifications;
            t.breaks.clear();
            t.continues.clear();
            Env e = head.copy();
            Env atExit = round(s, e, control, t, doCondition);
            List<Env> exits = new ArrayList<>(t.breaks);
            exits.add(0, atExit);
            exit = state.join(exits);
            exit.forget(t);
            Env nextHead = state.join(List.of(entry, e));
            if (nextHead.sameAs(head) && state.modifications == before) {
                break;
            }
            head = nextHead;
        }
        state.targets.pop();
        if (outermost) {
            LoopCycles.collapse(new ArrayList<>(state.activeSummaries.values()), state.collapsedGroups);
            state.activeSummaries = null;
        }
        env.replaceWith(exit);
    }

    /** One round from {@code e} (left at the end of the round); returns the environment leaving at the condition. */
    private Env round(Stmt.Loop s, Env e, Set<Def> control, Jumps.Target t, Set<Def> doCondition) {
        Env atExit;
        switch (s.kind()) {
            case WHILE -> {
                Deps c = expressions.eval(s.condition(), e, control);
                atExit = s.mayEndAtCondition() ? e.copy() : state.unreachable();
                statements.run(s.body(), e, Deps.union(control, c.all()));
                endOfBody(e, t);
            }
            case FOR -> {
                Deps c = expressions.eval(s.condition(), e, control);
                atExit = s.mayEndAtCondition() ? e.copy() : state.unreachable();
                Set<Def> inner = Deps.union(control, c.all());
                statements.run(s.body(), e, inner);
                endOfBody(e, t);
                s.update().forEach(u -> expressions.eval(u, e, inner));
            }
            case FOR_EACH -> {
                Deps iterable = expressions.eval(s.iterable(), e, control);
                atExit = e.copy();
                Set<Def> inner = Deps.union(control, iterable.all());
                Var v = state.declare(s.element().local());
                state.define(s.element(), v, s.element().range(), iterable.data(), Set.of(), e, inner);
                statements.run(s.body(), e, inner);
                endOfBody(e, t);
            }
            default -> {
                statements.run(s.body(), e, Deps.union(control, doCondition));
                endOfBody(e, t);
                Deps c = expressions.eval(s.condition(), e, control);
                doCondition.addAll(c.all());
                atExit = s.mayEndAtCondition() ? e.copy() : state.unreachable();
            }
        }
        return atExit;
    }

    /** Continues meet at the end of the body, where jumps to this loop stop guarding. */
    private void endOfBody(Env e, Jumps.Target t) {
        List<Env> all = new ArrayList<>(t.continues);
        all.add(0, e);
        e.replaceWith(state.join(all));
        e.forget(t);
    }
}
