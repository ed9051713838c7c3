package liftsys.ir.lower;

/** One method per kind of {@link Expr}, with an argument of the visitor's choice. */
public interface ExprVisitor<R, A> {
    R visit(Expr.Read e, A arg);

    R visit(Expr.Literal e, A arg);

    R visit(Expr.Compute e, A arg);

    R visit(Expr.MemberRead e, A arg);

    R visit(Expr.Binary e, A arg);

    R visit(Expr.ShortCircuit e, A arg);

    R visit(Expr.Unary e, A arg);

    R visit(Expr.Choice e, A arg);

    R visit(Expr.Assign e, A arg);

    R visit(Expr.Increment e, A arg);

    R visit(Expr.Call e, A arg);

    R visit(Expr.Capture e, A arg);

    R visit(Expr.Declare e, A arg);

    R visit(Expr.SwitchValue e, A arg);

    R visit(Expr.InstanceOf e, A arg);
}
