package liftsys.ir.flow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import liftsys.ir.EdgeKind;
import liftsys.ir.lower.Stmt;
import liftsys.ir.lower.StmtVisitor;

/**
 * Statements, by abstract interpretation: each visit updates the environment in place to what
 * holds after the statement (unreachable after a jump). Branches run on copies that are joined
 * after them; loops are {@link LoopFlow}'s.
 */
final class StatementFlow implements StmtVisitor<Void, At> {
    private final FlowState state;
    private ExpressionFlow expressions;
    private LoopFlow loops;

    StatementFlow(FlowState state) {
        this.state = state;
    }

    void connect(ExpressionFlow expressions, LoopFlow loops) {
        this.expressions = expressions;
        this.loops = loops;
    }

    /** Runs a statement from {@code env}; nothing happens where the code cannot be reached. */
    void run(Stmt s, Env env, Set<Def> control) {
        if (s != null && env.reachable) {
            s.accept(this, new At(env, control));
        }
    }

    private Deps eval(liftsys.ir.lower.Expr e, Env env, Set<Def> control) {
        return expressions.eval(e, env, control);
    }

    @Override
    public Void visit(Stmt.Block s, At at) {
        for (Stmt inner : s.statements()) {
            run(inner, at.env(), at.control());
        }
        return null;
    }

    @Override
    public Void visit(Stmt.Eval s, At at) {
        s.expressions().forEach(e -> eval(e, at.env(), at.control()));
        return null;
    }

    @Override
    public Void visit(Stmt.If s, At at) {
        Env env = at.env();
        Set<Def> condition = eval(s.condition(), env, at.control()).all();
        Set<Def> inner = Deps.union(at.control(), condition);
        Env thenEnv = env.copy();
        run(s.then(), thenEnv, inner);
        Env elseEnv = env.copy();
        run(s.otherwise(), elseEnv, inner);
        List<Env> branches = List.of(thenEnv, elseEnv);
        Env after = state.join(branches);
        state.guardJumps(branches, env, condition, after);
        env.replaceWith(after);
        return null;
    }

    @Override
    public Void visit(Stmt.Loop s, At at) {
        loops.run(s, at.env(), at.control());
        return null;
    }

    @Override
    public Void visit(Stmt.Labeled s, At at) {
        Env env = at.env();
        Jumps.Target t = new Jumps.Target(false, s.label());
        state.targets.push(t);
        run(s.body(), env, at.control());
        state.targets.pop();
        List<Env> exits = new ArrayList<>(t.breaks);
        exits.add(env);
        Env after = state.join(exits);
        after.forget(t);
        env.replaceWith(after);
        return null;
    }

    @Override
    public Void visit(Stmt.Switch s, At at) {
        Env env = at.env();
        Set<Def> selector = eval(s.selector(), env, at.control()).all();
        Jumps.Target t = new Jumps.Target(false, null);
        state.targets.push(t);
        List<Env> ends = new ArrayList<>();
        List<Env> exits = arms(s.arms(), env, Deps.union(at.control(), selector), null, ends);
        exits.addAll(t.breaks);
        Env after = state.join(exits);
        state.guardJumps(ends, env, selector, after);
        state.targets.pop();
        after.forget(t);
        env.replaceWith(after);
        return null;
    }

    /**
     * Runs switch arms from the environment after the selector; returns the environments
     * leaving them (falling off the end, plus the selector's when no arm is a default) and adds
     * each arm's final environment to {@code ends}. {@code values} is null for a statement.
     */
    List<Env> arms(List<Stmt.Arm> arms, Env env, Set<Def> inner, Jumps.YieldCollector values, List<Env> ends) {
        boolean isExpression = values != null;
        List<Env> exits = new ArrayList<>();
        Env fall = state.unreachable();
        boolean hasDefault = false;
        for (Stmt.Arm arm : arms) {
            hasDefault |= arm.isDefault();
            Env e = state.join(List.of(env, fall));
            if (arm.guard() != null) {
                eval(arm.guard(), e, inner);
            }
            if (isExpression && arm.value() != null) {
                Deps d = eval(arm.value(), e, inner);
                values.data.addAll(d.data());
                values.control.addAll(d.control());
                values.exits.add(e.copy());
                e.endAbruptly(new Jumps.Jump(values.target, true));
            } else {
                for (Stmt st : arm.statements()) {
                    run(st, e, inner);
                }
            }
            ends.add(e);
            if (arm.fallsThrough()) {
                fall = e;
            } else {
                exits.add(e);
                fall = state.unreachable();
            }
        }
        exits.add(fall);
        if (!hasDefault && !isExpression) {
            exits.add(env.copy());
        }
        return exits;
    }

    @Override
    public Void visit(Stmt.Return s, At at) {
        Env env = at.env();
        if (s.value() != null) {
            Deps value = eval(s.value(), env, at.control());
            if (state.returnDef == null) {
                Var v = state.returnVariable(s.site().range());
                state.returnDef = new Def("return", v, s.site().range(), Def.Origin.RETURN);
                state.definitions.add(state.returnDef);
            }
            state.addParents(state.returnDef, value.data(), EdgeKind.DATA);
            state.addParents(state.returnDef, Deps.union(value.control(), state.effectiveControl(at.control(), env)),
                    EdgeKind.CONTROL);
            state.siteDefinitions.put(s.site(), state.returnDef);
        }
        env.endAbruptly(new Jumps.Jump(state.method, true));
        return null;
    }

    @Override
    public Void visit(Stmt.Throw s, At at) {
        eval(s.value(), at.env(), at.control());
        at.env().endAbruptly(new Jumps.Jump(state.method, true));
        return null;
    }

    @Override
    public Void visit(Stmt.Break s, At at) {
        Jumps.Target t = state.breakTarget(s.label());
        if (t != null) {
            t.breaks.add(at.env().copy());
        }
        at.env().endAbruptly(state.jumpTo(t, true));
        return null;
    }

    @Override
    public Void visit(Stmt.Continue s, At at) {
        Jumps.Target t = state.continueTarget(s.label());
        if (t != null) {
            t.continues.add(at.env().copy());
        }
        at.env().endAbruptly(state.jumpTo(t, false));
        return null;
    }

    @Override
    public Void visit(Stmt.Yield s, At at) {
        Env env = at.env();
        Deps d = eval(s.value(), env, at.control());
        Jumps.YieldCollector values = state.yields.peek();
        if (values == null) {
            env.endAbruptly(new Jumps.Jump(state.method, true));
            return null;
        }
        values.data.addAll(d.data());
        values.control.addAll(Deps.union(d.control(), state.effectiveControl(at.control(), env)));
        values.exits.add(env.copy());
        env.endAbruptly(new Jumps.Jump(values.target, true));
        return null;
    }

    @Override
    public Void visit(Stmt.Try s, At at) {
        Env env = at.env();
        Set<Def> control = at.control();
        s.resources().forEach(r -> eval(r, env, control));
        Env before = env.copy();
        List<FlowState.Assignment> tryLog = new ArrayList<>();
        state.tryLogs.push(tryLog);
        run(s.body(), env, control);
        state.tryLogs.pop();
        List<Env> ends = new ArrayList<>();
        ends.add(env.copy());
        List<FlowState.Assignment> catchLog = new ArrayList<>();
        state.tryLogs.push(catchLog);
        for (Stmt.Catch c : s.catches()) {
            // A catch may start after any assignment of the try block, so all of them reach it.
            Env e = startAnywhere(List.of(before, env), tryLog);
            Var v = state.declare(c.parameter().local());
            state.catchDepth++;
            state.define(c.parameter(), v, c.parameter().range(), Set.of(), Set.of(), e, control);
            run(c.body(), e, control);
            state.catchDepth--;
            ends.add(e);
        }
        state.tryLogs.pop();
        Env out = state.join(ends);
        if (s.finallyBlock() != null) {
            // The finally may start after any assignment of the try or a catch, or before them all.
            List<Env> starts = new ArrayList<>(ends);
            starts.add(before);
            List<FlowState.Assignment> assigned = new ArrayList<>(tryLog);
            assigned.addAll(catchLog);
            out = finallyBlock(s.finallyBlock(), out, startAnywhere(starts, assigned), control);
        }
        env.replaceWith(out);
        return null;
    }

    /** A reachable environment entered from any point of the paths: every logged assignment reaches it. */
    private Env startAnywhere(List<Env> paths, List<FlowState.Assignment> log) {
        Env e = state.join(paths);
        e.reachable = true;
        e.jumps.clear();
        for (FlowState.Assignment a : log) {
            e.add(a.variable(), a.definition());
        }
        return e;
    }

    /**
     * Runs a finally block from {@code start}. Leaving it normally, the try statement keeps the
     * values of its normal exit except those the finally assigns; a jump in the finally wins.
     */
    private Env finallyBlock(Stmt.Block block, Env normal, Env start, Set<Def> control) {
        List<FlowState.Assignment> log = new ArrayList<>();
        state.tryLogs.push(log);
        run(block, start, control);
        state.tryLogs.pop();
        if (!start.reachable || !normal.reachable) {
            return start.reachable ? normal : start;
        }
        Env out = normal.copy();
        for (FlowState.Assignment a : log) {
            out.reaching.put(a.variable(), new LinkedHashSet<>(start.reaching.getOrDefault(a.variable(), Set.of())));
        }
        start.guards.forEach((j, g) -> out.guards.computeIfAbsent(j, k -> new LinkedHashSet<>()).addAll(g));
        return out;
    }

    @Override
    public Void visit(Stmt.Synchronized s, At at) {
        eval(s.lock(), at.env(), at.control());
        run(s.body(), at.env(), at.control());
        return null;
    }

    @Override
    public Void visit(Stmt.Opaque s, At at) {
        return null;
    }
}
