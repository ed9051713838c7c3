package liftsys.ir.lower;

import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import java.util.List;

/**
 * A statement of a lowered method, in the shape of the syntax tree: statement lists stay lists,
 * so the instrumenter can put code before or after any of them. Names are resolved, definition
 * sites are typed, and each construct that decides whether code runs (a condition, a loop, a
 * switch arm, a jump) is a record of its own. {@code node} is the statement as it sits in its
 * list (with its labels). Optional parts are null when absent.
 */
public sealed interface Stmt {
    Statement node();

    <R, A> R accept(StmtVisitor<R, A> visitor, A arg);

    /** A block: its statements run in order; its declarations end with it. */
    record Block(BlockStmt node, List<Stmt> statements) implements Stmt {
        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /**
     * Expressions evaluated for their effects, in order: an expression statement, an assertion's
     * check, the arguments of {@code this(...)} or {@code super(...)}.
     */
    record Eval(Statement node, List<Expr> expressions) implements Stmt {
        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** {@code if}: the condition decides which branch runs; {@code otherwise} may be null. */
    record If(IfStmt node, Expr condition, Stmt then, Stmt otherwise) implements Stmt {
        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /**
     * A loop. {@code loop} is the loop statement itself ({@code node} is the labelled statement
     * when a label is on it). {@code init} and {@code update} are a {@code for}'s; {@code iterable}
     * and {@code element} an enhanced {@code for}'s; {@code condition} is null for an enhanced or
     * condition-less {@code for}. {@code mayEndAtCondition} is false where only a jump can end it
     * ({@code while (true)}, {@code for (;;)}).
     */
    record Loop(Statement node, Kind kind, Statement loop, String label, List<Expr> init, Expr condition,
                boolean mayEndAtCondition, List<Expr> update, Expr iterable, Site.Declarator element, Stmt body)
            implements Stmt {
        /** Which loop: the order in which its parts run differs. */
        public enum Kind { WHILE, DO, FOR, FOR_EACH }

        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** A labelled statement that is not a loop: {@code break label} leaves it. */
    record Labeled(LabeledStmt node, String label, Stmt body) implements Stmt {
        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** A switch statement: the selector decides which arm runs. */
    record Switch(SwitchStmt node, Expr selector, List<Arm> arms) implements Stmt {
        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /**
     * One arm of a switch statement or expression. {@code isDefault} when it has no label or
     * {@code default}; {@code guard} is a pattern's {@code when} condition; {@code value} is the
     * expression of an arrow arm of a switch expression ({@code case 1 -> x + 1}), and then
     * {@code statements} is empty.
     */
    record Arm(SwitchEntry node, boolean isDefault, Expr guard, Expr value, List<Stmt> statements) {
        /** Whether control falls through to the next arm ({@code case 1: ...} without a jump). */
        public boolean fallsThrough() {
            return node.getType() == SwitchEntry.Type.STATEMENT_GROUP;
        }
    }

    /** {@code return}, with its value and the site that defines the return node (both null when bare). */
    record Return(ReturnStmt node, Expr value, Site.ReturnValue site) implements Stmt {
        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    record Throw(ThrowStmt node, Expr value) implements Stmt {
        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** {@code break}, {@code label} null when it has none. */
    record Break(BreakStmt node, String label) implements Stmt {
        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** {@code continue}, {@code label} null when it has none. */
    record Continue(ContinueStmt node, String label) implements Stmt {
        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** {@code yield} out of a switch expression's arm. */
    record Yield(YieldStmt node, Expr value) implements Stmt {
        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** {@code try}: resources, the block, its catch clauses and the finally block (null when none). */
    record Try(TryStmt node, List<Expr> resources, Block body, List<Catch> catches, Block finallyBlock)
            implements Stmt {
        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** A catch clause: the exception's site and the handler. */
    record Catch(CatchClause node, Site.CatchParameter parameter, Block body) {
    }

    record Synchronized(SynchronizedStmt node, Expr lock, Stmt body) implements Stmt {
        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }

    /** A statement that defines nothing of the method: a local class or record, an empty statement. */
    record Opaque(Statement node) implements Stmt {
        @Override
        public <R, A> R accept(StmtVisitor<R, A> visitor, A arg) {
            return visitor.visit(this, arg);
        }
    }
}
