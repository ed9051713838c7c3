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
import com.github.javaparser.ast.stmt.AssertStmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import liftsys.ir.NodeKind;
import liftsys.ir.lower.Expr;
import liftsys.ir.lower.FieldRef;
import liftsys.ir.lower.Local;
import liftsys.ir.lower.LoweredMethod;
import liftsys.ir.lower.Site;
import liftsys.ir.lower.Stmt;
import liftsys.ir.lower.VarRef;

/**
 * What a method's code says of the values its inputs must take, read off its lowering before the
 * instrumenter rewrites it: the worker draws inputs with these facts first and learns the rest
 * from which runs complete ({@link DrawPlan}).
 * <ul>
 * <li>Guard clauses, hard facts: {@code if (C) throw ...} (C must be false), {@code if (C) ... else
 * throw ...}, {@code assert C}, and check helpers ({@code checkArgument(C)}, {@code isTrue(C)},
 * {@code checkPositive(x)}, {@code checkEqualLength(a, b)}, ...). A condition is split on
 * {@code &&} (accepted) or {@code ||} (rejected) into comparisons of an input (a parameter or a
 * sampled field, or an array's {@code length}, plus or minus a literal) with a constant or with
 * another input.</li>
 * <li>Comparisons elsewhere mark the constant, so the input is drawn on both sides of it.</li>
 * <li>Uses, soft facts: {@code a[i]} with {@code i} a parameter makes {@code i} an index into
 * {@code a}; two arrays read with the same local index are drawn with equal lengths.</li>
 * </ul>
 * Constants that are not literals ({@code LIMIT}, {@code Other.MAX}, {@code 2 * LIMIT}) are
 * evaluated in the worker, by javac's own name resolution: the traced copy gets a method
 * {@value #CONSTANTS_METHOD}{@code (int)} that returns each as a double ({@link #constantsMethod}).
 * Only parameters and fields that the method never assigns are described: a guard on a
 * reassigned variable says nothing of its value on entry.
 */
final class InputFacts {
    static final String CONSTANTS_METHOD = Wire.CONSTANTS_METHOD;
    private static final double LARGEST_MARK = ShapeFacts.LARGEST_MARK;
    private static final Pattern ACCEPTING_CHECK = Pattern.compile(
            "checkArgument|checkState|check|isTrue|require|requires|assertTrue|validState|checkCondition|verify");
    private static final Pattern EQUAL_LENGTH_CHECK = Pattern.compile("(?i)check(Equal|Same)Length|checkDimension"
            + "|checkLengths?|(equal|same)Lengths?");
    private static final Pattern POSITIVE_CHECK = Pattern.compile("(?i)(check|require)(Strictly)?Positive");
    private static final Pattern NON_NEGATIVE_CHECK = Pattern.compile("(?i)(check|require)(Non|Not)Negative");
    private static final Set<String> NUMERIC_TYPES = Set.of("byte", "short", "int", "long", "float", "double", "char",
            "Byte", "Short", "Integer", "Long", "Float", "Double", "Character");

    private final List<Wire.InputSpec> inputs;
    private final Map<String, String> inputTypes;
    private final FieldLookup fields;
    private final Map<Local, Integer> parameters = new HashMap<>();
    private final Set<VarRef> written = new HashSet<>();
    private final LinkedHashSet<Wire.Fact> facts = new LinkedHashSet<>();
    private final LinkedHashMap<String, Integer> constants = new LinkedHashMap<>();

    /**
     * One side of a comparison: an input (or its length), a constant (an expression for the
     * constants method, or none when the value is a literal), or both (a static field, which the
     * worker samples unless it is final), plus a literal offset.
     */
    private record Term(int input, boolean length, String constant, double offset) {
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

    private InputFacts(List<Wire.InputSpec> inputs, Map<String, String> inputTypes, FieldLookup fields) {
        this.inputs = inputs;
        this.inputTypes = inputTypes;
        this.fields = fields;
    }

    /**
     * The facts of a method whose inputs are {@code inputs} (parameters in order, then fields, as
     * {@link EntryRecords} made them). Read it before the syntax tree is rewritten.
     */
    static InputFacts of(LoweredMethod lowering, List<Wire.InputSpec> inputs, Map<String, String> inputTypes,
                         FieldLookup fields) {
        InputFacts out = new InputFacts(inputs, inputTypes, fields);
        for (Site.Entry entry : lowering.parameters()) {
            for (int k = 0; k < inputs.size(); k++) {
                if (!inputs.get(k).field() && inputs.get(k).name().equals(entry.local().name())) {
                    out.parameters.put(entry.local(), k);
                }
            }
        }
        for (Site site : lowering.sites()) {
            if (site instanceof Site.Write w && w.direct()) {
                out.written.add(w.variable());
            }
        }
        Map<VarRef, Set<Integer>> indexedBy = new LinkedHashMap<>();
        LoweredWalk.walk(lowering.body(), new LoweredWalk.Listener() {
            @Override
            public void statement(Stmt s) {
                out.guard(s);
            }

            @Override
            public void expression(Expr e) {
                out.use(e, indexedBy);
            }
        });
        for (Set<Integer> arrays : indexedBy.values()) {
            List<Integer> together = List.copyOf(arrays);
            for (int k = 1; k < together.size(); k++) {
                out.add(Wire.FactKind.EQUALS, together.get(k), true, new Term(together.get(0), true, null, 0), false);
            }
        }
        return out;
    }

    List<Wire.Fact> facts() {
        return List.copyOf(facts);
    }

    /** How many constants the constants method returns (0: the copy gets none). */
    int constantCount() {
        return constants.size();
    }

    /**
     * The constants method, to put next to the traced copy (same class, so names resolve as they
     * do in the method), or "" when there are none: {@code static double $liftsys$k(int i)} returns
     * constant i as a double. Each is evaluated on its own, so one that throws costs only itself.
     */
    String constantsMethod() {
        if (constants.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("static double " + CONSTANTS_METHOD + "(int i) { switch (i) {");
        for (Map.Entry<String, Integer> c : constants.entrySet()) {
            s.append(" case ").append(c.getValue()).append(": return (double) (").append(c.getKey()).append(");");
        }
        return s.append(" default: return Double.NaN; } }").toString();
    }

    // ---- guard clauses

    private void guard(Stmt s) {
        if (s instanceof Stmt.If branch) {
            if (throwsAlways(branch.then())) {
                reject(branch.condition());
            } else if (branch.otherwise() != null && throwsAlways(branch.otherwise())) {
                accept(branch.condition(), true);
            }
        } else if (s instanceof Stmt.Eval eval && eval.node() instanceof AssertStmt) {
            eval.expressions().forEach(e -> accept(e, true));
        } else if (s instanceof Stmt.Eval eval) {
            for (Expr e : eval.expressions()) {
                if (e instanceof Expr.Call call) {
                    checkCall(call);
                }
            }
        }
    }

    private static boolean throwsAlways(Stmt s) {
        if (s instanceof Stmt.Throw) {
            return true;
        }
        return s instanceof Stmt.Block b && !b.statements().isEmpty()
                && b.statements().get(b.statements().size() - 1) instanceof Stmt.Throw;
    }

    /** A call that throws unless its arguments are valid: {@code checkArgument(C)}, {@code checkPositive(x)}, ... */
    private void checkCall(Expr.Call call) {
        String name = call.node().getNameAsString();
        List<Expr> args = call.arguments();
        if (args.isEmpty()) {
            return;
        }
        if (ACCEPTING_CHECK.matcher(name).matches()) {
            accept(args.get(0), true);
        } else if (EQUAL_LENGTH_CHECK.matcher(name).matches() && args.size() >= 2) {
            Term a = term(args.get(0));
            Term b = term(args.get(1));
            if (a != null && b != null && a.isInput() && b.isInput() && !a.length() && !b.length()
                    && isArray(a.input()) && isArray(b.input())) {
                add(Wire.FactKind.EQUALS, a.input(), true, new Term(b.input(), true, null, 0), true);
            }
        } else if (POSITIVE_CHECK.matcher(name).matches() || NON_NEGATIVE_CHECK.matcher(name).matches()) {
            Term x = term(args.get(0));
            if (x != null && x.isInput() && !x.length() && isNumeric(x.input()) && x.offset() == 0) {
                Wire.FactKind kind = POSITIVE_CHECK.matcher(name).matches() ? Wire.FactKind.ABOVE
                        : Wire.FactKind.AT_LEAST;
                add(kind, x.input(), false, Term.literal(0), true);
            }
        }
    }

    /** The condition holds for every input the method accepts. */
    private void accept(Expr condition, boolean hard) {
        Expr c = unwrap(condition);
        if (c instanceof Expr.ShortCircuit and && and.node().getOperator() == BinaryExpr.Operator.AND) {
            accept(and.left(), hard);
            accept(and.right(), hard);
        } else if (c instanceof Expr.Unary not && not.node().getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            rejectAll(not.operand(), hard);
        } else if (c instanceof Expr.Binary comparison) {
            compare(comparison, false, hard);
        }
    }

    private void reject(Expr condition) {
        rejectAll(condition, true);
    }

    /** The condition fails for every input the method accepts. */
    private void rejectAll(Expr condition, boolean hard) {
        Expr c = unwrap(condition);
        if (c instanceof Expr.ShortCircuit or && or.node().getOperator() == BinaryExpr.Operator.OR) {
            rejectAll(or.left(), hard);
            rejectAll(or.right(), hard);
        } else if (c instanceof Expr.Unary not && not.node().getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            accept(not.operand(), hard);
        } else if (c instanceof Expr.Binary comparison) {
            compare(comparison, true, hard);
        }
    }

    /** A comparison that holds ({@code negated} false) or fails for accepted inputs. */
    private void compare(Expr.Binary comparison, boolean negated, boolean hard) {
        Wire.FactKind kind = kindOf(comparison.node().getOperator());
        if (kind == null) {
            return;
        }
        if (negated) {
            kind = negate(kind);
        }
        Term left = term(comparison.left());
        Term right = term(comparison.right());
        if (left == null || right == null) {
            return;
        }
        // The fact is about a side that is an input and only that (a static field may be a final constant).
        if (left.isPureInput() || (left.isInput() && !right.isPureInput())) {
            bound(kind, left, right, hard);
        } else if (right.isInput()) {
            bound(flip(kind), right, left, hard);
        }
    }

    /** {@code input OP other}: a bound on the input, or a relation between two inputs. */
    private void bound(Wire.FactKind kind, Term input, Term other, boolean hard) {
        if (!comparable(input, kind) || !comparable(other, kind)) {
            return;
        }
        // input + a OP other + b  is  input OP other + (b - a)
        add(kind, input.input(), input.length(), other.plus(-input.offset()), hard);
    }

    /** Whether a side can be compared as a number: == and != also compare objects, which say nothing here. */
    private boolean comparable(Term t, Wire.FactKind kind) {
        if (kind != Wire.FactKind.EQUALS && kind != Wire.FactKind.NOT_EQUALS) {
            return true;
        }
        return !t.isInput() || t.length() || isNumeric(t.input());
    }

    // ---- uses

    private void use(Expr e, Map<VarRef, Set<Integer>> indexedBy) {
        if (e instanceof Expr.Binary comparison && kindOf(comparison.node().getOperator()) != null) {
            Term left = term(comparison.left());
            Term right = term(comparison.right());
            if (left != null && right != null) {
                mark(left, right);
                mark(right, left);
            }
        }
        if (e instanceof Expr.Compute read && read.node().isArrayAccessExpr() && read.operands().size() == 2) {
            Term array = term(read.operands().get(0));
            if (array == null || !array.isInput() || array.length() || array.offset() != 0 || !isArray(array.input())) {
                return;
            }
            Term index = term(read.operands().get(1));
            if (index != null && index.isInput() && !index.length() && isNumeric(index.input())) {
                add(Wire.FactKind.INDEX, index.input(), false, new Term(array.input(), false, null, index.offset()),
                        false);
            }
            Expr i = unwrap(read.operands().get(1));
            if (i instanceof Expr.Read r && r.variable() instanceof Local local && local.kind() == NodeKind.LOCAL) {
                indexedBy.computeIfAbsent(local, k -> new LinkedHashSet<>()).add(array.input());
            }
        }
    }

    /** A comparison of an input with a constant: draw on both sides of the constant. */
    private void mark(Term input, Term constant) {
        if (input.isInput() && constant.isConstant() && comparable(input, Wire.FactKind.EQUALS)) {
            add(Wire.FactKind.MARK, input.input(), input.length(), constant.plus(-input.offset()), false);
        }
    }

    private void add(Wire.FactKind kind, int input, boolean inputLength, Term other, boolean hard) {
        if (other.isInput() && other.input() == input && other.length() == inputLength) {
            return;
        }
        if (kind == Wire.FactKind.MARK && other.isLiteral() && Math.abs(other.offset()) > LARGEST_MARK) {
            return;
        }
        // A constant gets its place in the constants method only with a fact that uses it.
        int constant = other.constant() == null ? -1 : constants.computeIfAbsent(other.constant(),
                t -> constants.size());
        facts.add(new Wire.Fact(kind.ordinal(), input, inputLength, other.input(), other.length(), constant,
                other.offset(), hard));
    }

    // ---- terms

    /** What a side of a comparison is, or null when it is neither an input nor a constant. */
    private Term term(Expr e) {
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
    private java.util.Optional<String> staticFieldType(String name) {
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
            return kindOf(b.node().getOperator()) == null && arithmetic(b.node().getOperator())
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

    private static Expr unwrap(Expr e) {
        Expr x = e;
        while (x instanceof Expr.Compute c && c.node() instanceof EnclosedExpr && c.operands().size() == 1) {
            x = c.operands().get(0);
        }
        return x;
    }

    private boolean isArray(int input) {
        String type = typeOf(input);
        return type.endsWith("[]") || type.endsWith("...");
    }

    private boolean isNumeric(int input) {
        return input >= 0 && NUMERIC_TYPES.contains(typeOf(input));
    }

    private String typeOf(int input) {
        return inputTypes.getOrDefault(inputs.get(input).column(), "?");
    }

    private static Wire.FactKind kindOf(BinaryExpr.Operator op) {
        return switch (op) {
            case LESS -> Wire.FactKind.BELOW;
            case LESS_EQUALS -> Wire.FactKind.AT_MOST;
            case GREATER -> Wire.FactKind.ABOVE;
            case GREATER_EQUALS -> Wire.FactKind.AT_LEAST;
            case EQUALS -> Wire.FactKind.EQUALS;
            case NOT_EQUALS -> Wire.FactKind.NOT_EQUALS;
            default -> null;
        };
    }

    private static Wire.FactKind negate(Wire.FactKind kind) {
        return switch (kind) {
            case BELOW -> Wire.FactKind.AT_LEAST;
            case AT_LEAST -> Wire.FactKind.BELOW;
            case ABOVE -> Wire.FactKind.AT_MOST;
            case AT_MOST -> Wire.FactKind.ABOVE;
            case EQUALS -> Wire.FactKind.NOT_EQUALS;
            case NOT_EQUALS -> Wire.FactKind.EQUALS;
            default -> kind;
        };
    }

    /** The same relation with its sides swapped: {@code a < b} is {@code b > a}. */
    private static Wire.FactKind flip(Wire.FactKind kind) {
        return switch (kind) {
            case BELOW -> Wire.FactKind.ABOVE;
            case ABOVE -> Wire.FactKind.BELOW;
            case AT_MOST -> Wire.FactKind.AT_LEAST;
            case AT_LEAST -> Wire.FactKind.AT_MOST;
            default -> kind;
        };
    }
}
