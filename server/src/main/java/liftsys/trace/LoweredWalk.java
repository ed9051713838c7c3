package liftsys.trace;

import java.util.List;
import liftsys.ir.lower.Expr;
import liftsys.ir.lower.ExprVisitor;
import liftsys.ir.lower.Stmt;
import liftsys.ir.lower.StmtVisitor;

/**
 * Visits every statement and expression of a lowered method, parents before children, in source
 * order. Lambda bodies and anonymous class members are not entered: what runs there is not the
 * method's flow, and a name there may mean something else. Stateless apart from its listener.
 */
final class LoweredWalk implements StmtVisitor<Void, Void>, ExprVisitor<Void, Void> {
    /** What the walk reports. */
    interface Listener {
        default void statement(Stmt s) {
        }

        default void expression(Expr e) {
        }
    }

    private final Listener listener;

    private LoweredWalk(Listener listener) {
        this.listener = listener;
    }

    static void walk(Stmt root, Listener listener) {
        new LoweredWalk(listener).stmt(root);
    }

    private void stmt(Stmt s) {
        if (s != null) {
            listener.statement(s);
            s.accept(this, null);
        }
    }

    private void expr(Expr e) {
        if (e != null) {
            listener.expression(e);
            e.accept(this, null);
        }
    }

    private void stmts(List<? extends Stmt> all) {
        all.forEach(this::stmt);
    }

    private void exprs(List<? extends Expr> all) {
        all.forEach(this::expr);
    }

    private void arms(List<Stmt.Arm> arms) {
        for (Stmt.Arm arm : arms) {
            expr(arm.guard());
            expr(arm.value());
            stmts(arm.statements());
        }
    }

    // ---- statements

    @Override
    public Void visit(Stmt.Block s, Void arg) {
        stmts(s.statements());
        return null;
    }

    @Override
    public Void visit(Stmt.Eval s, Void arg) {
        exprs(s.expressions());
        return null;
    }

    @Override
    public Void visit(Stmt.If s, Void arg) {
        expr(s.condition());
        stmt(s.then());
        stmt(s.otherwise());
        return null;
    }

    @Override
    public Void visit(Stmt.Loop s, Void arg) {
        exprs(s.init());
        expr(s.condition());
        expr(s.iterable());
        stmt(s.body());
        exprs(s.update());
        return null;
    }

    @Override
    public Void visit(Stmt.Labeled s, Void arg) {
        stmt(s.body());
        return null;
    }

    @Override
    public Void visit(Stmt.Switch s, Void arg) {
        expr(s.selector());
        arms(s.arms());
        return null;
    }

    @Override
    public Void visit(Stmt.Return s, Void arg) {
        expr(s.value());
        return null;
    }

    @Override
    public Void visit(Stmt.Throw s, Void arg) {
        expr(s.value());
        return null;
    }

    @Override
    public Void visit(Stmt.Break s, Void arg) {
        return null;
    }

    @Override
    public Void visit(Stmt.Continue s, Void arg) {
        return null;
    }

    @Override
    public Void visit(Stmt.Yield s, Void arg) {
        expr(s.value());
        return null;
    }

    @Override
    public Void visit(Stmt.Try s, Void arg) {
        exprs(s.resources());
        stmt(s.body());
        for (Stmt.Catch c : s.catches()) {
            stmt(c.body());
        }
        stmt(s.finallyBlock());
        return null;
    }

    @Override
    public Void visit(Stmt.Synchronized s, Void arg) {
        expr(s.lock());
        stmt(s.body());
        return null;
    }

    @Override
    public Void visit(Stmt.Opaque s, Void arg) {
        return null;
    }

    // ---- expressions

    @Override
    public Void visit(Expr.Read e, Void arg) {
        return null;
    }

    @Override
    public Void visit(Expr.Literal e, Void arg) {
        return null;
    }

    @Override
    public Void visit(Expr.Compute e, Void arg) {
        exprs(e.operands());
        return null;
    }

    @Override
    public Void visit(Expr.MemberRead e, Void arg) {
        expr(e.scope());
        return null;
    }

    @Override
    public Void visit(Expr.Binary e, Void arg) {
        expr(e.left());
        expr(e.right());
        return null;
    }

    @Override
    public Void visit(Expr.ShortCircuit e, Void arg) {
        expr(e.left());
        expr(e.right());
        return null;
    }

    @Override
    public Void visit(Expr.Unary e, Void arg) {
        expr(e.operand());
        return null;
    }

    @Override
    public Void visit(Expr.Choice e, Void arg) {
        expr(e.condition());
        expr(e.then());
        expr(e.otherwise());
        return null;
    }

    @Override
    public Void visit(Expr.Assign e, Void arg) {
        exprs(e.indexes());
        expr(e.value());
        expr(e.unresolved());
        return null;
    }

    @Override
    public Void visit(Expr.Increment e, Void arg) {
        exprs(e.indexes());
        expr(e.unresolved());
        return null;
    }

    @Override
    public Void visit(Expr.Call e, Void arg) {
        expr(e.scope());
        exprs(e.arguments());
        return null;
    }

    @Override
    public Void visit(Expr.Capture e, Void arg) {
        return null;
    }

    @Override
    public Void visit(Expr.Declare e, Void arg) {
        for (Expr.Declarator d : e.declarators()) {
            expr(d.initializer());
        }
        return null;
    }

    @Override
    public Void visit(Expr.SwitchValue e, Void arg) {
        expr(e.selector());
        arms(e.arms());
        return null;
    }

    @Override
    public Void visit(Expr.InstanceOf e, Void arg) {
        expr(e.value());
        return null;
    }
}
