package liftsys.ir;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.PatternExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liftsys.text.OffsetRange;

/**
 * Builds a method's dependence graph by abstract interpretation of its syntax tree: an
 * environment maps each variable to the definitions that may reach the current point (so an
 * overwritten value reaches nothing), branches join environments, and every definition made
 * under a condition depends on the condition's definitions. Loops are analysed to a fixed point
 * with one summary definition per variable assigned in them, standing for its value after the
 * loop; cycles among summaries are collapsed so the graph stays acyclic. Not thread-safe: one
 * builder per method.
 */
final class GraphBuilder {
    private static final Set<String> IMMUTABLE_TYPES = Set.of("String", "Integer", "Long", "Double", "Float",
            "Short", "Byte", "Character", "Boolean", "BigDecimal", "BigInteger", "Optional", "LocalDate",
            "LocalDateTime", "LocalTime", "Instant", "Duration", "UUID", "Number", "CharSequence");
    /** Methods that only read their receiver: a call to one with arguments does not redefine it. */
    private static final Set<String> QUERY_METHODS = Set.of("equals", "equalsIgnoreCase", "compareTo", "compare",
            "get", "getOrDefault", "contains", "containsKey", "containsValue", "containsAll", "indexOf",
            "lastIndexOf", "charAt", "startsWith", "endsWith", "matches", "test", "apply", "applyAsInt",
            "applyAsLong", "applyAsDouble", "subList", "substring");

    private final SourceFrame frame;
    private final int memberStart;
    private final List<Var> variables = new ArrayList<>();
    private final List<Def> definitions = new ArrayList<>();
    private final Map<Node, Var> localsByDeclaration = new IdentityHashMap<>();
    private final Map<String, Var> fieldsByName = new HashMap<>();
    private final Map<Var, Def> fieldEntries = new HashMap<>();
    private final Map<String, Integer> namesUsed = new HashMap<>();
    private final Map<OffsetRange, Occ> occurrences = new LinkedHashMap<>();
    private final Deque<Map<String, Var>> scopes = new ArrayDeque<>();
    private final Deque<Target> targets = new ArrayDeque<>();
    private final Deque<List<Assignment>> tryLogs = new ArrayDeque<>();
    private final Deque<YieldCollector> yields = new ArrayDeque<>();
    /** What return and throw leave: never on the target stack, so they leave every loop. */
    private final Target method = new Target(false, null);
    private final List<Set<Def>> collapsedGroups = new ArrayList<>();
    private Map<Var, Def> activeSummaries;
    private Var returnVar;
    private Def returnDef;
    private long modifications;
    private int catchDepth;

    private GraphBuilder(SourceFrame frame, int memberStart) {
        this.frame = frame;
        this.memberStart = memberStart;
    }

    static MethodGraph build(CallableDeclaration<?> declaration, SourceFrame frame, int memberStart) {
        return new GraphBuilder(frame, memberStart).run(declaration);
    }

    private MethodGraph run(CallableDeclaration<?> declaration) {
        scopes.push(new HashMap<>());
        Env env = new Env();
        for (Parameter p : declaration.getParameters()) {
            Var v = declare(p, p.getNameAsString(), NodeKind.PARAMETER, p.getName(), p.getTypeAsString());
            Def d = newDef(v, rel(p.getName()), false, "in");
            env.set(v, d);
            occurrence(rel(p.getName()), v, List.of(d), true);
        }
        BlockStmt body = null;
        if (declaration instanceof MethodDeclaration m) {
            body = m.getBody().orElse(null);
        } else if (declaration instanceof ConstructorDeclaration c) {
            body = c.getBody();
        }
        if (body != null) {
            stmt(body, env, Set.of());
        }
        return freeze(declaration.getNameAsString());
    }

    // ---- statements -------------------------------------------------------------------------

    private void stmt(Statement s, Env env, Set<Def> control) {
        if (!env.reachable) {
            return;
        }
        if (s instanceof BlockStmt b) {
            scopes.push(new HashMap<>());
            for (Statement inner : b.getStatements()) {
                stmt(inner, env, control);
            }
            scopes.pop();
        } else if (s instanceof ExpressionStmt e) {
            expr(e.getExpression(), env, control);
        } else if (s instanceof IfStmt i) {
            ifStmt(i, env, control);
        } else if (s instanceof WhileStmt || s instanceof ForStmt || s instanceof ForEachStmt || s instanceof DoStmt) {
            loop(s, null, env, control);
        } else if (s instanceof LabeledStmt l) {
            labeled(l, env, control);
        } else if (s instanceof SwitchStmt sw) {
            switchStmt(sw, env, control);
        } else if (s instanceof ReturnStmt r) {
            returnStmt(r, env, control);
        } else if (s instanceof ThrowStmt t) {
            expr(t.getExpression(), env, control);
            env.endAbruptly(new Jump(method, true));
        } else if (s instanceof BreakStmt b) {
            Target t = breakTarget(b.getLabel().map(Object::toString).orElse(null));
            if (t != null) {
                t.breaks.add(env.copy());
            }
            env.endAbruptly(jumpTo(t, true));
        } else if (s instanceof ContinueStmt c) {
            Target t = continueTarget(c.getLabel().map(Object::toString).orElse(null));
            if (t != null) {
                t.continues.add(env.copy());
            }
            env.endAbruptly(jumpTo(t, false));
        } else if (s instanceof YieldStmt y) {
            yieldStmt(y, env, control);
        } else if (s instanceof TryStmt t) {
            tryStmt(t, env, control);
        } else if (s instanceof SynchronizedStmt sy) {
            expr(sy.getExpression(), env, control);
            stmt(sy.getBody(), env, control);
        } else if (s instanceof ExplicitConstructorInvocationStmt ec) {
            ec.getExpression().ifPresent(e -> expr(e, env, control));
            ec.getArguments().forEach(a -> expr(a, env, control));
        } else if (s.isAssertStmt()) {
            expr(s.asAssertStmt().getCheck(), env, control);
        }
        // Local class and record declarations and empty statements define nothing of this method.
    }

    private void ifStmt(IfStmt i, Env env, Set<Def> control) {
        Set<Def> condition = expr(i.getCondition(), env, control).all();
        Set<Def> inner = union(control, condition);
        Env thenEnv = env.copy();
        stmt(i.getThenStmt(), thenEnv, inner);
        Env elseEnv = env.copy();
        i.getElseStmt().ifPresent(e -> stmt(e, elseEnv, inner));
        List<Env> branches = List.of(thenEnv, elseEnv);
        Env after = join(branches);
        guardJumps(branches, env, condition, after);
        env.replaceWith(after);
    }

    /**
     * Code after branches that may jump away runs only when the condition that chose them lets
     * it: a branch that jumped, or that picked up a jump's guard inside, adds the condition to it.
     */
    private void guardJumps(List<Env> branches, Env before, Set<Def> condition, Env after) {
        if (condition.isEmpty()) {
            return;
        }
        for (Env branch : branches) {
            branch.jumps.forEach(j -> guard(j, condition, after));
            branch.guards.forEach((j, g) -> {
                if (!before.guards.getOrDefault(j, Set.of()).containsAll(g)) {
                    guard(j, condition, after);
                }
            });
        }
    }

    /**
     * A jump taken under a condition: the code after it up to its target's end depends on the
     * condition, and so does every loop it leaves, whose later rounds may not happen.
     */
    private void guard(Jump jump, Set<Def> condition, Env after) {
        after.guards.computeIfAbsent(jump, k -> new LinkedHashSet<>()).addAll(condition);
        for (Target t : targets) {
            if (t == jump.target && !jump.leaves) {
                break;
            }
            if (t.isLoop) {
                t.guard.addAll(condition);
            }
            if (t == jump.target) {
                break;
            }
        }
    }

    /** Where a break or continue goes; one whose target is unknown leaves the method. */
    private Jump jumpTo(Target t, boolean leaves) {
        return t == null ? new Jump(method, true) : new Jump(t, leaves);
    }

    private void returnStmt(ReturnStmt r, Env env, Set<Def> control) {
        if (r.getExpression().isPresent()) {
            Deps value = expr(r.getExpression().get(), env, control);
            if (returnDef == null) {
                returnVar = new Var("return", "return", NodeKind.RETURN, rel(r), "");
                variables.add(returnVar);
                returnDef = new Def("return", returnVar, rel(r), false);
                definitions.add(returnDef);
            }
            addParents(returnDef, value.data, EdgeKind.DATA);
            addParents(returnDef, union(value.control, effectiveControl(control, env)), EdgeKind.CONTROL);
        }
        env.endAbruptly(new Jump(method, true));
    }

    private void labeled(LabeledStmt l, Env env, Set<Def> control) {
        String label = l.getLabel().asString();
        Statement inner = l.getStatement();
        if (inner instanceof WhileStmt || inner instanceof ForStmt || inner instanceof ForEachStmt
                || inner instanceof DoStmt) {
            loop(inner, label, env, control);
            return;
        }
        Target t = new Target(false, label);
        targets.push(t);
        stmt(inner, env, control);
        targets.pop();
        List<Env> exits = new ArrayList<>(t.breaks);
        exits.add(env);
        Env after = join(exits);
        after.forget(t);
        env.replaceWith(after);
    }

    private void loop(Statement s, String label, Env env, Set<Def> control) {
        scopes.push(new HashMap<>());
        if (s instanceof ForStmt f) {
            f.getInitialization().forEach(e -> expr(e, env, control));
        }
        boolean outermost = activeSummaries == null;
        if (outermost) {
            activeSummaries = new LinkedHashMap<>();
        }
        Target t = new Target(true, label);
        targets.push(t);
        Env entry = env.copy();
        Env head = entry.copy();
        Env exit = unreachableEnv();
        Set<Def> doCondition = new LinkedHashSet<>();
        for (int iteration = 0; iteration < 64; iteration++) {
            long before = modifications;
            t.breaks.clear();
            t.continues.clear();
            Env e = head.copy();
            Env atExit;
            if (s instanceof WhileStmt w) {
                Deps c = expr(w.getCondition(), e, control);
                atExit = isTrueLiteral(w.getCondition()) ? unreachableEnv() : e.copy();
                stmt(w.getBody(), e, union(control, c.all()));
                endOfBody(e, t);
            } else if (s instanceof ForStmt f) {
                Deps c = f.getCompare().map(x -> expr(x, e, control)).orElse(Deps.NONE);
                atExit = f.getCompare().isPresent() && !isTrueLiteral(f.getCompare().get()) ? e.copy()
                        : unreachableEnv();
                Set<Def> inner = union(control, c.all());
                stmt(f.getBody(), e, inner);
                endOfBody(e, t);
                f.getUpdate().forEach(u -> expr(u, e, inner));
            } else if (s instanceof ForEachStmt fe) {
                Deps iterable = expr(fe.getIterable(), e, control);
                atExit = e.copy();
                Set<Def> inner = union(control, iterable.all());
                VariableDeclarator d = fe.getVariable().getVariables().get(0);
                Var v = declare(d, d.getNameAsString(), NodeKind.LOCAL, d.getName(), d.getTypeAsString());
                define(v, rel(d.getName()), iterable.data, Set.of(), e, inner);
                stmt(fe.getBody(), e, inner);
                endOfBody(e, t);
            } else {
                DoStmt d = (DoStmt) s;
                stmt(d.getBody(), e, union(control, doCondition));
                endOfBody(e, t);
                Deps c = expr(d.getCondition(), e, control);
                doCondition.addAll(c.all());
                atExit = isTrueLiteral(d.getCondition()) ? unreachableEnv() : e.copy();
            }
            exit = join(withAll(atExit, t.breaks));
            exit.forget(t);
            Env nextHead = join(List.of(entry, e));
            if (nextHead.sameAs(head) && modifications == before) {
                break;
            }
            head = nextHead;
        }
        targets.pop();
        if (outermost) {
            collapseCycles(new ArrayList<>(activeSummaries.values()));
            activeSummaries = null;
        }
        scopes.pop();
        env.replaceWith(exit);
    }

    /** Continues meet at the end of the body, where jumps to this loop stop guarding. */
    private void endOfBody(Env e, Target t) {
        e.replaceWith(join(withAll(e, t.continues)));
        e.forget(t);
    }

    private void switchStmt(SwitchStmt sw, Env env, Set<Def> control) {
        Set<Def> selector = expr(sw.getSelector(), env, control).all();
        Target t = new Target(false, null);
        targets.push(t);
        List<Env> ends = new ArrayList<>();
        List<Env> exits = switchEntries(sw.getEntries(), env, union(control, selector), null, ends);
        exits.addAll(t.breaks);
        Env after = join(exits);
        guardJumps(ends, env, selector, after);
        targets.pop();
        after.forget(t);
        env.replaceWith(after);
    }

    /**
     * Analyses switch entries from the environment after the selector; returns the environments
     * leaving them (falling off the end, plus the selector's when no entry is a default) and
     * adds each entry's final environment to {@code ends}. {@code values} is null for a statement.
     */
    private List<Env> switchEntries(List<SwitchEntry> entries, Env env, Set<Def> inner, YieldCollector values,
                                    List<Env> ends) {
        boolean isExpression = values != null;
        List<Env> exits = new ArrayList<>();
        Env fall = unreachableEnv();
        boolean hasDefault = false;
        for (SwitchEntry entry : entries) {
            hasDefault |= entry.isDefault() || entry.getLabels().isEmpty();
            Env e = join(List.of(env, fall));
            entry.getGuard().ifPresent(g -> expr(g, e, inner));
            scopes.push(new HashMap<>());
            if (isExpression && entry.getType() == SwitchEntry.Type.EXPRESSION) {
                Expression value = entry.getStatements().get(0).asExpressionStmt().getExpression();
                Deps d = expr(value, e, inner);
                values.data.addAll(d.data);
                values.control.addAll(d.control);
                values.exits.add(e.copy());
                e.endAbruptly(new Jump(values.target, true));
            } else {
                for (Statement st : entry.getStatements()) {
                    stmt(st, e, inner);
                }
            }
            scopes.pop();
            ends.add(e);
            if (entry.getType() == SwitchEntry.Type.STATEMENT_GROUP) {
                fall = e;
            } else {
                exits.add(e);
                fall = unreachableEnv();
            }
        }
        exits.add(fall);
        if (!hasDefault && !isExpression) {
            exits.add(env.copy());
        }
        return exits;
    }

    private Deps switchExpr(SwitchExpr sw, Env env, Set<Def> control) {
        Deps selector = expr(sw.getSelector(), env, control);
        YieldCollector values = new YieldCollector(new Target(false, null));
        yields.push(values);
        targets.push(values.target);
        List<Env> ends = new ArrayList<>();
        List<Env> exits = switchEntries(sw.getEntries(), env, union(control, selector.all()), values, ends);
        exits.addAll(values.exits);
        Env after = join(exits);
        guardJumps(ends, env, selector.all(), after);
        targets.pop();
        yields.pop();
        after.forget(values.target);
        env.replaceWith(after);
        return new Deps(values.data, union(values.control, selector.all()));
    }

    private void yieldStmt(YieldStmt y, Env env, Set<Def> control) {
        Deps d = expr(y.getExpression(), env, control);
        YieldCollector values = yields.peek();
        if (values == null) {
            env.endAbruptly(new Jump(method, true));
            return;
        }
        values.data.addAll(d.data);
        values.control.addAll(union(d.control, effectiveControl(control, env)));
        values.exits.add(env.copy());
        env.endAbruptly(new Jump(values.target, true));
    }

    private void tryStmt(TryStmt t, Env env, Set<Def> control) {
        scopes.push(new HashMap<>());
        t.getResources().forEach(r -> expr(r, env, control));
        Env before = env.copy();
        List<Assignment> tryLog = new ArrayList<>();
        tryLogs.push(tryLog);
        stmt(t.getTryBlock(), env, control);
        tryLogs.pop();
        List<Env> ends = new ArrayList<>();
        ends.add(env.copy());
        List<Assignment> catchLog = new ArrayList<>();
        tryLogs.push(catchLog);
        for (CatchClause c : t.getCatchClauses()) {
            // A catch may start after any assignment of the try block, so all of them reach it.
            Env e = startAnywhere(List.of(before, env), tryLog);
            scopes.push(new HashMap<>());
            Parameter p = c.getParameter();
            Var v = declare(p, p.getNameAsString(), NodeKind.LOCAL, p.getName(), p.getTypeAsString());
            catchDepth++;
            define(v, rel(p.getName()), Set.of(), Set.of(), e, control);
            stmt(c.getBody(), e, control);
            catchDepth--;
            scopes.pop();
            ends.add(e);
        }
        tryLogs.pop();
        Env out = join(ends);
        if (t.getFinallyBlock().isPresent()) {
            // The finally may start after any assignment of the try or a catch, or before them all.
            List<Env> starts = new ArrayList<>(ends);
            starts.add(before);
            List<Assignment> assigned = new ArrayList<>(tryLog);
            assigned.addAll(catchLog);
            out = finallyBlock(t.getFinallyBlock().get(), out, startAnywhere(starts, assigned), control);
        }
        scopes.pop();
        env.replaceWith(out);
    }

    /** A reachable environment entered from any point of the paths: every logged assignment reaches it. */
    private Env startAnywhere(List<Env> paths, List<Assignment> log) {
        Env e = join(paths);
        e.reachable = true;
        e.jumps.clear();
        for (Assignment a : log) {
            e.add(a.variable, a.definition);
        }
        return e;
    }

    /**
     * Runs a finally block from {@code start}. Leaving it normally, the try statement keeps the
     * values of its normal exit except those the finally assigns; a jump in the finally wins.
     */
    private Env finallyBlock(BlockStmt block, Env normal, Env start, Set<Def> control) {
        List<Assignment> log = new ArrayList<>();
        tryLogs.push(log);
        stmt(block, start, control);
        tryLogs.pop();
        if (!start.reachable || !normal.reachable) {
            return start.reachable ? normal : start;
        }
        Env out = normal.copy();
        for (Assignment a : log) {
            out.reaching.put(a.variable, new LinkedHashSet<>(start.reaching.getOrDefault(a.variable, Set.of())));
        }
        start.guards.forEach((j, g) -> out.guards.computeIfAbsent(j, k -> new LinkedHashSet<>()).addAll(g));
        return out;
    }

    // ---- expressions ------------------------------------------------------------------------

    private Deps expr(Expression e, Env env, Set<Def> control) {
        if (e == null) {
            return Deps.NONE;
        }
        if (e instanceof NameExpr n) {
            Var v = resolve(n);
            if (v == null) {
                return Deps.NONE;
            }
            Set<Def> defs = env.get(v, rel(n));
            occurrence(rel(n), v, List.copyOf(defs), false);
            return new Deps(defs, Set.of());
        }
        if (e instanceof FieldAccessExpr fa) {
            return fieldAccess(fa, env, control);
        }
        if (e instanceof AssignExpr a) {
            return assign(a, env, control);
        }
        if (e instanceof UnaryExpr u) {
            return unary(u, env, control);
        }
        if (e instanceof BinaryExpr b) {
            return binary(b, env, control);
        }
        if (e instanceof ConditionalExpr c) {
            Deps condition = expr(c.getCondition(), env, control);
            Set<Def> inner = union(control, condition.all());
            Env thenEnv = env.copy();
            Deps then = expr(c.getThenExpr(), thenEnv, inner);
            Env elseEnv = env.copy();
            Deps otherwise = expr(c.getElseExpr(), elseEnv, inner);
            env.replaceWith(join(List.of(thenEnv, elseEnv)));
            return new Deps(union(then.data, otherwise.data),
                    union(condition.all(), union(then.control, otherwise.control)));
        }
        if (e instanceof MethodCallExpr call) {
            return methodCall(call, env, control);
        }
        if (e instanceof ObjectCreationExpr oc) {
            Deps d = Deps.NONE;
            if (oc.getScope().isPresent()) {
                d = d.plus(expr(oc.getScope().get(), env, control));
            }
            for (Expression a : oc.getArguments()) {
                d = d.plus(expr(a, env, control));
            }
            if (oc.getAnonymousClassBody().isPresent()) {
                for (Node member : oc.getAnonymousClassBody().get()) {
                    d = d.plus(captured(member, env));
                }
            }
            return d;
        }
        if (e instanceof LambdaExpr l) {
            return captured(l.getBody(), env);
        }
        if (e instanceof VariableDeclarationExpr vd) {
            declareLocals(vd, env, control);
            return Deps.NONE;
        }
        if (e instanceof SwitchExpr sw) {
            return switchExpr(sw, env, control);
        }
        if (e instanceof InstanceOfExpr io) {
            Deps d = expr(io.getExpression(), env, control);
            io.getPattern().ifPresent(p -> definePattern(p, d, env, control));
            return d;
        }
        if (e instanceof ArrayCreationExpr ac) {
            Deps d = Deps.NONE;
            for (var level : ac.getLevels()) {
                if (level.getDimension().isPresent()) {
                    d = d.plus(expr(level.getDimension().get(), env, control));
                }
            }
            return ac.getInitializer().isPresent() ? d.plus(expr(ac.getInitializer().get(), env, control)) : d;
        }
        if (e.isLiteralExpr() || e instanceof ThisExpr || e.isSuperExpr() || e.isClassExpr() || e.isTypeExpr()) {
            return Deps.NONE;
        }
        // Casts, parentheses, array reads and initializers, method references and anything newer:
        // the value depends on every sub-expression, in source order.
        Deps d = Deps.NONE;
        for (Node child : e.getChildNodes()) {
            if (child instanceof Expression sub) {
                d = d.plus(expr(sub, env, control));
            }
        }
        return d;
    }

    /** The right operand of && and || runs only as the left one says, so what it assigns may not happen. */
    private Deps binary(BinaryExpr b, Env env, Set<Def> control) {
        Deps left = expr(b.getLeft(), env, control);
        if (b.getOperator() != BinaryExpr.Operator.AND && b.getOperator() != BinaryExpr.Operator.OR) {
            return left.plus(expr(b.getRight(), env, control));
        }
        Env rightEnv = env.copy();
        Deps right = expr(b.getRight(), rightEnv, union(control, left.all()));
        env.replaceWith(join(List.of(env, rightEnv)));
        return left.plus(right);
    }

    private Deps fieldAccess(FieldAccessExpr fa, Env env, Set<Def> control) {
        Expression scope = fa.getScope();
        if (scope instanceof ThisExpr t && t.getTypeName().isEmpty()) {
            Var v = field(fa.getNameAsString());
            Set<Def> defs = env.get(v, rel(fa.getName()));
            occurrence(rel(fa.getName()), v, List.copyOf(defs), false);
            return new Deps(defs, Set.of());
        }
        return expr(scope, env, control);
    }

    private Deps assign(AssignExpr a, Env env, Set<Def> control) {
        Expression target = a.getTarget();
        boolean compound = a.getOperator() != AssignExpr.Operator.ASSIGN;
        Deps index = Deps.NONE;
        Expression base = target;
        while (base instanceof ArrayAccessExpr access) {
            index = index.plus(expr(access.getIndex(), env, control));
            base = access.getName();
        }
        boolean elementOrMember = base != target;
        if (base instanceof FieldAccessExpr fa && !(fa.getScope() instanceof ThisExpr)) {
            elementOrMember = true;
            base = fa.getScope();
        }
        Deps value = expr(a.getValue(), env, control);
        Written resolved = assignedVariable(base);
        if (resolved == null) {
            return value.plus(index).plus(expr(target, env, control));
        }
        Var v = resolved.variable;
        Set<Def> data = union(value.data, index.data);
        if (compound || elementOrMember) {
            data = union(data, env.get(v, resolved.range));
        }
        Def d = define(v, resolved.range, data, union(value.control, index.control), env, control);
        return new Deps(Set.of(d), Set.of());
    }

    private Deps unary(UnaryExpr u, Env env, Set<Def> control) {
        UnaryExpr.Operator op = u.getOperator();
        boolean increment = op == UnaryExpr.Operator.PREFIX_INCREMENT || op == UnaryExpr.Operator.PREFIX_DECREMENT
                || op == UnaryExpr.Operator.POSTFIX_INCREMENT || op == UnaryExpr.Operator.POSTFIX_DECREMENT;
        if (!increment) {
            return expr(u.getExpression(), env, control);
        }
        Expression base = u.getExpression();
        Deps index = Deps.NONE;
        while (base instanceof ArrayAccessExpr access) {
            index = index.plus(expr(access.getIndex(), env, control));
            base = access.getName();
        }
        Written resolved = assignedVariable(base);
        if (resolved == null) {
            return expr(u.getExpression(), env, control);
        }
        Set<Def> old = env.get(resolved.variable, resolved.range);
        occurrence(resolved.range, resolved.variable, List.copyOf(old), false);
        Def d = define(resolved.variable, resolved.range, union(old, index.data), index.control, env, control);
        boolean postfix = op == UnaryExpr.Operator.POSTFIX_INCREMENT || op == UnaryExpr.Operator.POSTFIX_DECREMENT;
        // A postfix increment's value is the one before it.
        return postfix ? new Deps(union(old, index.data), index.control) : new Deps(Set.of(d), Set.of());
    }

    private Deps methodCall(MethodCallExpr call, Env env, Set<Def> control) {
        Deps d = Deps.NONE;
        Var receiver = null;
        OffsetRange receiverRange = null;
        if (call.getScope().isPresent()) {
            Expression scope = call.getScope().get();
            d = expr(scope, env, control);
            if (scope instanceof NameExpr n && !QUERY_METHODS.contains(call.getNameAsString())) {
                Var v = resolveLocal(n.getNameAsString());
                if (v != null && !IMMUTABLE_TYPES.contains(v.declaredType)) {
                    receiver = v;
                    receiverRange = rel(n);
                }
            }
        }
        Deps args = Deps.NONE;
        for (Expression a : call.getArguments()) {
            args = args.plus(expr(a, env, control));
        }
        if (receiver != null && !args.all().isEmpty()) {
            // A call with arguments on a mutable local may store them in it.
            Set<Def> data = union(env.get(receiver, receiverRange), args.data);
            define(receiver, receiverRange, data, args.control, env, control);
        }
        return d.plus(args);
    }

    /** Variables used inside a lambda or class body that come from the method: the body's value depends on them. */
    private Deps captured(Node body, Env env) {
        Set<String> declaredInside = new LinkedHashSet<>();
        body.walk(Parameter.class, p -> declaredInside.add(p.getNameAsString()));
        body.walk(VariableDeclarator.class, v -> declaredInside.add(v.getNameAsString()));
        if (body.getParentNode().orElse(null) instanceof LambdaExpr l) {
            l.getParameters().forEach(p -> declaredInside.add(p.getNameAsString()));
        }
        Set<Def> data = new LinkedHashSet<>();
        body.walk(NameExpr.class, n -> {
            if (declaredInside.contains(n.getNameAsString())) {
                return;
            }
            Var v = resolve(n);
            if (v != null) {
                Set<Def> defs = env.get(v, rel(n));
                occurrence(rel(n), v, List.copyOf(defs), false);
                data.addAll(defs);
            }
        });
        return new Deps(data, Set.of());
    }

    private void declareLocals(VariableDeclarationExpr vd, Env env, Set<Def> control) {
        for (VariableDeclarator d : vd.getVariables()) {
            Deps init = d.getInitializer().map(i -> expr(i, env, control)).orElse(null);
            Var v = declare(d, d.getNameAsString(), NodeKind.LOCAL, d.getName(), d.getTypeAsString());
            if (init != null) {
                define(v, rel(d.getName()), init.data, init.control, env, control);
            } else {
                occurrence(rel(d.getName()), v, List.of(), true);
            }
        }
    }

    private void definePattern(PatternExpr p, Deps value, Env env, Set<Def> control) {
        if (p instanceof TypePatternExpr tp) {
            Var v = declare(tp, tp.getNameAsString(), NodeKind.LOCAL, tp.getName(), tp.getTypeAsString());
            define(v, rel(tp.getName()), value.data, value.control, env, control);
        }
    }

    // ---- variables and definitions ----------------------------------------------------------

    private Var declare(Node declaration, String name, NodeKind kind, Node nameNode, String type) {
        Var v = localsByDeclaration.get(declaration);
        if (v == null) {
            int count = namesUsed.merge(name, 1, Integer::sum);
            String id = count == 1 ? name : name + "#" + count;
            v = new Var(id, name, kind, rel(nameNode), type);
            localsByDeclaration.put(declaration, v);
            variables.add(v);
        }
        scopes.peek().put(name, v);
        return v;
    }

    private Var field(String name) {
        return fieldsByName.computeIfAbsent(name, n -> {
            Var v = new Var("this." + n, n, NodeKind.FIELD, null, "");
            variables.add(v);
            return v;
        });
    }

    private Var resolveLocal(String name) {
        for (Map<String, Var> scope : scopes) {
            Var v = scope.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /**
     * A name's variable: a parameter or local in scope, else a field. An unresolved name used as
     * the scope of a call or field access whose first letter is upper case is a type, not a field.
     */
    private Var resolve(NameExpr n) {
        Var local = resolveLocal(n.getNameAsString());
        if (local != null) {
            return local;
        }
        Node parent = n.getParentNode().orElse(null);
        boolean isScope = (parent instanceof MethodCallExpr m && m.getScope().orElse(null) == n)
                || (parent instanceof FieldAccessExpr f && f.getScope() == n);
        if (isScope && Character.isUpperCase(n.getNameAsString().charAt(0))) {
            return null;
        }
        return field(n.getNameAsString());
    }

    /** The variable an assignment or increment writes, with the range of its name there. */
    private Written assignedVariable(Expression target) {
        if (target instanceof NameExpr n) {
            Var v = resolve(n);
            return v == null ? null : new Written(v, rel(n));
        }
        if (target instanceof FieldAccessExpr fa && fa.getScope() instanceof ThisExpr t && t.getTypeName().isEmpty()) {
            return new Written(field(fa.getNameAsString()), rel(fa.getName()));
        }
        if (target instanceof com.github.javaparser.ast.expr.EnclosedExpr en) {
            return assignedVariable(en.getInner());
        }
        return null;
    }

    private Def define(Var v, OffsetRange range, Set<Def> data, Set<Def> control, Env env, Set<Def> context) {
        Def d;
        if (activeSummaries != null) {
            d = activeSummaries.get(v);
            if (d == null) {
                d = newDef(v, range, true, null);
                activeSummaries.put(v, d);
            }
        } else {
            d = newDef(v, range, false, null);
        }
        Set<Def> effective = union(control, effectiveControl(context, env));
        if (activeSummaries != null || catchDepth > 0 || !effective.isEmpty()) {
            addParents(d, env.get(v, range), EdgeKind.FALLBACK);
        }
        addParents(d, data, EdgeKind.DATA);
        addParents(d, effective, EdgeKind.CONTROL);
        env.set(v, d);
        for (List<Assignment> log : tryLogs) {
            log.add(new Assignment(v, d));
        }
        occurrence(range, v, List.of(d), true);
        return d;
    }

    private Def newDef(Var v, OffsetRange range, boolean summary, String suffix) {
        v.definitionCount++;
        String id = v.id + "@" + (suffix != null ? suffix : Integer.toString(v.definitionCount));
        Def d = new Def(id, v, range, summary);
        definitions.add(d);
        modifications++;
        return d;
    }

    private void addParents(Def d, Set<Def> parents, EdgeKind kind) {
        for (Def p : parents) {
            if (p == d) {
                continue;
            }
            EnumSet<EdgeKind> kinds = d.parents.computeIfAbsent(p, k -> EnumSet.noneOf(EdgeKind.class));
            if (kinds.add(kind)) {
                modifications++;
            }
        }
    }

    /** A definition's control: its conditions, guards of jumps that may have skipped it, its loops' guards. */
    private Set<Def> effectiveControl(Set<Def> control, Env env) {
        Set<Def> all = new LinkedHashSet<>(control);
        env.guards.values().forEach(all::addAll);
        for (Target t : targets) {
            all.addAll(t.guard);
        }
        return all;
    }

    private Def fieldEntry(Var v, OffsetRange firstUse) {
        Def d = fieldEntries.get(v);
        if (d == null) {
            d = newDef(v, firstUse, false, "in");
            fieldEntries.put(v, d);
        }
        return d;
    }

    private void occurrence(OffsetRange range, Var v, List<Def> defs, boolean isDefinition) {
        occurrences.put(range, new Occ(range, v, defs, isDefinition));
    }

    private OffsetRange rel(Node node) {
        return frame.rangeOf(node).shift(-memberStart);
    }

    private Target breakTarget(String label) {
        for (Target t : targets) {
            if (label == null ? (t.isLoop || t.label == null) : label.equals(t.label)) {
                return t;
            }
        }
        return null;
    }

    private Target continueTarget(String label) {
        for (Target t : targets) {
            if (t.isLoop && (label == null || label.equals(t.label))) {
                return t;
            }
        }
        return null;
    }

    private static boolean isTrueLiteral(Expression e) {
        return e.isBooleanLiteralExpr() && e.asBooleanLiteralExpr().getValue();
    }

    // ---- loops: keep the graph acyclic ------------------------------------------------------

    /**
     * Summaries of one loop may depend on each other around the loop. Each strongly connected
     * group of them is replaced by its members depending on everything the group depends on.
     */
    private void collapseCycles(List<Def> summaries) {
        Set<Def> inLoop = new LinkedHashSet<>(summaries);
        for (Set<Def> component : StronglyConnected.components(summaries, d -> {
            List<Def> ps = new ArrayList<>();
            for (Def p : d.parents.keySet()) {
                if (inLoop.contains(p)) {
                    ps.add(p);
                }
            }
            return ps;
        })) {
            if (component.size() < 2) {
                continue;
            }
            Map<Def, EnumSet<EdgeKind>> external = new LinkedHashMap<>();
            for (Def member : component) {
                member.parents.forEach((p, kinds) -> {
                    if (!component.contains(p)) {
                        external.computeIfAbsent(p, k -> EnumSet.noneOf(EdgeKind.class)).addAll(kinds);
                    }
                });
            }
            for (Def member : component) {
                member.parents.clear();
                external.forEach((p, kinds) -> member.parents.put(p, EnumSet.copyOf(kinds)));
            }
            collapsedGroups.add(component);
        }
    }

    /**
     * Members of a collapsed group shaped each other's values, so whatever reads one of them
     * reads all of them; done at the end, when every reader is known. It adds no cycle: the
     * members have the same parents, so none of them descends from a reader of another.
     */
    private void shareReaders() {
        for (Set<Def> group : collapsedGroups) {
            for (Def reader : definitions) {
                if (group.contains(reader)) {
                    continue;
                }
                EnumSet<EdgeKind> kinds = EnumSet.noneOf(EdgeKind.class);
                group.forEach(m -> kinds.addAll(reader.parents.getOrDefault(m, EnumSet.noneOf(EdgeKind.class))));
                if (!kinds.isEmpty()) {
                    group.forEach(m -> reader.parents.computeIfAbsent(m, k -> EnumSet.noneOf(EdgeKind.class))
                            .addAll(kinds));
                }
            }
        }
    }

    // ---- result -----------------------------------------------------------------------------

    private MethodGraph freeze(String methodName) {
        shareReaders();
        List<Variable> vars = new ArrayList<>();
        for (Var v : variables) {
            vars.add(new Variable(v.id, v.name, v.kind, v.declaration));
        }
        List<Definition> defs = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (Def d : definitions) {
            defs.add(new Definition(d.id, d.variable.id, d.range, d.summary));
            d.parents.forEach((p, kinds) -> kinds.forEach(k -> edges.add(new Edge(p.id, d.id, k))));
        }
        List<Occurrence> occs = new ArrayList<>();
        for (Occ o : occurrences.values()) {
            occs.add(new Occurrence(o.range, o.variable.id, o.definitions.stream().map(d -> d.id).toList(),
                    o.isDefinition));
        }
        return new MethodGraph(methodName, vars, defs, edges, occs);
    }

    private Env unreachableEnv() {
        Env e = new Env();
        e.reachable = false;
        return e;
    }

    /**
     * The environment where paths meet: per variable, every definition reaching along any of
     * them, and every guard of any of them; when none is reachable, every jump that ended them.
     */
    private Env join(List<Env> envs) {
        Env out = new Env();
        out.reachable = false;
        List<Env> live = new ArrayList<>();
        for (Env e : envs) {
            if (e.reachable) {
                live.add(e);
            } else {
                out.jumps.addAll(e.jumps);
            }
        }
        if (live.isEmpty()) {
            return out;
        }
        out.reachable = true;
        out.jumps.clear();
        live.forEach(e -> e.guards.forEach((j, g) ->
                out.guards.computeIfAbsent(j, k -> new LinkedHashSet<>()).addAll(g)));
        Set<Var> keys = new LinkedHashSet<>();
        live.forEach(e -> keys.addAll(e.reaching.keySet()));
        for (Var v : keys) {
            Set<Def> defs = new LinkedHashSet<>();
            for (Env e : live) {
                Set<Def> d = e.reaching.get(v);
                if (d != null) {
                    defs.addAll(d);
                } else if (v.kind == NodeKind.FIELD) {
                    defs.add(fieldEntries.get(v) != null ? fieldEntries.get(v) : fieldEntry(v, null));
                }
            }
            out.reaching.put(v, defs);
        }
        return out;
    }

    // ---- internal state ---------------------------------------------------------------------

    private static Set<Def> union(Set<Def> a, Set<Def> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Set<Def> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static List<Env> withAll(Env first, List<Env> rest) {
        List<Env> all = new ArrayList<>(rest);
        all.add(0, first);
        return all;
    }

    private static final class Var {
        final String id;
        final String name;
        final NodeKind kind;
        final OffsetRange declaration;
        final String declaredType;
        int definitionCount;

        Var(String id, String name, NodeKind kind, OffsetRange declaration, String declaredType) {
            this.id = id;
            this.name = name;
            this.kind = kind;
            this.declaration = declaration;
            this.declaredType = declaredType;
        }
    }

    private static final class Def {
        final String id;
        final Var variable;
        final OffsetRange range;
        final boolean summary;
        final Map<Def, EnumSet<EdgeKind>> parents = new LinkedHashMap<>();

        Def(String id, Var variable, OffsetRange range, boolean summary) {
            this.id = id;
            this.variable = variable;
            this.range = range;
            this.summary = summary;
        }
    }

    private record Occ(OffsetRange range, Var variable, List<Def> definitions, boolean isDefinition) {
    }

    private record Assignment(Var variable, Def definition) {
    }

    /** What an expression's value depends on: its operands, and the conditions that chose them. */
    private record Deps(Set<Def> data, Set<Def> control) {
        static final Deps NONE = new Deps(Set.of(), Set.of());

        Deps plus(Deps other) {
            return new Deps(union(data, other.data), union(control, other.control));
        }

        Set<Def> all() {
            return union(data, control);
        }
    }

    /**
     * Where a break, continue, return, throw or yield goes: the statement it leaves, or the loop
     * whose next round it starts ({@code leaves} false).
     */
    private record Jump(Target target, boolean leaves) {
    }

    /** A statement that break or continue can leave to, with the environments that arrive there. */
    private static final class Target {
        final boolean isLoop;
        final String label;
        final List<Env> breaks = new ArrayList<>();
        final List<Env> continues = new ArrayList<>();
        final Set<Def> guard = new LinkedHashSet<>();

        Target(boolean isLoop, String label) {
            this.isLoop = isLoop;
            this.label = label;
        }
    }

    /** The variable an assignment writes and the range of its name there. */
    private record Written(Var variable, OffsetRange range) {
    }

    /** What a switch expression's arms and yields give, and the target yields leave to. */
    private static final class YieldCollector {
        final Target target;
        final Set<Def> data = new LinkedHashSet<>();
        final Set<Def> control = new LinkedHashSet<>();
        final List<Env> exits = new ArrayList<>();

        YieldCollector(Target target) {
            this.target = target;
        }
    }

    /**
     * The definitions that may reach a point, per variable; unreachable after a jump, with the
     * jumps that ended it. {@code guards} holds, per jump that may have skipped the code up to
     * here, the conditions that decided it; they matter until the jump's target ends.
     */
    private final class Env {
        Map<Var, Set<Def>> reaching = new LinkedHashMap<>();
        boolean reachable = true;
        Set<Jump> jumps = new LinkedHashSet<>();
        Map<Jump, Set<Def>> guards = new LinkedHashMap<>();

        Env copy() {
            Env e = new Env();
            reaching.forEach((v, defs) -> e.reaching.put(v, new LinkedHashSet<>(defs)));
            e.reachable = reachable;
            e.jumps = new LinkedHashSet<>(jumps);
            guards.forEach((j, g) -> e.guards.put(j, new LinkedHashSet<>(g)));
            return e;
        }

        /** A field not yet written in the method holds its value on entry. */
        Set<Def> get(Var v, OffsetRange use) {
            Set<Def> defs = reaching.get(v);
            if (defs == null && v.kind == NodeKind.FIELD) {
                return Set.of(fieldEntry(v, use));
            }
            return defs == null ? Set.of() : defs;
        }

        void set(Var v, Def d) {
            Set<Def> s = new LinkedHashSet<>();
            s.add(d);
            reaching.put(v, s);
        }

        void add(Var v, Def d) {
            reaching.computeIfAbsent(v, k -> new LinkedHashSet<>()).add(d);
        }

        void endAbruptly(Jump jump) {
            reachable = false;
            jumps = new LinkedHashSet<>(Set.of(jump));
            reaching = new LinkedHashMap<>();
            guards = new LinkedHashMap<>();
        }

        /** The target's statement ended here: jumps to it skip nothing further. */
        void forget(Target t) {
            guards.keySet().removeIf(j -> j.target == t);
        }

        void replaceWith(Env other) {
            reaching = other.reaching;
            reachable = other.reachable;
            jumps = other.jumps;
            guards = other.guards;
        }

        boolean sameAs(Env other) {
            return reachable == other.reachable && reaching.equals(other.reaching) && guards.equals(other.guards);
        }
    }
}
