package liftsys.ir.lower;

/** One method per kind of {@link Stmt}, with an argument of the visitor's choice. */
public interface StmtVisitor<R, A> {
    R visit(Stmt.Block s, A arg);

    R visit(Stmt.Eval s, A arg);

    R visit(Stmt.If s, A arg);

    R visit(Stmt.Loop s, A arg);

    R visit(Stmt.Labeled s, A arg);

    R visit(Stmt.Switch s, A arg);

    R visit(Stmt.Return s, A arg);

    R visit(Stmt.Throw s, A arg);

    R visit(Stmt.Break s, A arg);

    R visit(Stmt.Continue s, A arg);

    R visit(Stmt.Yield s, A arg);

    R visit(Stmt.Try s, A arg);

    R visit(Stmt.Synchronized s, A arg);

    R visit(Stmt.Opaque s, A arg);
}
