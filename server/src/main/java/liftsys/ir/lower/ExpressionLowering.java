package liftsys.ir.lower;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.visitor.GenericVisitorWithDefaults;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import liftsys.ir.NodeKind;
import liftsys.text.OffsetRange;

/**
 * Lowers expressions. Sub-expressions are lowered in the order the analysis evaluates them
 * (an assignment's indexes, then its value, then its target), because a pattern variable enters
 * the scope where it is met. Anything without a visit of its own (casts, parentheses, array
 * reads, method references, {@code this}) is a {@link Expr.Compute} of its sub-expressions.
 */
final class ExpressionLowering extends GenericVisitorWithDefaults<Expr, Void> {
    private static final Set<String> IMMUTABLE_TYPES = Set.of("String", "Integer", "Long", "Double", "Float",
            "Short", "Byte", "Character", "Boolean", "BigDecimal", "BigInteger", "Optional", "LocalDate",
            "LocalDateTime", "LocalTime", "Instant", "Duration", "UUID", "Number", "CharSequence");
    /** Methods that only read their receiver: a call to one with arguments does not redefine it. */
    private static final Set<String> QUERY_METHODS = Set.of("equals", "equalsIgnoreCase", "compareTo", "compare",
            "get", "getOrDefault", "contains", "containsKey", "containsValue", "containsAll", "indexOf",
            "lastIndexOf", "charAt", "startsWith", "endsWith", "matches", "test", "apply", "applyAsInt",
            "applyAsLong", "applyAsDouble", "subList", "substring");

    private final Lowering lowering;

    ExpressionLowering(Lowering lowering) {
        this.lowering = lowering;
    }

    private Expr lower(Expression e) {
        return lowering.expression(e);
    }

    private List<Expr> lowerAll(List<? extends Expression> expressions) {
        List<Expr> out = new ArrayList<>();
        expressions.forEach(e -> out.add(lower(e)));
        return out;
    }

    @Override
    public Expr defaultAction(Node n, Void arg) {
        if (n instanceof LiteralExpr literal) {
            return new Expr.Literal(literal);
        }
        List<Expr> operands = new ArrayList<>();
        for (Node child : n.getChildNodes()) {
            if (child instanceof Expression sub) {
                operands.add(lower(sub));
            }
        }
        return new Expr.Compute((Expression) n, operands);
    }

    @Override
    public Expr visit(NameExpr n, Void arg) {
        VarRef v = lowering.names.resolve(n);
        return v == null ? new Expr.Compute(n, List.of()) : new Expr.Read(n, v, lowering.range(n));
    }

    @Override
    public Expr visit(FieldAccessExpr fa, Void arg) {
        if (fa.getScope() instanceof ThisExpr t && t.getTypeName().isEmpty()) {
            return new Expr.Read(fa, new FieldRef(fa.getNameAsString()), lowering.range(fa.getName()));
        }
        return new Expr.MemberRead(fa, lower(fa.getScope()));
    }

    @Override
    public Expr visit(BinaryExpr b, Void arg) {
        Expr left = lower(b.getLeft());
        Expr right = lower(b.getRight());
        boolean shortCircuit = b.getOperator() == BinaryExpr.Operator.AND || b.getOperator() == BinaryExpr.Operator.OR;
        return shortCircuit ? new Expr.ShortCircuit(b, left, right) : new Expr.Binary(b, left, right);
    }

    @Override
    public Expr visit(ConditionalExpr c, Void arg) {
        Expr condition = lower(c.getCondition());
        Expr then = lower(c.getThenExpr());
        return new Expr.Choice(c, condition, then, lower(c.getElseExpr()));
    }

    @Override
    public Expr visit(AssignExpr a, Void arg) {
        Expression target = a.getTarget();
        List<Expr> indexes = new ArrayList<>();
        Expression base = target;
        while (base instanceof ArrayAccessExpr access) {
            indexes.add(lower(access.getIndex()));
            base = access.getName();
        }
        boolean elementOrMember = base != target;
        if (base instanceof FieldAccessExpr fa && !(fa.getScope() instanceof ThisExpr)) {
            elementOrMember = true;
            base = fa.getScope();
        }
        Expr value = lower(a.getValue());
        boolean keepsOld = a.getOperator() != AssignExpr.Operator.ASSIGN || elementOrMember;
        Written written = written(base);
        if (written == null) {
            return new Expr.Assign(a, indexes, value, null, keepsOld, lower(target));
        }
        boolean direct = !elementOrMember;
        Site.Write site = lowering.site(a, n -> new Site.Write(written.variable, written.range, written.base, a,
                Site.Write.How.ASSIGNMENT, direct));
        return new Expr.Assign(a, indexes, value, site, keepsOld, null);
    }

    @Override
    public Expr visit(UnaryExpr u, Void arg) {
        if (!isIncrement(u)) {
            return new Expr.Unary(u, lower(u.getExpression()));
        }
        Expression base = u.getExpression();
        List<Expr> indexes = new ArrayList<>();
        while (base instanceof ArrayAccessExpr access) {
            indexes.add(lower(access.getIndex()));
            base = access.getName();
        }
        Written written = written(base);
        if (written == null) {
            return new Expr.Increment(u, indexes, null, lower(u.getExpression()));
        }
        boolean direct = base == u.getExpression();
        Site.Write site = lowering.site(u, n -> new Site.Write(written.variable, written.range, written.base, u,
                Site.Write.How.INCREMENT, direct));
        return new Expr.Increment(u, indexes, site, null);
    }

    private static boolean isIncrement(UnaryExpr u) {
        UnaryExpr.Operator op = u.getOperator();
        return op == UnaryExpr.Operator.PREFIX_INCREMENT || op == UnaryExpr.Operator.PREFIX_DECREMENT
                || op == UnaryExpr.Operator.POSTFIX_INCREMENT || op == UnaryExpr.Operator.POSTFIX_DECREMENT;
    }

    @Override
    public Expr visit(MethodCallExpr call, Void arg) {
        Expr scope = null;
        Site.Write receiver = null;
        if (call.getScope().isPresent()) {
            Expression s = call.getScope().get();
            scope = lower(s);
            if (s instanceof NameExpr n && !QUERY_METHODS.contains(call.getNameAsString())) {
                Local local = lowering.names.local(n.getNameAsString());
                if (local != null && !IMMUTABLE_TYPES.contains(local.declaredType())) {
                    OffsetRange range = lowering.range(n);
                    receiver = lowering.site(call, c -> new Site.Write(local, range, n, call, Site.Write.How.RECEIVER,
                            false));
                }
            }
        }
        return new Expr.Call(call, scope, lowerAll(call.getArguments()), receiver);
    }

    @Override
    public Expr visit(ObjectCreationExpr oc, Void arg) {
        List<Expr> operands = new ArrayList<>();
        oc.getScope().ifPresent(s -> operands.add(lower(s)));
        operands.addAll(lowerAll(oc.getArguments()));
        oc.getAnonymousClassBody().ifPresent(body -> {
            // The class's own fields are its members' names too, not the method's variables.
            Set<String> fields = new HashSet<>();
            body.forEach(member -> member.ifFieldDeclaration(f -> f.getVariables()
                    .forEach(v -> fields.add(v.getNameAsString()))));
            body.forEach(member -> operands.add(capture(member, fields)));
        });
        return new Expr.Compute(oc, operands);
    }

    @Override
    public Expr visit(ArrayCreationExpr ac, Void arg) {
        List<Expr> operands = new ArrayList<>();
        ac.getLevels().forEach(level -> level.getDimension().ifPresent(d -> operands.add(lower(d))));
        ac.getInitializer().ifPresent(i -> operands.add(lower(i)));
        return new Expr.Compute(ac, operands);
    }

    @Override
    public Expr visit(LambdaExpr l, Void arg) {
        return capture(l.getBody(), Set.of());
    }

    /**
     * The method's variables a lambda body or an anonymous class member uses: every name in it
     * that it does not declare itself (nor its class, {@code ownFields}), resolved in the scopes
     * around it.
     */
    private Expr.Capture capture(Node body, Set<String> ownFields) {
        Set<String> declaredInside = new HashSet<>(ownFields);
        body.walk(Parameter.class, p -> declaredInside.add(p.getNameAsString()));
        body.walk(VariableDeclarator.class, v -> declaredInside.add(v.getNameAsString()));
        if (body.getParentNode().orElse(null) instanceof LambdaExpr l) {
            l.getParameters().forEach(p -> declaredInside.add(p.getNameAsString()));
        }
        List<Expr.Read> reads = new ArrayList<>();
        body.walk(NameExpr.class, n -> {
            if (!declaredInside.contains(n.getNameAsString())) {
                VarRef v = lowering.names.resolve(n);
                if (v != null) {
                    reads.add(new Expr.Read(n, v, lowering.range(n)));
                }
            }
        });
        return new Expr.Capture(body, reads);
    }

    @Override
    public Expr visit(VariableDeclarationExpr vd, Void arg) {
        List<Expr.Declarator> declarators = new ArrayList<>();
        for (VariableDeclarator d : vd.getVariables()) {
            Expr init = d.getInitializer().map(this::lower).orElse(null);
            Local local = lowering.declare(d, d.getName(), NodeKind.LOCAL, d.getTypeAsString(), false);
            Site.Declarator site = init == null ? null : lowering.site(d, n -> new Site.Declarator(local, d));
            declarators.add(new Expr.Declarator(local, init, site));
        }
        return new Expr.Declare(vd, declarators);
    }

    @Override
    public Expr visit(SwitchExpr sw, Void arg) {
        Expr selector = lower(sw.getSelector());
        return new Expr.SwitchValue(sw, selector, lowering.statements.arms(sw.getEntries(), true));
    }

    @Override
    public Expr visit(InstanceOfExpr io, Void arg) {
        Expr value = lower(io.getExpression());
        Site.PatternVariable pattern = null;
        if (io.getPattern().orElse(null) instanceof TypePatternExpr tp) {
            Local local = lowering.declare(tp, tp.getName(), NodeKind.LOCAL, tp.getTypeAsString(), false);
            pattern = lowering.site(tp, n -> new Site.PatternVariable(local, tp));
        }
        return new Expr.InstanceOf(io, value, pattern);
    }

    /**
     * The variable an assignment or increment writes: a name, {@code this.x}, or either in
     * parentheses; null when it is none of the method's variables.
     */
    private Written written(Expression base) {
        if (base instanceof NameExpr n) {
            VarRef v = lowering.names.resolve(n);
            return v == null ? null : new Written(v, lowering.range(n), n);
        }
        if (base instanceof FieldAccessExpr fa && fa.getScope() instanceof ThisExpr t && t.getTypeName().isEmpty()) {
            return new Written(new FieldRef(fa.getNameAsString()), lowering.range(fa.getName()), fa);
        }
        if (base instanceof EnclosedExpr en) {
            return written(en.getInner());
        }
        return null;
    }

    /** A written variable, the range of its name there, and the expression that reads it. */
    private record Written(VarRef variable, OffsetRange range, Expression base) {
    }
}
