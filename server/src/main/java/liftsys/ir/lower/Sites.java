package liftsys.ir.lower;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The sites where variables get values inside a lowered statement or expression, in source
 * order, each once (return sites are not variables' and are left out). A walk of the lowering,
 * not of the syntax tree: the sites are the lowering's own.
 */
public final class Sites implements StmtVisitor<Void, Void>, ExprVisitor<Void, Void> {
    private final Set<Site> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Site> found = new ArrayList<>();

    private Sites() {
    }

    public static List<Site> within(Stmt s) {
        Sites sites = new Sites();
        sites.stmt(s);
        return sites.sorted();
    }

    public static List<Site> within(Expr e) {
        Sites sites = new Sites();
        sites.expr(e);
        return sites.sorted();
    }

    private List<Site> sorted() {
        found.sort(Comparator.comparingInt(s -> s.range().start()));
        return found;
    }

    private void add(Site site) {
        if (site != null && seen.add(site)) {
            found.add(site);
        }
    }

    private void stmt(Stmt s) {
        if (s != null) {
            s.accept(this, null);
        }
    }

    private void stmts(List<? extends Stmt> list) {
        list.forEach(this::stmt);
    }

    private void expr(Expr e) {
        if (e != null) {
            e.accept(this, null);
        }
    }

    private void exprs(List<? extends Expr> list) {
        list.forEach(this::expr);
    }

    private void arms(List<Stmt.Arm> arms) {
        for (Stmt.Arm arm : arms) {
            expr(arm.guard());
            expr(arm.value());
            stmts(arm.statements());
        }
    }

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
        add(s.element());
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
            add(c.parameter());
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
        add(e.target());
        expr(e.unresolved());
        return null;
    }

    @Override
    public Void visit(Expr.Increment e, Void arg) {
        exprs(e.indexes());
        add(e.target());
        expr(e.unresolved());
        return null;
    }

    @Override
    public Void visit(Expr.Call e, Void arg) {
        expr(e.scope());
        exprs(e.arguments());
        add(e.receiver());
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
            add(d.site());
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
        add(e.pattern());
        return null;
    }
}
