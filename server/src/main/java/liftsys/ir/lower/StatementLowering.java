package liftsys.ir.lower;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import com.github.javaparser.ast.visitor.GenericVisitorWithDefaults;
import java.util.ArrayList;
import java.util.List;
import liftsys.ir.NodeKind;

/**
 * Lowers statements. The argument of each visit is the label of the statement around it, for
 * loops only ({@code l: while (...)} is one labelled loop); anything without a visit of its own
 * (a local class or record, an empty statement) is {@link Stmt.Opaque}.
 */
final class StatementLowering extends GenericVisitorWithDefaults<Stmt, StatementLowering.Head> {
    private final Lowering lowering;

    /** The statement a loop sits in its list as (a labelled statement, or the loop itself) and its label. */
    record Head(Statement node, String label) {
    }

    StatementLowering(Lowering lowering) {
        this.lowering = lowering;
    }

    private Stmt lower(Statement s) {
        return s == null ? null : s.accept(this, null);
    }

    private Expr expression(Expression e) {
        return lowering.expression(e);
    }

    private List<Expr> expressions(List<? extends Expression> list) {
        List<Expr> out = new ArrayList<>();
        list.forEach(e -> out.add(expression(e)));
        return out;
    }

    Stmt.Block block(BlockStmt b) {
        lowering.names.open();
        List<Stmt> statements = new ArrayList<>();
        b.getStatements().forEach(s -> statements.add(lower(s)));
        lowering.names.close();
        return new Stmt.Block(b, statements);
    }

    @Override
    public Stmt defaultAction(Node n, Head head) {
        return new Stmt.Opaque((Statement) n);
    }

    @Override
    public Stmt visit(BlockStmt b, Head head) {
        return block(b);
    }

    @Override
    public Stmt visit(ExpressionStmt s, Head head) {
        return new Stmt.Eval(s, List.of(expression(s.getExpression())));
    }

    @Override
    public Stmt visit(AssertStmt s, Head head) {
        return new Stmt.Eval(s, List.of(expression(s.getCheck())));
    }

    @Override
    public Stmt visit(ExplicitConstructorInvocationStmt s, Head head) {
        List<Expr> parts = new ArrayList<>();
        s.getExpression().ifPresent(e -> parts.add(expression(e)));
        parts.addAll(expressions(s.getArguments()));
        return new Stmt.Eval(s, parts);
    }

    @Override
    public Stmt visit(IfStmt s, Head head) {
        Expr condition = expression(s.getCondition());
        Stmt then = lower(s.getThenStmt());
        return new Stmt.If(s, condition, then, lower(s.getElseStmt().orElse(null)));
    }

    @Override
    public Stmt visit(LabeledStmt s, Head head) {
        String label = s.getLabel().asString();
        Statement inner = s.getStatement();
        if (inner.isWhileStmt() || inner.isDoStmt() || inner.isForStmt() || inner.isForEachStmt()) {
            return inner.accept(this, new Head(s, label));
        }
        return new Stmt.Labeled(s, label, lower(inner));
    }

    // Loops: the parts are lowered in the order they run (a for's update after its body), inside
    // one scope for the header's variables.

    @Override
    public Stmt visit(WhileStmt w, Head head) {
        lowering.names.open();
        Expr condition = expression(w.getCondition());
        Stmt body = lower(w.getBody());
        lowering.names.close();
        return loop(head, w, Stmt.Loop.Kind.WHILE, List.of(), condition, !isTrue(w.getCondition()), List.of(), null,
                null, body);
    }

    @Override
    public Stmt visit(DoStmt d, Head head) {
        lowering.names.open();
        Stmt body = lower(d.getBody());
        Expr condition = expression(d.getCondition());
        lowering.names.close();
        return loop(head, d, Stmt.Loop.Kind.DO, List.of(), condition, !isTrue(d.getCondition()), List.of(), null,
                null, body);
    }

    @Override
    public Stmt visit(ForStmt f, Head head) {
        lowering.names.open();
        List<Expr> init = expressions(f.getInitialization());
        Expr condition = expression(f.getCompare().orElse(null));
        Stmt body = lower(f.getBody());
        List<Expr> update = expressions(f.getUpdate());
        lowering.names.close();
        boolean mayEnd = f.getCompare().isPresent() && !isTrue(f.getCompare().get());
        return loop(head, f, Stmt.Loop.Kind.FOR, init, condition, mayEnd, update, null, null, body);
    }

    @Override
    public Stmt visit(ForEachStmt fe, Head head) {
        lowering.names.open();
        Expr iterable = expression(fe.getIterable());
        VariableDeclarator d = fe.getVariable().getVariables().get(0);
        Local local = lowering.declare(d, d.getName(), NodeKind.LOCAL, d.getTypeAsString(), false);
        Site.Declarator element = lowering.site(d, n -> new Site.Declarator(local, d));
        Stmt body = lower(fe.getBody());
        lowering.names.close();
        return loop(head, fe, Stmt.Loop.Kind.FOR_EACH, List.of(), null, true, List.of(), iterable, element, body);
    }

    private static Stmt.Loop loop(Head head, Statement loop, Stmt.Loop.Kind kind, List<Expr> init, Expr condition,
                                  boolean mayEnd, List<Expr> update, Expr iterable, Site.Declarator element,
                                  Stmt body) {
        Statement node = head == null ? loop : head.node();
        String label = head == null ? null : head.label();
        return new Stmt.Loop(node, kind, loop, label, init, condition, mayEnd, update, iterable, element, body);
    }

    private static boolean isTrue(Expression e) {
        return e.isBooleanLiteralExpr() && e.asBooleanLiteralExpr().getValue();
    }

    @Override
    public Stmt visit(SwitchStmt s, Head head) {
        Expr selector = expression(s.getSelector());
        return new Stmt.Switch(s, selector, arms(s.getEntries(), false));
    }

    /**
     * The arms of a switch statement or expression. A guard is lowered before the arm's scope
     * opens; case labels define nothing. An arrow arm of a switch expression yields its
     * expression's value.
     */
    List<Stmt.Arm> arms(NodeList<SwitchEntry> entries, boolean isExpression) {
        List<Stmt.Arm> arms = new ArrayList<>();
        for (SwitchEntry entry : entries) {
            Expr guard = expression(entry.getGuard().orElse(null));
            lowering.names.open();
            Expr value = null;
            List<Stmt> statements = new ArrayList<>();
            if (isExpression && entry.getType() == SwitchEntry.Type.EXPRESSION) {
                value = expression(entry.getStatements().get(0).asExpressionStmt().getExpression());
            } else {
                entry.getStatements().forEach(st -> statements.add(lower(st)));
            }
            lowering.names.close();
            arms.add(new Stmt.Arm(entry, entry.isDefault() || entry.getLabels().isEmpty(), guard, value, statements));
        }
        return arms;
    }

    @Override
    public Stmt visit(ReturnStmt r, Head head) {
        if (r.getExpression().isEmpty()) {
            return new Stmt.Return(r, null, null);
        }
        Expr value = expression(r.getExpression().get());
        return new Stmt.Return(r, value, lowering.returnSite(new Site.ReturnValue(r, lowering.range(r))));
    }

    @Override
    public Stmt visit(ThrowStmt t, Head head) {
        return new Stmt.Throw(t, expression(t.getExpression()));
    }

    @Override
    public Stmt visit(BreakStmt b, Head head) {
        return new Stmt.Break(b, b.getLabel().map(SimpleName::asString).orElse(null));
    }

    @Override
    public Stmt visit(ContinueStmt c, Head head) {
        return new Stmt.Continue(c, c.getLabel().map(SimpleName::asString).orElse(null));
    }

    @Override
    public Stmt visit(YieldStmt y, Head head) {
        return new Stmt.Yield(y, expression(y.getExpression()));
    }

    @Override
    public Stmt visit(TryStmt t, Head head) {
        lowering.names.open();
        List<Expr> resources = expressions(t.getResources());
        Stmt.Block body = block(t.getTryBlock());
        List<Stmt.Catch> catches = new ArrayList<>();
        for (CatchClause c : t.getCatchClauses()) {
            lowering.names.open();
            Parameter p = c.getParameter();
            Local local = lowering.declare(p, p.getName(), NodeKind.LOCAL, p.getTypeAsString(), false);
            Site.CatchParameter site = lowering.site(p, n -> new Site.CatchParameter(local, p));
            catches.add(new Stmt.Catch(c, site, block(c.getBody())));
            lowering.names.close();
        }
        Stmt.Block finallyBlock = t.getFinallyBlock().map(this::block).orElse(null);
        lowering.names.close();
        return new Stmt.Try(t, resources, body, catches, finallyBlock);
    }

    @Override
    public Stmt visit(SynchronizedStmt s, Head head) {
        Expr lock = expression(s.getExpression());
        return new Stmt.Synchronized(s, lock, lower(s.getBody()));
    }
}
