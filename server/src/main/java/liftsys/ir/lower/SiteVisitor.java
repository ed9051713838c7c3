package liftsys.ir.lower;

/** One method per kind of {@link Site}; {@code X} is what a visit may throw. */
public interface SiteVisitor<R, X extends Exception> {
    R visit(Site.Entry site) throws X;

    R visit(Site.Declarator site) throws X;

    R visit(Site.Write site) throws X;

    R visit(Site.CatchParameter site) throws X;

    R visit(Site.PatternVariable site) throws X;

    R visit(Site.ReturnValue site) throws X;
}
