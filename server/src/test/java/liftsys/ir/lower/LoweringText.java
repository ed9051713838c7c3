package liftsys.ir.lower;

import com.github.javaparser.ast.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import liftsys.ir.Definition;
import liftsys.ir.flow.MethodAnalysis;
import liftsys.ir.flow.Region;

/**
 * A lowering written out for fixtures: its sites with the definitions they make, its regions,
 * the conditions that decide what runs (operators and constants included), and the shape of its
 * statements.
 */
final class LoweringText {
    private LoweringText() {
    }

    /** Every site in source order, as "kind name=definition" ("-" where it defines nothing). */
    static String sites(MethodAnalysis analysis) {
        List<Site> all = new ArrayList<>(analysis.lowering().sites());
        all.addAll(analysis.lowering().returns());
        all.sort(Comparator.comparingInt(s -> s.range().start()));
        return all.stream().map(s -> s.accept(new SiteName()) + "="
                + analysis.definitionAt(s).map(Definition::id).orElse("-")).collect(Collectors.joining(", "));
    }

    /** Each region as "placement anchor: definitions". */
    static String regions(MethodAnalysis analysis) {
        if (analysis.regions().isEmpty()) {
            return "(none)";
        }
        return analysis.regions().stream().map(r -> placement(r) + " " + kind(r.anchor().node()) + ": "
                + r.sites().stream().map(s -> analysis.definitionAt(s).orElseThrow().id())
                .collect(Collectors.joining(" "))).collect(Collectors.joining(" | "));
    }

    private static String placement(Region r) {
        return r.placement().name().toLowerCase().replace('_', '-');
    }

    private static String kind(Node n) {
        String name = n.getClass().getSimpleName().replace("Stmt", "");
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** Every condition, selector and iterable that decides what runs, in the order of the tree. */
    static String conditions(LoweredMethod method) {
        List<String> out = new ArrayList<>();
        new Conditions(out).stmt(method.body());
        return out.isEmpty() ? "(none)" : String.join(" | ", out);
    }

    static String shape(LoweredMethod method) {
        return new Shape().stmt(method.body());
    }

    static String expr(Expr e) {
        return e == null ? "-" : e.accept(new ExprText(), null);
    }

    private static final class SiteName implements SiteVisitor<String, RuntimeException> {
        private static String name(VarRef v) {
            return v instanceof FieldRef f ? "this." + f.name() : v.name();
        }

        @Override
        public String visit(Site.Entry site) {
            return "entry " + site.local().name();
        }

        @Override
        public String visit(Site.Declarator site) {
            return "declarator " + site.local().name();
        }

        @Override
        public String visit(Site.Write site) {
            String how = site.how().name().toLowerCase();
            boolean element = !site.direct() && site.how() != Site.Write.How.RECEIVER;
            return how + (element ? " (element) " : " ") + name(site.variable());
        }

        @Override
        public String visit(Site.CatchParameter site) {
            return "catch " + site.local().name();
        }

        @Override
        public String visit(Site.PatternVariable site) {
            return "pattern " + site.local().name();
        }

        @Override
        public String visit(Site.ReturnValue site) {
            return "return";
        }
    }

    /** Expressions with their operators, reads and constants. */
    private static final class ExprText implements ExprVisitor<String, Void> {
        private String all(List<? extends Expr> list) {
            return list.stream().map(LoweringText::expr).collect(Collectors.joining(", "));
        }

        @Override
        public String visit(Expr.Read e, Void arg) {
            return e.variable() instanceof FieldRef f ? "this." + f.name() : e.variable().name();
        }

        @Override
        public String visit(Expr.Literal e, Void arg) {
            return e.node().toString();
        }

        @Override
        public String visit(Expr.Compute e, Void arg) {
            if (e.operands().isEmpty()) {
                return e.node().toString();
            }
            String name = e.node().getClass().getSimpleName().replace("Expr", "");
            return Character.toLowerCase(name.charAt(0)) + name.substring(1) + "(" + all(e.operands()) + ")";
        }

        @Override
        public String visit(Expr.MemberRead e, Void arg) {
            return expr(e.scope()) + "." + e.node().getNameAsString();
        }

        @Override
        public String visit(Expr.Binary e, Void arg) {
            return "(" + expr(e.left()) + " " + e.node().getOperator().asString() + " " + expr(e.right()) + ")";
        }

        @Override
        public String visit(Expr.ShortCircuit e, Void arg) {
            return "(" + expr(e.left()) + " " + e.node().getOperator().asString() + " " + expr(e.right()) + ")";
        }

        @Override
        public String visit(Expr.Unary e, Void arg) {
            return e.node().getOperator().asString() + expr(e.operand());
        }

        @Override
        public String visit(Expr.Choice e, Void arg) {
            return "(" + expr(e.condition()) + " ? " + expr(e.then()) + " : " + expr(e.otherwise()) + ")";
        }

        @Override
        public String visit(Expr.Assign e, Void arg) {
            return e.node().getTarget() + " " + e.node().getOperator().asString() + " " + expr(e.value());
        }

        @Override
        public String visit(Expr.Increment e, Void arg) {
            return e.node().toString();
        }

        @Override
        public String visit(Expr.Call e, Void arg) {
            return (e.scope() == null ? "" : expr(e.scope()) + ".") + e.node().getNameAsString() + "("
                    + all(e.arguments()) + ")";
        }

        @Override
        public String visit(Expr.Capture e, Void arg) {
            return "capture(" + all(e.reads()) + ")";
        }

        @Override
        public String visit(Expr.Declare e, Void arg) {
            return e.declarators().stream().map(d -> d.local().name()
                    + (d.initializer() == null ? "" : " = " + expr(d.initializer()))).collect(Collectors.joining(", "));
        }

        @Override
        public String visit(Expr.SwitchValue e, Void arg) {
            return "switch(" + expr(e.selector()) + ")";
        }

        @Override
        public String visit(Expr.InstanceOf e, Void arg) {
            return expr(e.value()) + " instanceof " + e.node().getType().asString()
                    + (e.pattern() == null ? "" : " " + e.pattern().local().name());
        }
    }

    /** Statements as nested kinds: {@code {decl; if{..}{..}; return}}. */
    private static final class Shape implements StmtVisitor<String, Void> {
        String stmt(Stmt s) {
            return s == null ? "-" : s.accept(this, null);
        }

        private String list(List<Stmt> list) {
            return "{" + list.stream().map(this::stmt).collect(Collectors.joining("; ")) + "}";
        }

        @Override
        public String visit(Stmt.Block s, Void arg) {
            return list(s.statements());
        }

        @Override
        public String visit(Stmt.Eval s, Void arg) {
            if (s.expressions().isEmpty()) {
                return kind(s.node());
            }
            return s.expressions().stream().map(LoweringText::expr).collect(Collectors.joining(", "));
        }

        @Override
        public String visit(Stmt.If s, Void arg) {
            return "if " + stmt(s.then()) + (s.otherwise() == null ? "" : " else " + stmt(s.otherwise()));
        }

        @Override
        public String visit(Stmt.Loop s, Void arg) {
            String element = s.element() == null ? "" : " " + s.element().local().name();
            return (s.label() == null ? "" : s.label() + ": ") + s.kind().name().toLowerCase().replace('_', '-')
                    + element + " " + stmt(s.body());
        }

        @Override
        public String visit(Stmt.Labeled s, Void arg) {
            return s.label() + ": " + stmt(s.body());
        }

        @Override
        public String visit(Stmt.Switch s, Void arg) {
            return "switch " + arms(s.arms());
        }

        static String arms(List<Stmt.Arm> arms) {
            Shape shape = new Shape();
            return "[" + arms.stream().map(a -> (a.isDefault() ? "default" : "case")
                    + (a.value() != null ? " -> " + expr(a.value()) : (a.fallsThrough() ? ": " : " -> ")
                    + shape.list(a.statements()))).collect(Collectors.joining(", ")) + "]";
        }

        @Override
        public String visit(Stmt.Return s, Void arg) {
            return "return" + (s.value() == null ? "" : " " + expr(s.value()));
        }

        @Override
        public String visit(Stmt.Throw s, Void arg) {
            return "throw";
        }

        @Override
        public String visit(Stmt.Break s, Void arg) {
            return "break" + (s.label() == null ? "" : " " + s.label());
        }

        @Override
        public String visit(Stmt.Continue s, Void arg) {
            return "continue" + (s.label() == null ? "" : " " + s.label());
        }

        @Override
        public String visit(Stmt.Yield s, Void arg) {
            return "yield " + expr(s.value());
        }

        @Override
        public String visit(Stmt.Try s, Void arg) {
            return "try " + stmt(s.body()) + s.catches().stream().map(c -> " catch " + c.parameter().local().name() + " "
                    + stmt(c.body())).collect(Collectors.joining()) + (s.finallyBlock() == null ? ""
                    : " finally " + stmt(s.finallyBlock()));
        }

        @Override
        public String visit(Stmt.Synchronized s, Void arg) {
            return "synchronized " + stmt(s.body());
        }

        @Override
        public String visit(Stmt.Opaque s, Void arg) {
            return "opaque";
        }
    }

    /** Walks statements and the expressions in them for what decides control. */
    private static final class Conditions implements StmtVisitor<Void, Void> {
        private final List<String> out;

        Conditions(List<String> out) {
            this.out = out;
        }

        void stmt(Stmt s) {
            if (s != null) {
                s.accept(this, null);
            }
        }

        @Override
        public Void visit(Stmt.Block s, Void arg) {
            s.statements().forEach(this::stmt);
            return null;
        }

        @Override
        public Void visit(Stmt.Eval s, Void arg) {
            return null;
        }

        @Override
        public Void visit(Stmt.If s, Void arg) {
            out.add("if " + expr(s.condition()));
            stmt(s.then());
            stmt(s.otherwise());
            return null;
        }

        @Override
        public Void visit(Stmt.Loop s, Void arg) {
            String kind = s.kind().name().toLowerCase().replace('_', '-');
            out.add(kind + " " + (s.kind() == Stmt.Loop.Kind.FOR_EACH ? expr(s.iterable()) : expr(s.condition()))
                    + (s.mayEndAtCondition() ? "" : " (forever)"));
            stmt(s.body());
            return null;
        }

        @Override
        public Void visit(Stmt.Labeled s, Void arg) {
            stmt(s.body());
            return null;
        }

        @Override
        public Void visit(Stmt.Switch s, Void arg) {
            out.add("switch " + expr(s.selector()));
            s.arms().forEach(a -> a.statements().forEach(this::stmt));
            return null;
        }

        @Override
        public Void visit(Stmt.Return s, Void arg) {
            return null;
        }

        @Override
        public Void visit(Stmt.Throw s, Void arg) {
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
            return null;
        }

        @Override
        public Void visit(Stmt.Try s, Void arg) {
            stmt(s.body());
            s.catches().forEach(c -> stmt(c.body()));
            stmt(s.finallyBlock());
            return null;
        }

        @Override
        public Void visit(Stmt.Synchronized s, Void arg) {
            stmt(s.body());
            return null;
        }

        @Override
        public Void visit(Stmt.Opaque s, Void arg) {
            return null;
        }
    }
}
