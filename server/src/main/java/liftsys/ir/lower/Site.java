package liftsys.ir.lower;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import liftsys.text.OffsetRange;

/**
 * A place in the method where a variable may get a value: the dependence analysis makes a
 * definition there (or folds it into its loop's summary), and the instrumenter records the value
 * there. Each holds the syntax node it stands for, so the instrumenter rewrites that very node;
 * {@code range} (relative to the method's start) is the defined name, or the return statement.
 * A loop summary is no site of its own: it stands for the sites of one variable inside a
 * {@link Stmt.Loop}. Sites hold syntax nodes, whose {@code equals} is structural: key maps by
 * identity.
 */
public sealed interface Site {
    OffsetRange range();

    /** The syntax node the site rewrites. */
    Node node();

    <R, X extends Exception> R accept(SiteVisitor<R, X> visitor) throws X;

    /** A parameter's value on entry. */
    record Entry(Local local, Parameter node) implements Site {
        @Override
        public OffsetRange range() {
            return local.range();
        }

        @Override
        public <R, X extends Exception> R accept(SiteVisitor<R, X> visitor) throws X {
            return visitor.visit(this);
        }
    }

    /** A local declared with an initializer, or the element variable of an enhanced {@code for}. */
    record Declarator(Local local, VariableDeclarator node) implements Site {
        @Override
        public OffsetRange range() {
            return local.range();
        }

        @Override
        public <R, X extends Exception> R accept(SiteVisitor<R, X> visitor) throws X {
            return visitor.visit(this);
        }
    }

    /**
     * A write of a local or field: an assignment, an increment or decrement, or a call on a mutable
     * local that may store its arguments in it. {@code base} reads the variable ({@code x} or
     * {@code this.x}), {@code defining} is the expression that changes it; {@code direct} is false
     * when an element or member of the variable is written, or it is the receiver of a call.
     */
    record Write(VarRef variable, OffsetRange range, Expression base, Expression defining, How how, boolean direct)
            implements Site {
        /** How the write happens. */
        public enum How { ASSIGNMENT, INCREMENT, RECEIVER }

        @Override
        public Node node() {
            return defining;
        }

        @Override
        public <R, X extends Exception> R accept(SiteVisitor<R, X> visitor) throws X {
            return visitor.visit(this);
        }
    }

    /** The exception a catch clause binds. */
    record CatchParameter(Local local, Parameter node) implements Site {
        @Override
        public OffsetRange range() {
            return local.range();
        }

        @Override
        public <R, X extends Exception> R accept(SiteVisitor<R, X> visitor) throws X {
            return visitor.visit(this);
        }
    }

    /** The variable of a type pattern, {@code o instanceof String s}. */
    record PatternVariable(Local local, TypePatternExpr node) implements Site {
        @Override
        public OffsetRange range() {
            return local.range();
        }

        @Override
        public <R, X extends Exception> R accept(SiteVisitor<R, X> visitor) throws X {
            return visitor.visit(this);
        }
    }

    /** A return statement with a value: every one of them defines the method's one return node. */
    record ReturnValue(ReturnStmt node, OffsetRange range) implements Site {
        @Override
        public <R, X extends Exception> R accept(SiteVisitor<R, X> visitor) throws X {
            return visitor.visit(this);
        }
    }
}
