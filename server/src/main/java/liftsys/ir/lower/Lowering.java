package liftsys.ir.lower;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import liftsys.ir.NodeKind;
import liftsys.ir.SourceFrame;
import liftsys.text.OffsetRange;

/**
 * Lowers one method or constructor (DESIGN.md invariant 8: once; the dependence graph and the
 * instrumenter both read the result). Holds what the statement and expression lowerings share:
 * the scopes, the ranges, and one {@link Local} and one {@link Site} per syntax node, so a node
 * lowered twice (an unresolved assignment target is evaluated after its value) yields the same
 * ones. Not thread-safe: one per method.
 */
public final class Lowering {
    final Names names = new Names();
    final StatementLowering statements;
    final ExpressionLowering expressions;
    private final SourceFrame frame;
    private final int memberStart;
    private final Map<Node, Local> locals = new IdentityHashMap<>();
    private final Map<Node, Site> sites = new IdentityHashMap<>();
    private final List<Site> siteOrder = new ArrayList<>();
    private final List<Site.ReturnValue> returns = new ArrayList<>();

    private Lowering(SourceFrame frame, int memberStart) {
        this.frame = frame;
        this.memberStart = memberStart;
        this.expressions = new ExpressionLowering(this);
        this.statements = new StatementLowering(this);
    }

    /**
     * The lowering of a declaration parsed from {@code frame}'s text, with ranges relative to
     * {@code memberStart} (the method's first character in that text).
     */
    public static LoweredMethod lower(CallableDeclaration<?> declaration, SourceFrame frame, int memberStart) {
        return new Lowering(frame, memberStart).run(declaration);
    }

    private LoweredMethod run(CallableDeclaration<?> declaration) {
        names.open();
        List<Site.Entry> parameters = new ArrayList<>();
        for (Parameter p : declaration.getParameters()) {
            Local local = declare(p, p.getName(), NodeKind.PARAMETER, p.getTypeAsString(), p.isVarArgs());
            parameters.add(site(p, n -> new Site.Entry(local, p)));
        }
        BlockStmt body = declaration instanceof MethodDeclaration m ? m.getBody().orElse(null)
                : ((ConstructorDeclaration) declaration).getBody();
        Stmt.Block lowered = body == null ? null : statements.block(body);
        names.close();
        List<Site> ordered = new ArrayList<>(siteOrder);
        ordered.sort(Comparator.comparingInt(s -> s.range().start()));
        return new LoweredMethod(declaration, List.copyOf(parameters), lowered, List.copyOf(ordered),
                List.copyOf(returns));
    }

    OffsetRange range(Node node) {
        return frame.rangeOf(node).shift(-memberStart);
    }

    Expr expression(Expression e) {
        return e == null ? null : e.accept(expressions, null);
    }

    /** The local a declaration node declares (the same one each time), now in scope. */
    Local declare(Node declaration, SimpleName name, NodeKind kind, String type, boolean varArgs) {
        Local local = locals.computeIfAbsent(declaration,
                d -> new Local(name.asString(), kind, range(name), type, varArgs));
        names.declare(local);
        return local;
    }

    /** The site of a node, made once. */
    @SuppressWarnings("unchecked")
    <S extends Site> S site(Node node, Function<Node, S> make) {
        Site site = sites.get(node);
        if (site == null) {
            site = make.apply(node);
            sites.put(node, site);
            siteOrder.add(site);
        }
        return (S) site;
    }

    Site.ReturnValue returnSite(Site.ReturnValue site) {
        returns.add(site);
        return site;
    }
}
