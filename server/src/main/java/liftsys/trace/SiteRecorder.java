package liftsys.trace;

import com.github.javaparser.ast.ArrayCreationLevel;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.Type;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import liftsys.ir.lower.Site;
import liftsys.ir.lower.SiteVisitor;

/**
 * Rewrites each site of the traced copy so the value it gives its variable is recorded right
 * after it happens (and changed first where an intervention hooks it): after the statement when
 * the site is a whole statement, else inline around the expression. Records that go after or
 * at the start of a statement are collected and put in place by {@link #finish}, so the nodes
 * of later sites stay where the lowering found them. Sites are rewritten in source order; one
 * recorder per instrumentation.
 */
final class SiteRecorder implements SiteVisitor<Void, TraceException> {
    private final Slots slots;
    private final HookPlan hooks;
    private final Map<Site, Expression> bases = new IdentityHashMap<>();
    private final Map<Statement, List<Statement>> after = new IdentityHashMap<>();
    private final Map<BlockStmt, List<Statement>> atStart = new IdentityHashMap<>();

    SiteRecorder(Slots slots, HookPlan hooks) {
        this.slots = slots;
        this.hooks = hooks;
        // The expressions that read written variables, taken before any rewrite moves them.
        for (Site site : slots.sites()) {
            if (site instanceof Site.Write w) {
                bases.put(site, w.base().clone());
            }
        }
    }

    void recordAll() throws TraceException {
        for (Site site : slots.sites()) {
            site.accept(this);
        }
    }

    /** Puts the collected records after their statements and at the start of their blocks. */
    void finish() {
        after.forEach(Rewrites::insertAfter);
        atStart.forEach((block, records) -> block.getStatements().addAll(0, records));
    }

    private Statement recordStatement(Site site, Expression value) {
        return Rewrites.recordStatement(slots.slot(site), slots.variable(site), value);
    }

    private void later(Statement s, Statement record) {
        after.computeIfAbsent(s, k -> new ArrayList<>()).add(record);
    }

    private void first(BlockStmt block, Statement record) {
        atStart.computeIfAbsent(block, k -> new ArrayList<>()).add(0, record);
    }

    /** Parameters are recorded on entry ({@link EntryRecords}). */
    @Override
    public Void visit(Site.Entry site) {
        return null;
    }

    @Override
    public Void visit(Site.Declarator site) throws TraceException {
        VariableDeclarator vd = site.node();
        Node context = vd.getParentNode().orElseThrow().getParentNode().orElseThrow();
        NameExpr name = new NameExpr(vd.getNameAsString());
        int slot = slots.slot(site);
        if (hooks.hooks(slot)) {
            // Detached first: replacing an initializer clears the parent of the old one, which would
            // leave a site inside it (int j = i++) without one.
            Expression init = vd.getInitializer().orElseThrow();
            vd.removeInitializer();
            vd.setInitializer(Rewrites.hook(slot, Rewrites.castIfPrimitive(vd.getType(), init)));
        }
        if (context instanceof ExpressionStmt es) {
            later(es, recordStatement(site, name));
        } else if (context instanceof ForEachStmt fe) {
            first(Rewrites.blockBody(fe), recordStatement(site, name));
        } else if (context instanceof ForStmt || context instanceof TryStmt) {
            Expression init = vd.getInitializer().orElseThrow();
            MethodCallExpr call = Rewrites.record("a", slot, slots.variable(site));
            vd.setInitializer(call);
            Expression value = init;
            if (init instanceof ArrayInitializerExpr ai) {
                Type type = vd.getType();
                NodeList<ArrayCreationLevel> levels = new NodeList<>();
                for (int i = 0; i < type.getArrayLevel(); i++) {
                    levels.add(new ArrayCreationLevel());
                }
                value = new ArrayCreationExpr(type.getElementType().clone(), levels, ai);
            }
            call.addArgument(context instanceof ForStmt ? Rewrites.castIfPrimitive(vd.getType(), value) : value);
        } else {
            throw new TraceException(TraceException.Reason.UNSUPPORTED,
                    "a declaration of " + vd.getNameAsString() + " in this place cannot be traced yet");
        }
        return null;
    }

    @Override
    public Void visit(Site.Write site) {
        Expression base = bases.get(site);
        Expression defining = site.defining();
        int slot = slots.slot(site);
        int variable = slots.variable(site);
        Node parent = defining.getParentNode().orElseThrow();
        if (parent instanceof ExpressionStmt es && !Rewrites.isSwitchExpressionValue(es)) {
            if (hooks.hooks(slot)) {
                later(es, new ExpressionStmt(new AssignExpr(base.clone(), Rewrites.hook(slot, base.clone()),
                        AssignExpr.Operator.ASSIGN)));
            }
            later(es, recordStatement(site, base));
            return null;
        }
        NodeList<Expression> forList = parent instanceof ForStmt f ? forListHolding(f, defining) : null;
        if (forList != null) {
            // Init and update are lists of statement expressions: a record can follow the
            // definition there, which also works when it is a call returning nothing. (A site in
            // the condition is wrapped like any other expression.)
            forList.add(Rewrites.indexOfIdentity(forList, defining) + 1, Rewrites.record("a", slot, variable, base));
            return null;
        }
        MethodCallExpr call;
        if (!site.direct()) {
            call = new MethodCallExpr(new NameExpr(Rewrites.REC), "m");
            defining.replace(call);
            call.setArguments(NodeList.nodeList(defining, Rewrites.intLiteral(slot), Rewrites.intLiteral(variable),
                    base));
        } else if (defining instanceof UnaryExpr u && u.isPostfix()) {
            call = Rewrites.record("p", slot, variable);
            defining.replace(call);
            call.addArgument(defining);
            call.addArgument(base);
        } else {
            call = Rewrites.record("a", slot, variable);
            defining.replace(call);
            call.addArgument(defining);
        }
        return null;
    }

    /** The initialization or update list of a for loop that holds the expression, or null. */
    private static NodeList<Expression> forListHolding(ForStmt f, Expression e) {
        for (NodeList<Expression> list : List.of(f.getInitialization(), f.getUpdate())) {
            if (list.stream().anyMatch(x -> x == e)) {
                return list;
            }
        }
        return null;
    }

    @Override
    public Void visit(Site.CatchParameter site) {
        Parameter p = site.node();
        CatchClause c = (CatchClause) p.getParentNode().orElseThrow();
        first(c.getBody(), recordStatement(site, new NameExpr(p.getNameAsString())));
        return null;
    }

    @Override
    public Void visit(Site.PatternVariable site) throws TraceException {
        TypePatternExpr tp = site.node();
        Node holder = tp.getParentNode().orElseThrow();
        if (!(holder instanceof InstanceOfExpr io)) {
            throw new TraceException(TraceException.Reason.UNSUPPORTED, "nested patterns cannot be traced yet");
        }
        EnclosedExpr replacement = new EnclosedExpr();
        io.replace(replacement);
        replacement.setInner(new BinaryExpr(io, Rewrites.record("t", slots.slot(site), slots.variable(site),
                new NameExpr(tp.getNameAsString())), BinaryExpr.Operator.AND));
        return null;
    }

    /** Return statements are recorded by {@link Instrumenter}, all into the one return slot. */
    @Override
    public Void visit(Site.ReturnValue site) {
        return null;
    }
}
