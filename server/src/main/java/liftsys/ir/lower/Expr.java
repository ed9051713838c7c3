package liftsys.ir.lower;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import java.util.List;
import liftsys.text.OffsetRange;

/**
 * An expression of a lowered method: what it reads, what it defines, and where the value it
 * yields is chosen by a condition. Operators and literals are kept (through {@code node}), so a
 * comparison with a constant can be read off a condition. Optional parts are null when absent.
 */
public sealed interface Expr {
    /** The syntax node: an expression, or the body a lambda or an anonymous class member captures from. */
    Node node();

    <R, A> R accept(ExprVisitor<R, A> visitor, A arg);

    /** A read of a variable by its name ({@code x}) or through {@code this} ({@code this.x}); {@code range} is the name's. */
    record Read(Expression node, VarRef variable, OffsetRange range) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** A literal: depends on nothing; its value is in {@code node}. */
    record Literal(LiteralExpr node) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /**
     * A value computed from its operands, evaluated in order: a cast, parentheses, an array read,
     * an array or object creation, a method reference, {@code this}, a type name (no operands).
     */
    record Compute(Expression node, List<Expr> operands) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** A member of something other than {@code this} ({@code p.x}, {@code Limits.MAX}): depends on its scope. */
    record MemberRead(FieldAccessExpr node, Expr scope) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** A binary operation that evaluates both operands (the operator is the node's; never {@code &&} or {@code ||}). */
    record Binary(BinaryExpr node, Expr left, Expr right) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** {@code &&} or {@code ||}: the right operand runs only as the left one says. */
    record ShortCircuit(BinaryExpr node, Expr left, Expr right) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** A unary operation other than an increment or decrement ({@code -x}, {@code !b}, {@code ~m}). */
    record Unary(UnaryExpr node, Expr operand) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** {@code c ? a : b}: the condition chooses the value. */
    record Choice(ConditionalExpr node, Expr condition, Expr then, Expr otherwise) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /**
     * An assignment. {@code indexes} are the array indexes of the target, outermost first;
     * {@code target} is the write site, or null when the target is no variable of the method
     * ({@code f().x = 1}), and then {@code unresolved} is the target as an expression, evaluated
     * after the value. {@code keepsOld} when the new value depends on the old one (a compound
     * assignment, or a write of an element or member).
     */
    record Assign(AssignExpr node, List<Expr> indexes, Expr value, Site.Write target, boolean keepsOld,
                  Expr unresolved) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /**
     * {@code ++} or {@code --}, prefix or postfix ({@code node.isPostfix()}); {@code indexes},
     * {@code target} and {@code unresolved} as for {@link Assign}.
     */
    record Increment(UnaryExpr node, List<Expr> indexes, Site.Write target, Expr unresolved) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /**
     * A method call: its value depends on the receiver and the arguments. {@code receiver} is the
     * write site when the call may store its arguments in a mutable local it is called on.
     */
    record Call(MethodCallExpr node, Expr scope, List<Expr> arguments, Site.Write receiver) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /**
     * A lambda body or a member of an anonymous class: its value depends on the method's variables
     * it uses ({@code reads}); what it does inside is not the method's flow.
     */
    record Capture(Node node, List<Read> reads) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** A local variable declaration: its declarators, in order. */
    record Declare(VariableDeclarationExpr node, List<Declarator> declarators) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** One declared local, with its initializer and site (both null when it has no initializer). */
    record Declarator(Local local, Expr initializer, Site.Declarator site) {
    }

    /** A switch expression: the selector chooses the arm whose value or {@code yield} it takes. */
    record SwitchValue(SwitchExpr node, Expr selector, List<Stmt.Arm> arms) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** {@code v instanceof T} with the site of its pattern variable, or null when it binds none. */
    record InstanceOf(InstanceOfExpr node, Expr value, Site.PatternVariable pattern) implements Expr {
        @Override
        public <R, A> R accept(ExprVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }
}
