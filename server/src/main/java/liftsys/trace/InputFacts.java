package liftsys.trace;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.AssertStmt;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import liftsys.ir.NodeKind;
import liftsys.ir.lower.Expr;
import liftsys.ir.lower.Local;
import liftsys.ir.lower.LoweredMethod;
import liftsys.ir.lower.Stmt;
import liftsys.ir.lower.VarRef;
import liftsys.wire.Wire;

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
 * {@code a}, and {@code a[15]} asks for lengths beyond 15; two arrays read with the same local
 * index are drawn with equal lengths, and an array read with a loop's index as long as the loop's
 * bound ({@code for (j = 0; j < SIZE; j++) ... a[j]}).</li>
 * </ul>
 * Constants that are not literals ({@code LIMIT}, {@code Other.MAX}, {@code 2 * LIMIT}) are
 * evaluated in the worker, by javac's own name resolution: the traced copy gets a method
 * {@value #CONSTANTS_METHOD}{@code (int)} that returns each as a double ({@link #constantsMethod}).
 * Only parameters and fields that the method never assigns are described: a guard on a
 * reassigned variable says nothing of its value on entry.
 */
final class InputFacts {
    static final String CONSTANTS_METHOD = Wire.CONSTANTS_METHOD;
    private static final double LARGEST_MARK = Wire.LARGEST_MARK;
    private static final Pattern ACCEPTING_CHECK = Pattern.compile(
            "checkArgument|checkState|check|isTrue|require|requires|assertTrue|validState|checkCondition|verify");
    private static final Pattern EQUAL_LENGTH_CHECK = Pattern.compile("(?i)check(Equal|Same)Length|checkDimension"
            + "|checkLengths?|(equal|same)Lengths?");
    private static final Pattern POSITIVE_CHECK = Pattern.compile("(?i)(check|require)(Strictly)?Positive");
    private static final Pattern NON_NEGATIVE_CHECK = Pattern.compile("(?i)(check|require)(Non|Not)Negative");

    private final FactTerms terms;
    private final LinkedHashSet<Wire.Fact> facts = new LinkedHashSet<>();
    private final LinkedHashMap<String, Integer> constants = new LinkedHashMap<>();

    private InputFacts(FactTerms terms) {
        this.terms = terms;
    }

    /**
     * The facts of a method whose inputs are {@code inputs} (parameters in order, then fields, as
     * {@link EntryRecords} made them). Read it before the syntax tree is rewritten.
     */
    static InputFacts of(LoweredMethod lowering, List<Wire.InputSpec> inputs, Map<String, String> inputTypes,
                         FieldLookup fields) {
        InputFacts out = new InputFacts(new FactTerms(lowering, inputs, inputTypes, fields));
        Map<VarRef, Set<Integer>> indexedBy = new LinkedHashMap<>();
        Map<VarRef, LoopBound> loopBounds = new LinkedHashMap<>();
        LoweredWalk.walk(lowering.body(), new LoweredWalk.Listener() {
            @Override
            public void statement(Stmt s) {
                out.guard(s);
                out.loopBound(s, loopBounds);
            }

            @Override
            public void expression(Expr e) {
                out.use(e, indexedBy);
            }
        });
        for (Set<Integer> arrays : indexedBy.values()) {
            List<Integer> together = List.copyOf(arrays);
            for (int k = 1; k < together.size(); k++) {
                out.add(Wire.FactKind.EQUALS, together.get(k), true, new FactTerms.Term(together.get(0), true, null, 0),
                        false);
            }
        }
        indexedBy.forEach((index, arrays) -> {
            LoopBound bound = loopBounds.get(index);
            if (bound != null) {
                arrays.forEach(array -> out.boundedLoop(array, bound));
            }
        });
        return out;
    }

    /** A loop's {@code j < bound} (or {@code j <= bound} when {@code inclusive}) on a local index j. */
    private record LoopBound(FactTerms.Term bound, boolean inclusive) {
    }

    /** Remembers the bound of a loop counting a local up: {@code for (...; j < N; ...)}. */
    private void loopBound(Stmt s, Map<VarRef, LoopBound> bounds) {
        if (!(s instanceof Stmt.Loop loop) || loop.condition() == null
                || !(FactTerms.unwrap(loop.condition()) instanceof Expr.Binary c)) {
            return;
        }
        BinaryExpr.Operator op = c.node().getOperator();
        boolean upward = op == BinaryExpr.Operator.LESS || op == BinaryExpr.Operator.LESS_EQUALS;
        if (upward && FactTerms.unwrap(c.left()) instanceof Expr.Read r && r.variable() instanceof Local local
                && local.kind() == NodeKind.LOCAL) {
            FactTerms.Term bound = terms.term(c.right());
            if (bound != null) {
                bounds.putIfAbsent(local, new LoopBound(bound, op == BinaryExpr.Operator.LESS_EQUALS));
            }
        }
    }

    /**
     * An array read with a loop's index: as long as the loop's bound, whether that is a constant
     * ({@code j < SIZE}), another array's length ({@code j < a.length}) or a count ({@code j < n},
     * which must then stay within the array).
     */
    private void boundedLoop(int array, LoopBound loop) {
        FactTerms.Term bound = loop.bound();
        int extra = loop.inclusive() ? 1 : 0;
        if (bound.isConstant()) {
            add(Wire.FactKind.AT_LEAST, array, true, bound.plus(extra), false);
        } else if (bound.isPureInput() && bound.length() && bound.input() != array && bound.offset() == 0) {
            add(Wire.FactKind.EQUALS, array, true, bound, false);
        } else if (bound.isPureInput() && !bound.length() && terms.isNumeric(bound.input())) {
            add(Wire.FactKind.AT_MOST, bound.input(), false, new FactTerms.Term(array, true, null, -extra - bound.offset()),
                    false);
        }
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
            FactTerms.Term a = terms.term(args.get(0));
            FactTerms.Term b = terms.term(args.get(1));
            if (a != null && b != null && a.isInput() && b.isInput() && !a.length() && !b.length()
                    && terms.isArray(a.input()) && terms.isArray(b.input())) {
                add(Wire.FactKind.EQUALS, a.input(), true, new FactTerms.Term(b.input(), true, null, 0), true);
            }
        } else if (POSITIVE_CHECK.matcher(name).matches() || NON_NEGATIVE_CHECK.matcher(name).matches()) {
            FactTerms.Term x = terms.term(args.get(0));
            if (x != null && x.isInput() && !x.length() && terms.isNumeric(x.input()) && x.offset() == 0) {
                Wire.FactKind kind = POSITIVE_CHECK.matcher(name).matches() ? Wire.FactKind.ABOVE
                        : Wire.FactKind.AT_LEAST;
                add(kind, x.input(), false, FactTerms.Term.literal(0), true);
            }
        }
    }

    /** The condition holds for every input the method accepts. */
    private void accept(Expr condition, boolean hard) {
        Expr c = FactTerms.unwrap(condition);
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
        Expr c = FactTerms.unwrap(condition);
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
        FactTerms.Term left = terms.term(comparison.left());
        FactTerms.Term right = terms.term(comparison.right());
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
    private void bound(Wire.FactKind kind, FactTerms.Term input, FactTerms.Term other, boolean hard) {
        if (!comparable(input, kind) || !comparable(other, kind)) {
            return;
        }
        // input + a OP other + b  is  input OP other + (b - a)
        add(kind, input.input(), input.length(), other.plus(-input.offset()), hard);
    }

    /** Whether a side can be compared as a number: == and != also compare objects, which say nothing here. */
    private boolean comparable(FactTerms.Term t, Wire.FactKind kind) {
        if (kind != Wire.FactKind.EQUALS && kind != Wire.FactKind.NOT_EQUALS) {
            return true;
        }
        return !t.isInput() || t.length() || terms.isNumeric(t.input());
    }

    // ---- uses

    private void use(Expr e, Map<VarRef, Set<Integer>> indexedBy) {
        if (e instanceof Expr.Binary comparison && kindOf(comparison.node().getOperator()) != null) {
            FactTerms.Term left = terms.term(comparison.left());
            FactTerms.Term right = terms.term(comparison.right());
            if (left != null && right != null) {
                mark(left, right);
                mark(right, left);
            }
        }
        if (e instanceof Expr.Compute read && read.node().isArrayAccessExpr() && read.operands().size() == 2) {
            FactTerms.Term array = terms.term(read.operands().get(0));
            if (array == null || !array.isInput() || array.length() || array.offset() != 0
                    || !terms.isArray(array.input())) {
                return;
            }
            FactTerms.Term index = terms.term(read.operands().get(1));
            if (index != null && index.isInput() && !index.length() && terms.isNumeric(index.input())) {
                add(Wire.FactKind.INDEX, index.input(), false,
                        new FactTerms.Term(array.input(), false, null, index.offset()), false);
            } else if (index != null && index.isLiteral() && index.offset() >= 0) {
                // a[15] is read: a must be longer than 15, at least where the read runs.
                add(Wire.FactKind.ABOVE, array.input(), true, index, false);
            }
            Expr i = FactTerms.unwrap(read.operands().get(1));
            if (i instanceof Expr.Read r && r.variable() instanceof Local local && local.kind() == NodeKind.LOCAL) {
                indexedBy.computeIfAbsent(local, k -> new LinkedHashSet<>()).add(array.input());
            }
        }
    }

    /** A comparison of an input with a constant: draw on both sides of the constant. */
    private void mark(FactTerms.Term input, FactTerms.Term constant) {
        if (input.isInput() && constant.isConstant() && comparable(input, Wire.FactKind.EQUALS)) {
            add(Wire.FactKind.MARK, input.input(), input.length(), constant.plus(-input.offset()), false);
        }
    }

    private void add(Wire.FactKind kind, int input, boolean inputLength, FactTerms.Term other, boolean hard) {
        if (other.isInput() && other.input() == input && other.length() == inputLength) {
            return;
        }
        if (kind == Wire.FactKind.MARK && other.isLiteral() && Math.abs(other.offset()) > LARGEST_MARK) {
            return;
        }
        // A constant gets its place in the constants method only with a fact that uses it.
        int constant = other.constant() == null ? -1 : constants.computeIfAbsent(other.constant(),
                t -> constants.size());
        facts.add(new Wire.Fact(kind, input, inputLength, other.input(), other.length(), constant,
                other.offset(), hard));
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
