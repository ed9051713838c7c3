package liftsys.ir.flow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import liftsys.ir.lower.Expr;
import liftsys.ir.lower.ExprVisitor;

/**
 * Expressions: each visit returns what the value depends on ({@link Deps}) and updates the
 * environment for what it defines. Where only part of an expression may run ({@code ?:},
 * {@code &&}, {@code ||}, switch arms), that part runs on a copy that is joined back.
 */
final class ExpressionFlow implements ExprVisitor<Deps, At> {
    private final FlowState state;
    private final StatementFlow statements;

    ExpressionFlow(FlowState state, StatementFlow statements) {
        this.state = state;
        this.statements = statements;
    }

    Deps eval(Expr e, Env env, Set<Def> control) {
        return e == null ? Deps.NONE : e.accept(this, new At(env, control));
    }

    private Deps evalAll(List<Expr> list, At at) {
        Deps d = Deps.NONE;
        for (Expr e : list) {
            d = d.plus(eval(e, at.env(), at.control()));
        }
        return d;
    }

    @Override
    public Deps visit(Expr.Read e, At at) {
        Var v = state.variable(e.variable());
        Set<Def> defs = at.env().get(v, e.range());
        state.occurrence(e.range(), v, List.copyOf(defs), false);
        return new Deps(defs, Set.of());
    }

    @Override
    public Deps visit(Expr.Literal e, At at) {
        return Deps.NONE;
    }

    @Override
    public Deps visit(Expr.Compute e, At at) {
        return evalAll(e.operands(), at);
    }

    @Override
    public Deps visit(Expr.MemberRead e, At at) {
        return eval(e.scope(), at.env(), at.control());
    }

    @Override
    public Deps visit(Expr.Binary e, At at) {
        Deps left = eval(e.left(), at.env(), at.control());
        return left.plus(eval(e.right(), at.env(), at.control()));
    }

    /** The right operand of && and || runs only as the left one says, so what it assigns may not happen. */
    @Override
    public Deps visit(Expr.ShortCircuit e, At at) {
        Env env = at.env();
        Deps left = eval(e.left(), env, at.control());
        Env rightEnv = env.copy();
        Deps right = eval(e.right(), rightEnv, Deps.union(at.control(), left.all()));
        env.replaceWith(state.join(List.of(env, rightEnv)));
        return left.plus(right);
    }

    @Override
    public Deps visit(Expr.Unary e, At at) {
        return eval(e.operand(), at.env(), at.control());
    }

    @Override
    public Deps visit(Expr.Choice e, At at) {
        Env env = at.env();
        Deps condition = eval(e.condition(), env, at.control());
        Set<Def> inner = Deps.union(at.control(), condition.all());
        Env thenEnv = env.copy();
        Deps then = eval(e.then(), thenEnv, inner);
        Env elseEnv = env.copy();
        Deps otherwise = eval(e.otherwise(), elseEnv, inner);
        env.replaceWith(state.join(List.of(thenEnv, elseEnv)));
        return new Deps(Deps.union(then.data(), otherwise.data()),
                Deps.union(condition.all(), Deps.union(then.control(), otherwise.control())));
    }

    @Override
    public Deps visit(Expr.Assign e, At at) {
        Env env = at.env();
        Deps index = evalAll(e.indexes(), at);
        Deps value = eval(e.value(), env, at.control());
        if (e.target() == null) {
            return value.plus(index).plus(eval(e.unresolved(), env, at.control()));
        }
        Var v = state.variable(e.target().variable());
        Set<Def> data = Deps.union(value.data(), index.data());
        if (e.keepsOld()) {
            data = Deps.union(data, env.get(v, e.target().range()));
        }
        Def d = state.define(e.target(), v, e.target().range(), data, Deps.union(value.control(), index.control()),
                env, at.control());
        return new Deps(Set.of(d), Set.of());
    }

    @Override
    public Deps visit(Expr.Increment e, At at) {
        Env env = at.env();
        Deps index = evalAll(e.indexes(), at);
        if (e.target() == null) {
            return eval(e.unresolved(), env, at.control());
        }
        Var v = state.variable(e.target().variable());
        Set<Def> old = env.get(v, e.target().range());
        state.occurrence(e.target().range(), v, List.copyOf(old), false);
        Def d = state.define(e.target(), v, e.target().range(), Deps.union(old, index.data()), index.control(), env,
                at.control());
        // A postfix increment's value is the one before it.
        return e.node().isPostfix() ? new Deps(Deps.union(old, index.data()), index.control())
                : new Deps(Set.of(d), Set.of());
    }

    @Override
    public Deps visit(Expr.Call e, At at) {
        Env env = at.env();
        Deps d = eval(e.scope(), env, at.control());
        Deps args = evalAll(e.arguments(), at);
        if (e.receiver() != null && !args.all().isEmpty()) {
            // A call with arguments on a mutable local may store them in it.
            Var v = state.variable(e.receiver().variable());
            Set<Def> data = Deps.union(env.get(v, e.receiver().range()), args.data());
            state.define(e.receiver(), v, e.receiver().range(), data, args.control(), env, at.control());
        }
        return d.plus(args);
    }

    /** What a lambda or an anonymous class captures from the method: its value depends on it. */
    @Override
    public Deps visit(Expr.Capture e, At at) {
        Set<Def> data = new LinkedHashSet<>();
        for (Expr.Read read : e.reads()) {
            Var v = state.variable(read.variable());
            Set<Def> defs = at.env().get(v, read.range());
            state.occurrence(read.range(), v, List.copyOf(defs), false);
            data.addAll(defs);
        }
        return new Deps(data, Set.of());
    }

    @Override
    public Deps visit(Expr.Declare e, At at) {
        Env env = at.env();
        for (Expr.Declarator d : e.declarators()) {
            Deps init = d.initializer() == null ? null : eval(d.initializer(), env, at.control());
            Var v = state.declare(d.local());
            if (init != null) {
                state.define(d.site(), v, d.local().range(), init.data(), init.control(), env, at.control());
            } else {
                state.occurrence(d.local().range(), v, List.of(), true);
            }
        }
        return Deps.NONE;
    }

    @Override
    public Deps visit(Expr.SwitchValue e, At at) {
        Env env = at.env();
        Deps selector = eval(e.selector(), env, at.control());
        Jumps.YieldCollector values = new Jumps.YieldCollector(new Jumps.Target(false, null));
        state.yields.push(values);
        state.targets.push(values.target);
        List<Env> ends = new ArrayList<>();
        List<Env> exits = statements.arms(e.arms(), env, Deps.union(at.control(), selector.all()), values, ends);
        exits.addAll(values.exits);
        Env after = state.join(exits);
        state.guardJumps(ends, env, selector.all(), after);
        state.targets.pop();
        state.yields.pop();
        after.forget(values.target);
        env.replaceWith(after);
        return new Deps(values.data, Deps.union(values.control, selector.all()));
    }

    @Override
    public Deps visit(Expr.InstanceOf e, At at) {
        Deps d = eval(e.value(), at.env(), at.control());
        if (e.pattern() != null) {
            Var v = state.declare(e.pattern().local());
            state.define(e.pattern(), v, e.pattern().range(), d.data(), d.control(), at.env(), at.control());
        }
        return d;
    }
}
