package liftsys.trace;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import liftsys.ir.lower.Expr;
import liftsys.ir.lower.FieldRef;
import liftsys.ir.lower.Local;
import liftsys.ir.lower.LoweredMethod;
import liftsys.ir.lower.Site;
import liftsys.ir.lower.VarRef;
import liftsys.wire.Wire;

/**
 * The sides of the comparisons {@link InputFacts} reads: what an expression of the lowering is as
 * far as drawing inputs goes. An input is a parameter or a sampled field that the method never
 * assigns (or an array's {@code length}), plus or minus a literal; a constant is a literal or an
 * expression the constants method can compute on its own (static fields by name, other classes'
 * constants, arithmetic on them); anything else is neither.
 */
final class FactTerms {
    private static final Set<String> NUMERIC_TYPES = Set.of("byte", "short", "int", "long", "float", "double", "char",
            "Byte", "Short", "Integer", "Long", "Float", "Double", "Character");

    private final List<Wire.InputSpec> inputs;
    private final Map<String, String> inputTypes;
    private final FieldLookup fields;
    private final Map<Local, Integer> parameters = new HashMap<>();
    private final Set<VarRef> written = new HashSet<>();

    /**
     * One side of a comparison: an input (or its length), a constant (an expression for the
     * constants method, or none when the value is a literal), or both (a static field, which the
     * worker samples unless it is final), plus a literal offset.
     */
    record Term(int input, boolean length, String constant, double offset) {
        static Term literal(double value) {
            return new Term(-1, false, null, value);
        }

        boolean isInput() {
            return input >= 0;
        }

        /** An input and nothing else: the side a fact is about. */
        boolean isPureInput() {
            return input >= 0 && constant == null;
        }

        boolean isConstant() {
            return input < 0 || constant != null;
        }

        boolean isLiteral() {
            return input < 0 && constant == null;
        }

        Term plus(double delta) {
            return new Term(input, length, constant, offset + delta);
        }
    }

    FactTerms(LoweredMethod lowering, List<Wire.InputSpec> inputs, Map<String, String> inputTypes,
              FieldLookup fields) {
        this.inputs = inputs;
        this.inputTypes = inputTypes;
        this.fields = fields;
        for (Site.Entry entry : lowering.parameters()) {
            for (int k = 0; k < inputs.size(); k++) {
                if (!inputs.get(k).field() && inputs.get(k).name().equals(entry.local().name())) {
                    parameters.put(entry.local(), k);
                }
            }
        }
        for (Site site : lowering.sites()) {
            if (site instanceof Site.Write w && w.direct()) {
                written.add(w.variable());
            }
        }
    }

    /** What a side of a comparison is, or null when it is neither an input nor a constant. */
    Term term(Expr e) {
        Expr x = unwrapAll(e);
        if (x instanceof Expr.Literal literal) {
            Double v = literalValue(literal);
            return v == null ? null : Term.literal(v);
        }
        if (x instanceof Expr.Unary u && u.node().getOperator() == UnaryExpr.Operator.MINUS) {
            Term inner = term(u.operand());
            if (inner != null && inner.isLiteral()) {
                return Term.literal(-inner.offset());
            }
        }
        if (x instanceof Expr.Unary u && u.node().getOperator() == UnaryExpr.Operator.PLUS) {
            return term(u.operand());
        }
        if (x instanceof Expr.Read read) {
            Term input = inputTerm(read.variable());
            if (input != null) {
                return input;
            }
        }
        if (x instanceof Expr.MemberRead member && member.node().getNameAsString().equals("length")) {
            Term array = term(member.scope());
            if (array != null && array.isInput() && !array.length() && array.offset() == 0 && isArray(array.input())) {
                return new Term(array.input(), true, null, 0);
            }
        }
        if (x instanceof Expr.Binary b && (b.node().getOperator() == BinaryExpr.Operator.PLUS
                || b.node().getOperator() == BinaryExpr.Operator.MINUS)) {
            double sign = b.node().getOperator() == BinaryExpr.Operator.PLUS ? 1 : -1;
            Term left = term(b.left());
            Term right = term(b.right());
            if (left != null && right != null && left.isPureInput() && right.isLiteral()) {
                return left.plus(sign * right.offset());
            }
            if (left != null && right != null && right.isPureInput() && left.isLiteral() && sign > 0) {
                return right.plus(left.offset());
            }
        }
        if (constantExpression(x)) {
            return new Term(-1, false, x.node().toString(), 0);
        }
        return null;
    }

    /** A parameter or sampled field the method never assigns; a static one is a constant too. */
    private Term inputTerm(VarRef v) {
        if (written.contains(v)) {
            return null;
        }
        if (v instanceof Local local) {
            Integer k = parameters.get(local);
            return k == null ? null : new Term(k, false, null, 0);
        }
        if (v instanceof FieldRef field) {
            int k = fieldInput(field.name());
            String constant = staticFieldType(field.name()).filter(NUMERIC_TYPES::contains).isPresent()
                    ? field.name() : null;
            if (k >= 0) {
                return new Term(k, false, constant, 0);
            }
            return constant != null ? new Term(-1, false, constant, 0) : null;
        }
        return null;
    }

    /** The declared type of a static field the document declares under this name, if any. */
    private Optional<String> staticFieldType(String name) {
        return fields.find(name).filter(FieldLookup.Declared::isStatic).map(FieldLookup.Declared::type);
    }

    private int fieldInput(String name) {
        for (int k = 0; k < inputs.size(); k++) {
            if (inputs.get(k).field() && inputs.get(k).name().equals(name)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Whether the expression is a value the constants method can compute on its own: literals,
     * static fields (of this class, by bare name, when the document declares them static; of
     * another, {@code Type.NAME}), and arithmetic on them. Nothing that reads the method's
     * variables or calls anything.
     */
    private boolean constantExpression(Expr e) {
        Expr x = unwrapAll(e);
        if (x instanceof Expr.Literal literal) {
            return literalValue(literal) != null;
        }
        if (x instanceof Expr.Unary u) {
            UnaryExpr.Operator op = u.node().getOperator();
            return (op == UnaryExpr.Operator.MINUS || op == UnaryExpr.Operator.PLUS
                    || op == UnaryExpr.Operator.BITWISE_COMPLEMENT) && constantExpression(u.operand());
        }
        if (x instanceof Expr.Binary b) {
            return arithmetic(b.node().getOperator())
                    && constantExpression(b.left()) && constantExpression(b.right());
        }
        if (x instanceof Expr.Read read) {
            return read.variable() instanceof FieldRef f && !written.contains(f)
                    && staticFieldType(f.name()).filter(NUMERIC_TYPES::contains).isPresent();
        }
        if (x instanceof Expr.MemberRead member) {
            if (member.node().getNameAsString().equals("length")) {
                Expr scope = unwrap(member.scope());
                return scope instanceof Expr.Read read && read.variable() instanceof FieldRef f
                        && !written.contains(f) && staticFieldType(f.name()).filter(t -> t.endsWith("[]")).isPresent();
            }
            return typeName(member.scope());
        }
        return false;
    }

    /**
     * A type (or package) name: {@code Math}, {@code java.lang.Integer}, {@code Outer.Inner}. The
     * lowering takes any capitalised qualifier for a type; an all-capitals one ({@code CONFIG.max})
     * is more likely a field holding an object, which the static constants method may not reach.
     */
    private static boolean typeName(Expr e) {
        if (e instanceof Expr.Compute c && c.node() instanceof NameExpr n && c.operands().isEmpty()) {
            String name = n.getNameAsString();
            return name.length() < 2 || !name.equals(name.toUpperCase(java.util.Locale.ROOT));
        }
        return e instanceof Expr.MemberRead m && typeName(m.scope());
    }

    private static boolean arithmetic(BinaryExpr.Operator op) {
        return switch (op) {
            case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER, LEFT_SHIFT, SIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT,
                    BINARY_AND, BINARY_OR, XOR -> true;
            default -> false;
        };
    }

    private static Double literalValue(Expr.Literal literal) {
        try {
            if (literal.node() instanceof IntegerLiteralExpr i) {
                return i.asNumber().doubleValue();
            }
            if (literal.node() instanceof LongLiteralExpr l) {
                return l.asNumber().doubleValue();
            }
            if (literal.node() instanceof DoubleLiteralExpr d) {
                return d.asDouble();
            }
            if (literal.node() instanceof CharLiteralExpr c) {
                return (double) c.asChar();
            }
        } catch (RuntimeException malformed) {
            return null;
        }
        return null;
    }

    /** Parentheses and {@code this.} are looked through; casts too, for a term. */
    private static Expr unwrapAll(Expr e) {
        Expr x = unwrap(e);
        while (x instanceof Expr.Compute c && c.node() instanceof CastExpr && c.operands().size() == 1) {
            x = unwrap(c.operands().get(0));
        }
        return x;
    }

    static Expr unwrap(Expr e) {
        Expr x = e;
        while (x instanceof Expr.Compute c && c.node() instanceof EnclosedExpr && c.operands().size() == 1) {
            x = c.operands().get(0);
        }
        return x;
    }

    boolean isArray(int input) {
        String type = typeOf(input);
        return type.endsWith("[]") || type.endsWith("...");
    }

    boolean isNumeric(int input) {
        return input >= 0 && NUMERIC_TYPES.contains(typeOf(input));
    }

    private String typeOf(int input) {
        return inputTypes.getOrDefault(inputs.get(input).column(), "?");
    }
}
