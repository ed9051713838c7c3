package liftsys.trace;

import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import liftsys.ir.Definition;
import liftsys.ir.DocumentParser;
import liftsys.ir.Member;
import liftsys.ir.MemberKind;
import liftsys.ir.MethodGraph;
import liftsys.ir.NodeKind;
import liftsys.ir.Occurrence;
import liftsys.ir.Variable;
import liftsys.text.LineIndex;
import liftsys.text.OffsetRange;

/**
 * Rewrites a copy of a document so that a traced copy of one method records the value of every
 * definition of its graph, by the graph's own ids. The original method and the rest of the
 * document are left as they are (the copy is added next to the method, on the same line, so
 * line numbers elsewhere do not move), so the traced code calls its real neighbours.
 *
 * <p>Where the values come from: each occurrence the graph marks as a definition is found in the
 * syntax tree by its range (the identifier of a declarator, an assignment's target, a {@code ++}
 * operand, the receiver of a mutating call, a catch or pattern variable) and its value recorded
 * right after it happens; parameters and fields read are recorded on entry, {@code return} at every
 * return statement. A definition that does not run keeps its variable's value on entry to the
 * enclosing conditional region (the recorder copies current values into the region's slots on
 * entry), or the type's zero if the variable had none. Stateless; thread-safe.
 */
final class Instrumenter {
    static final String TRACED_METHOD = "$liftsys$trace";
    private static final String REC = "$ls";
    private static final int MAX_NUMBERS = 64;
    private static final int MAX_STRINGS = 32;

    private static final Set<String> NUMBER_TYPES = Set.of("byte", "short", "int", "long", "float", "double",
            "Byte", "Short", "Integer", "Long", "Float", "Double", "BigDecimal", "BigInteger", "Number",
            "AtomicInteger", "AtomicLong");
    private static final Set<String> LENGTH_TYPES = Set.of("List", "ArrayList", "LinkedList", "Collection", "Set",
            "HashSet", "LinkedHashSet", "TreeSet", "SortedSet", "NavigableSet", "Queue", "Deque", "ArrayDeque",
            "PriorityQueue", "Map", "HashMap", "LinkedHashMap", "TreeMap", "SortedMap", "NavigableMap",
            "StringBuilder", "StringBuffer", "CharSequence", "Vector", "Stack", "EnumSet", "EnumMap");

    private Instrumenter() {
    }

    static InstrumentedMethod instrument(String text, Member member, MethodGraph graph) throws TraceException {
        return instrument(text, member, graph, Set.of());
    }

    /**
     * The instrumentation with intervention hooks ({@code $ls.x}) at the definitions {@code hooked}:
     * plain definitions of locals or reassigned parameters (a declaration with an initializer, an
     * assignment or increment statement) of a primitive number or boolean type, not loop summaries.
     * Parameters on entry are changed by the worker, not here.
     *
     * @throws TraceException UNSUPPORTED, saying why, when one of them cannot be hooked
     */
    static InstrumentedMethod instrument(String text, Member member, MethodGraph graph, Set<String> hooked)
            throws TraceException {
        if (member.kind() == MemberKind.CONSTRUCTOR) {
            throw new TraceException(TraceException.Reason.UNSUPPORTED,
                    "constructors cannot be traced yet (" + member.ownerType() + "); trace a method");
        }
        if (member.range().end() > text.length()
                || !text.substring(member.range().start(), member.range().end()).equals(member.text())) {
            throw new TraceException(TraceException.Reason.TRACE_FAILED,
                    "the method " + member.name() + " is not part of this version of the document");
        }
        // The graph's own parser settings, so that offsets and the tree agree with the graph.
        ParseResult<CompilationUnit> parsed = DocumentParser.newParser().parse(text);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            String problem = parsed.getProblems().isEmpty() ? "syntax error" : parsed.getProblems().get(0).getMessage();
            throw new TraceException(TraceException.Reason.TRACE_FAILED, "the document does not parse: " + problem);
        }
        return new Instrumenter.Run(text, member, graph, parsed.getResult().get(), hooked).run();
    }

    /** How a definition's value is caught where it happens. */
    private enum SiteKind { PARAMETER, DECLARATOR, CATCH_PARAMETER, PATTERN, WRITE }

    /**
     * One place where the method gives a definition a value. For writes, {@code base} is the
     * variable's expression there ({@code x} or {@code this.x}) and {@code defining} the expression
     * that changes it; {@code direct} is false when an element or member of it is written, or it
     * is the receiver of a call.
     */
    private record Site(SiteKind kind, int slot, int variable, OffsetRange range, Node node, Expression base,
                        Expression defining, boolean direct) {
    }

    /** One instrumentation of one method; not reused. */
    private static final class Run {
        private final String text;
        private final Member member;
        private final MethodGraph graph;
        private final CompilationUnit unit;
        private final LineIndex lines;
        private final Map<String, Integer> slotOf = new HashMap<>();
        private final Map<String, Integer> variableOf = new HashMap<>();
        private final List<Site> sites = new ArrayList<>();
        private final Map<Statement, List<Statement>> after = new IdentityHashMap<>();
        private final Map<BlockStmt, List<Statement>> atStart = new IdentityHashMap<>();
        private final List<int[]> regions = new ArrayList<>();
        private final Map<Statement, Integer> anchors = new IdentityHashMap<>();
        private final Map<IfStmt, Integer> branchCopies = new IdentityHashMap<>();
        private final Set<SwitchStmt> hoistedSelectors = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<String> enums = new LinkedHashSet<>();
        private final Set<String> documentTypes = new LinkedHashSet<>();
        private final Set<String> hooked;
        private final Set<Integer> hookedSlots = new java.util.HashSet<>();
        private final Map<String, String> hookTypes = new LinkedHashMap<>();
        private MethodDeclaration method;
        private int returnSlot = -1;
        private int returnVariable = -1;

        Run(String text, Member member, MethodGraph graph, CompilationUnit unit, Set<String> hooked) {
            this.hooked = hooked;
            this.text = text;
            this.member = member;
            this.graph = graph;
            this.unit = unit;
            this.lines = LineIndex.of(text);
        }

        InstrumentedMethod run() throws TraceException {
            method = findMethod();
            unit.findAll(EnumDeclaration.class).forEach(e -> enums.add(e.getNameAsString()));
            unit.findAll(TypeDeclaration.class).forEach(t -> documentTypes.add(t.getNameAsString()));
            List<Definition> definitions = graph.definitions();
            for (int i = 0; i < definitions.size(); i++) {
                slotOf.put(definitions.get(i).id(), i);
            }
            List<Variable> variables = graph.variables();
            for (int i = 0; i < variables.size(); i++) {
                variableOf.put(variables.get(i).id(), i);
            }
            if (slotOf.containsKey("return")) {
                returnSlot = slotOf.get("return");
                returnVariable = variableOf.get("return");
            }
            byte[] kinds = staticKinds();
            Constants constants = constants(method);
            findSites();
            planHooks();
            method.getBody().ifPresent(b -> planRegions(b.getStatements()));
            List<Wire.InputSpec> inputs = new ArrayList<>();
            Map<String, String> inputTypes = new LinkedHashMap<>();
            List<Statement> entry = entryRecords(inputs, inputTypes);
            rewrite(entry);
            String traced = printTraced();
            int end = member.range().end();
            String instrumented = text.substring(0, end) + " " + traced + text.substring(end);

            String packageName = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
            String fileName = primaryTypeName() + ".java";
            String path = packageName.isEmpty() ? fileName : packageName.replace('.', '/') + "/" + fileName;
            String className = (packageName.isEmpty() ? "" : packageName + ".") + member.ownerType().replace('.', '$');
            List<Wire.SourceFile> sources = List.of(new Wire.SourceFile(path, instrumented),
                    new Wire.SourceFile(RecorderSource.PATH, RecorderSource.TEXT));
            int[] slotVariable = new int[definitions.size()];
            for (int i = 0; i < definitions.size(); i++) {
                slotVariable[i] = variableOf.get(definitions.get(i).variableId());
            }
            List<String> columns = definitions.stream().map(Definition::id).toList();
            return new InstrumentedMethod(hash(sources, className), sources, className, TRACED_METHOD, columns,
                    slotVariable, kinds, regions.toArray(new int[0][]), inputs, inputTypes, constants.numbers(),
                    constants.strings(), constants.chars(), traced, end + 1, end + 1 + traced.length(), hookTypes);
        }

        // ---- intervention hooks -------------------------------------------------------------

        private static final Set<String> HOOK_TYPES = Set.of("byte", "short", "int", "long", "float", "double",
                "boolean");

        /** Checks that every hooked definition has one plain site of a primitive type; notes its type. */
        private void planHooks() throws TraceException {
            for (String id : hooked) {
                Definition d = graph.definition(id);
                if (d == null) {
                    throw new TraceException(TraceException.Reason.UNSUPPORTED, "no definition " + id + " in "
                            + member.name());
                }
                Variable v = graph.variableOf(d);
                String name = v.name();
                if (d.loopSummary()) {
                    throw new TraceException(TraceException.Reason.UNSUPPORTED, "`" + name + "` there stands for its "
                            + "value after a loop, which the code never sets in one place");
                }
                if (v.kind() == NodeKind.RETURN) {
                    throw new TraceException(TraceException.Reason.UNSUPPORTED, "the return value is not a variable "
                            + "the code sets in one place");
                }
                if (v.kind() != NodeKind.LOCAL && v.kind() != NodeKind.PARAMETER) {
                    throw new TraceException(TraceException.Reason.UNSUPPORTED, "`" + name + "` is a "
                            + v.kind().wireName() + "; only parameters and locals are changed in the code");
                }
                int slot = slotOf.get(id);
                List<Site> at = sites.stream().filter(x -> x.slot() == slot).toList();
                if (at.size() != 1) {
                    throw new TraceException(TraceException.Reason.UNSUPPORTED, "`" + name + "` is defined in "
                            + at.size() + " places there");
                }
                Site site = at.get(0);
                String type = switch (site.kind()) {
                    case DECLARATOR -> {
                        VariableDeclarator vd = (VariableDeclarator) site.node();
                        Node context = vd.getParentNode().flatMap(Node::getParentNode).orElse(null);
                        if (vd.getInitializer().isEmpty()
                                || !(context instanceof ExpressionStmt || context instanceof ForStmt)) {
                            throw notPlain(name);
                        }
                        yield vd.getType().asString();
                    }
                    case WRITE -> {
                        Node parent = site.defining().getParentNode().orElse(null);
                        if (!site.direct() || !(site.base() instanceof NameExpr)
                                || !(parent instanceof ExpressionStmt es) || isSwitchExpressionValue(es)) {
                            throw notPlain(name);
                        }
                        yield declaredType(v);
                    }
                    default -> throw notPlain(name);
                };
                if (!HOOK_TYPES.contains(type)) {
                    throw new TraceException(TraceException.Reason.UNSUPPORTED, "`" + name + "` has type "
                            + (type.isEmpty() ? "var" : type) + "; only primitive numbers and booleans are changed "
                            + "in the code");
                }
                hookedSlots.add(slot);
                hookTypes.put(id, type);
            }
        }

        private static TraceException notPlain(String name) {
            return new TraceException(TraceException.Reason.UNSUPPORTED, "`" + name + "` is not defined there by a "
                    + "plain declaration or assignment statement");
        }

        private static MethodCallExpr hook(int slot, Expression value) {
            return new MethodCallExpr(new NameExpr(REC), "x", NodeList.nodeList(intLiteral(slot), value));
        }

        // ---- finding things ---------------------------------------------------------------

        private MethodDeclaration findMethod() throws TraceException {
            for (CallableDeclaration<?> c : unit.findAll(CallableDeclaration.class)) {
                if (c.getRange().isPresent() && absolute(c).equals(member.range())) {
                    if (c instanceof MethodDeclaration m && m.getBody().isPresent()) {
                        return m;
                    }
                }
            }
            throw new TraceException(TraceException.Reason.TRACE_FAILED,
                    "the method " + member.name() + " was not found where the graph says it is");
        }

        private OffsetRange absolute(Node node) {
            com.github.javaparser.Range r = node.getRange().orElseThrow();
            int start = lines.lineStart(r.begin.line - 1) + r.begin.column - 1;
            int end = lines.lineStart(r.end.line - 1) + r.end.column;
            return new OffsetRange(start, end);
        }

        private OffsetRange relative(Node node) {
            return absolute(node).shift(-member.range().start());
        }

        private String primaryTypeName() throws TraceException {
            TypeDeclaration<?> first = null;
            for (TypeDeclaration<?> t : unit.getTypes()) {
                if (t.hasModifier(Modifier.Keyword.PUBLIC)) {
                    return t.getNameAsString();
                }
                if (first == null) {
                    first = t;
                }
            }
            if (first == null) {
                throw new TraceException(TraceException.Reason.TRACE_FAILED, "the document declares no type");
            }
            return first.getNameAsString();
        }

        /** Matches every definition occurrence of the graph with its node in the tree. */
        private void findSites() throws TraceException {
            Map<OffsetRange, Occurrence> definitionsAt = new HashMap<>();
            for (Occurrence o : graph.occurrences()) {
                if (o.isDefinition() && !o.definitionIds().isEmpty()) {
                    definitionsAt.put(o.range(), o);
                }
            }
            Set<OffsetRange> matched = new LinkedHashSet<>();
            for (SimpleName name : method.findAll(SimpleName.class)) {
                OffsetRange range = relative(name);
                Occurrence o = definitionsAt.get(range);
                if (o == null || matched.contains(range)) {
                    continue;
                }
                Site site = site(name, o, range);
                if (site != null) {
                    matched.add(range);
                    sites.add(site);
                }
            }
            Set<String> placed = new LinkedHashSet<>();
            for (Occurrence o : definitionsAt.values()) {
                if (!matched.contains(o.range())) {
                    throw new TraceException(TraceException.Reason.TRACE_FAILED, "cannot place definition "
                            + o.definitionIds() + " of " + o.variableId() + " in the method (instrumentation)");
                }
                placed.addAll(o.definitionIds());
            }
            for (Definition d : graph.definitions()) {
                boolean entry = d.id().endsWith("@in") || d.id().equals("return");
                if (!entry && !placed.contains(d.id())) {
                    throw new TraceException(TraceException.Reason.TRACE_FAILED,
                            "definition " + d.id() + " has no place in the method (instrumentation)");
                }
            }
        }

        private Site site(SimpleName name, Occurrence o, OffsetRange range) throws TraceException {
            int slot = slotOf.get(o.definitionIds().get(0));
            int variable = variableOf.get(o.variableId());
            Node parent = name.getParentNode().orElseThrow();
            if (parent instanceof Parameter p) {
                Node owner = p.getParentNode().orElseThrow();
                if (owner == method) {
                    return new Site(SiteKind.PARAMETER, slot, variable, range, p, null, null, true);
                }
                if (owner instanceof CatchClause) {
                    return new Site(SiteKind.CATCH_PARAMETER, slot, variable, range, p, null, null, true);
                }
                return null;
            }
            if (parent instanceof VariableDeclarator vd) {
                return new Site(SiteKind.DECLARATOR, slot, variable, range, vd, null, null, true);
            }
            if (parent instanceof TypePatternExpr tp) {
                return new Site(SiteKind.PATTERN, slot, variable, range, tp, null, null, true);
            }
            Expression base;
            if (parent instanceof NameExpr n) {
                base = n;
            } else if (parent instanceof FieldAccessExpr fa && fa.getName() == name && fa.getScope() instanceof ThisExpr) {
                base = fa;
            } else {
                return null;
            }
            Node current = base;
            boolean direct = true;
            while (true) {
                Node up = current.getParentNode().orElse(null);
                if (up instanceof EnclosedExpr) {
                    current = up;
                } else if (up instanceof ArrayAccessExpr aa && aa.getName() == current) {
                    direct = false;
                    current = up;
                } else if (up instanceof FieldAccessExpr fa && fa.getScope() == current) {
                    direct = false;
                    current = up;
                } else if (up instanceof AssignExpr a && a.getTarget() == current) {
                    return new Site(SiteKind.WRITE, slot, variable, range, name, base, a, direct);
                } else if (up instanceof UnaryExpr u && isIncrement(u)) {
                    return new Site(SiteKind.WRITE, slot, variable, range, name, base, u, direct);
                } else if (up instanceof MethodCallExpr call && call.getScope().orElse(null) == current) {
                    return new Site(SiteKind.WRITE, slot, variable, range, name, base, call, false);
                } else {
                    throw new TraceException(TraceException.Reason.TRACE_FAILED, "cannot tell how "
                            + o.definitionIds() + " is written at " + base + " (instrumentation)");
                }
            }
        }

        private static boolean isIncrement(UnaryExpr u) {
            return u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                    || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
                    || u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                    || u.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT;
        }

        // ---- kinds and constants ----------------------------------------------------------

        private byte[] staticKinds() {
            List<Variable> variables = graph.variables();
            byte[] kinds = new byte[variables.size()];
            for (int i = 0; i < variables.size(); i++) {
                Variable v = variables.get(i);
                String type = switch (v.kind()) {
                    case RETURN -> member.returnType();
                    case FIELD -> fieldDeclarator(v.name()).map(d -> d.getType().asString()).orElse("");
                    default -> declaredType(v);
                };
                kinds[i] = kindOf(type);
            }
            return kinds;
        }

        private String declaredType(Variable v) {
            if (v.declaration() == null) {
                return "";
            }
            for (SimpleName name : method.findAll(SimpleName.class)) {
                if (relative(name).equals(v.declaration())) {
                    Node parent = name.getParentNode().orElse(null);
                    if (parent instanceof Parameter p) {
                        return p.getType().asString() + (p.isVarArgs() ? "[]" : "");
                    }
                    if (parent instanceof VariableDeclarator d) {
                        return d.getType().asString();
                    }
                    if (parent instanceof TypePatternExpr tp) {
                        return tp.getType().asString();
                    }
                }
            }
            return "";
        }

        private byte kindOf(String type) {
            String t = type.trim();
            if (t.endsWith("]") || t.endsWith("...")) {
                return ValueKind.LENGTH;
            }
            int generic = t.indexOf('<');
            if (generic >= 0) {
                t = t.substring(0, generic);
            }
            t = t.substring(t.lastIndexOf('.') + 1);
            if (NUMBER_TYPES.contains(t)) {
                return ValueKind.NUMBER;
            }
            if (t.equals("boolean") || t.equals("Boolean")) {
                return ValueKind.BOOLEAN;
            }
            if (t.equals("char") || t.equals("Character")) {
                return ValueKind.CHAR;
            }
            if (t.equals("String")) {
                return ValueKind.STRING;
            }
            if (LENGTH_TYPES.contains(t)) {
                return ValueKind.LENGTH;
            }
            if (enums.contains(t)) {
                return ValueKind.ENUM;
            }
            if (documentTypes.contains(t)) {
                return ValueKind.PRESENCE;
            }
            return ValueKind.UNKNOWN;
        }

        /** The declarator of a field of that name: in the method's own type first, else anywhere. */
        private Optional<VariableDeclarator> fieldDeclarator(String name) {
            VariableDeclarator elsewhere = null;
            for (FieldDeclaration f : unit.findAll(FieldDeclaration.class)) {
                for (VariableDeclarator d : f.getVariables()) {
                    if (d.getNameAsString().equals(name)) {
                        if (f.getParentNode().orElse(null) == method.getParentNode().orElse(null)) {
                            return Optional.of(d);
                        }
                        if (elsewhere == null) {
                            elsewhere = d;
                        }
                    }
                }
            }
            return Optional.ofNullable(elsewhere);
        }

        private record Constants(double[] numbers, List<String> strings, String chars) {
        }

        /** The literals a node uses: the values sampling centres on, so branches are taken both ways. */
        private static Constants constants(Node node) {
            LinkedHashSet<Double> numbers = new LinkedHashSet<>();
            LinkedHashSet<String> strings = new LinkedHashSet<>();
            StringBuilder chars = new StringBuilder();
            for (LiteralStringValueExpr literal : node.findAll(LiteralStringValueExpr.class)) {
                double sign = literal.getParentNode().orElse(null) instanceof UnaryExpr u
                        && u.getOperator() == UnaryExpr.Operator.MINUS ? -1 : 1;
                try {
                    if (literal instanceof IntegerLiteralExpr i) {
                        numbers.add(sign * i.asNumber().doubleValue());
                    } else if (literal instanceof LongLiteralExpr l) {
                        numbers.add(sign * l.asNumber().doubleValue());
                    } else if (literal instanceof DoubleLiteralExpr d) {
                        numbers.add(sign * d.asDouble());
                    } else if (literal instanceof CharLiteralExpr c) {
                        if (chars.indexOf(String.valueOf(c.asChar())) < 0) {
                            chars.append(c.asChar());
                        }
                    } else if (literal instanceof StringLiteralExpr s) {
                        strings.add(s.asString());
                    } else if (literal instanceof TextBlockLiteralExpr tb) {
                        strings.add(tb.asString());
                    }
                } catch (RuntimeException malformed) {
                    // A literal JavaParser cannot evaluate is simply not a sampling hint.
                }
            }
            double[] n = numbers.stream().filter(Double::isFinite).limit(MAX_NUMBERS)
                    .mapToDouble(Double::doubleValue).toArray();
            return new Constants(n, strings.stream().limit(MAX_STRINGS).toList(), chars.toString());
        }

        // ---- regions ----------------------------------------------------------------------

        /**
         * Plans the entry copies of one statement list: before a conditional statement (if, switch,
         * loop, try with catches, or one holding ?:, && or ||) its definitions get their variables'
         * current values; before a statement that may jump (return, throw, break, continue) so do
         * the definitions of the statements after it. Not inside loops: there every definition is
         * a loop summary, whose slot already holds its variable's current value.
         */
        private void planRegions(NodeList<Statement> list) {
            for (int i = 0; i < list.size(); i++) {
                Statement s = list.get(i);
                if (s instanceof LocalClassDeclarationStmt || s instanceof LocalRecordDeclarationStmt) {
                    continue;
                }
                Statement core = s;
                while (core instanceof LabeledStmt l) {
                    core = l.getStatement();
                }
                LinkedHashSet<Integer> pairs = new LinkedHashSet<>();
                List<int[]> copy = new ArrayList<>();
                if (isConditional(core) || hasConditionalExpression(s)) {
                    addDefinitionsIn(s, pairs, copy);
                }
                if (hasJump(s)) {
                    for (int j = i + 1; j < list.size(); j++) {
                        addDefinitionsIn(list.get(j), pairs, copy);
                    }
                }
                if (!copy.isEmpty()) {
                    anchors.put(s, region(copy));
                }
                // A condition or selector that itself defines variables: the definitions it
                // controls must get the values after it, so copy again once it has run.
                if (core instanceof IfStmt branch && hasSite(branch.getCondition())) {
                    List<int[]> branches = definitionsIn(branch, branch.getCondition());
                    if (!branches.isEmpty()) {
                        branchCopies.put(branch, region(branches));
                    }
                } else if (core instanceof SwitchStmt sw && hasSite(sw.getSelector())) {
                    hoistedSelectors.add(sw);
                }
                if (!isLoop(core)) {
                    descend(core);
                }
            }
        }

        private int region(List<int[]> pairs) {
            int[] region = new int[pairs.size() * 2];
            for (int k = 0; k < pairs.size(); k++) {
                region[2 * k] = pairs.get(k)[0];
                region[2 * k + 1] = pairs.get(k)[1];
            }
            regions.add(region);
            return regions.size() - 1;
        }

        private boolean hasSite(Node node) {
            OffsetRange r = relative(node);
            return sites.stream().anyMatch(site -> site.kind() != SiteKind.PARAMETER && r.start() <= site.range().start()
                    && site.range().end() <= r.end());
        }

        /** (slot, variable) of the definitions in a node that have no site in {@code except}. */
        private List<int[]> definitionsIn(Node node, Node except) {
            OffsetRange r = relative(node);
            OffsetRange x = relative(except);
            Set<Integer> excluded = new LinkedHashSet<>();
            for (Site site : sites) {
                if (x.start() <= site.range().start() && site.range().end() <= x.end()) {
                    excluded.add(site.slot());
                }
            }
            Set<Integer> seen = new LinkedHashSet<>();
            List<int[]> out = new ArrayList<>();
            for (Site site : sites) {
                if (site.kind() != SiteKind.PARAMETER && r.start() <= site.range().start()
                        && site.range().end() <= r.end() && !excluded.contains(site.slot()) && seen.add(site.slot())) {
                    out.add(new int[] {site.slot(), site.variable()});
                }
            }
            return out;
        }

        private void descend(Statement s) {
            if (s instanceof BlockStmt b) {
                planRegions(b.getStatements());
                return;
            }
            for (Node child : s.getChildNodes()) {
                if (child instanceof BlockStmt b) {
                    planRegions(b.getStatements());
                } else if (child instanceof SwitchEntry e && s instanceof SwitchStmt) {
                    if (e.getType() == SwitchEntry.Type.STATEMENT_GROUP) {
                        planRegions(e.getStatements());
                    } else if (e.getType() == SwitchEntry.Type.BLOCK && e.getStatements().get(0) instanceof BlockStmt b) {
                        planRegions(b.getStatements());
                    }
                } else if (child instanceof CatchClause c) {
                    planRegions(c.getBody().getStatements());
                } else if (child instanceof Statement inner && !isLoop(inner)) {
                    descend(inner);
                }
            }
        }

        private void addDefinitionsIn(Statement s, Set<Integer> seen, List<int[]> out) {
            OffsetRange r = relative(s);
            for (Site site : sites) {
                if (site.kind() != SiteKind.PARAMETER && r.start() <= site.range().start()
                        && site.range().end() <= r.end() && seen.add(site.slot())) {
                    out.add(new int[] {site.slot(), site.variable()});
                }
            }
        }

        private static boolean isLoop(Statement s) {
            return s instanceof WhileStmt || s instanceof DoStmt || s instanceof ForStmt || s instanceof ForEachStmt;
        }

        private static boolean isConditional(Statement s) {
            return s instanceof IfStmt || s instanceof SwitchStmt || isLoop(s)
                    || (s instanceof TryStmt t && !t.getCatchClauses().isEmpty());
        }

        private static boolean hasConditionalExpression(Statement s) {
            return s.findFirst(ConditionalExpr.class).isPresent() || s.findFirst(SwitchExpr.class).isPresent()
                    || s.findFirst(BinaryExpr.class, b -> b.getOperator() == BinaryExpr.Operator.AND
                    || b.getOperator() == BinaryExpr.Operator.OR).isPresent();
        }

        private static boolean hasJump(Statement s) {
            return s.findFirst(ReturnStmt.class).isPresent() || s.findFirst(ThrowStmt.class).isPresent()
                    || s.findFirst(BreakStmt.class).isPresent() || s.findFirst(ContinueStmt.class).isPresent()
                    || s.findFirst(YieldStmt.class).isPresent();
        }

        // ---- entry --------------------------------------------------------------------------

        /** Records of the parameters and of the fields' values on entry; fills the inputs to sample. */
        private List<Statement> entryRecords(List<Wire.InputSpec> inputs, Map<String, String> inputTypes) {
            List<Statement> entry = new ArrayList<>();
            NodeList<Parameter> parameters = method.getParameters();
            for (Site site : sites) {
                if (site.kind() != SiteKind.PARAMETER) {
                    continue;
                }
                Parameter p = (Parameter) site.node();
                entry.add(new ExpressionStmt(record("a", site.slot(), site.variable(), new NameExpr(p.getNameAsString()))));
                String column = graph.definitions().get(site.slot()).id();
                int index = indexOfIdentity(parameters, p);
                inputs.add(new Wire.InputSpec(column, p.getNameAsString(), false, index, new double[0]));
                inputTypes.put(column, p.getType().asString() + (p.isVarArgs() ? "..." : ""));
            }
            int scratch = graph.definitions().size();
            for (Variable v : graph.variables()) {
                if (v.kind() != NodeKind.FIELD) {
                    continue;
                }
                Optional<VariableDeclarator> declared = fieldDeclarator(v.name());
                if (declared.isEmpty() && onlyQualifierUses(v)) {
                    continue;
                }
                Integer entrySlot = slotOf.get(v.id() + "@in");
                int variable = variableOf.get(v.id());
                entry.add(new ExpressionStmt(record("a", entrySlot == null ? scratch : entrySlot, variable,
                        fieldRead(v.name(), declared))));
                if (entrySlot != null) {
                    double[] own = declared.flatMap(VariableDeclarator::getInitializer)
                            .map(init -> constants(init).numbers()).orElse(new double[0]);
                    inputs.add(new Wire.InputSpec(v.id() + "@in", v.name(), true, -1, own));
                    inputTypes.put(v.id() + "@in", declared.map(d -> d.getType().asString()).orElse("?"));
                }
            }
            return entry;
        }

        /**
         * True when every use of a name the graph took for a field qualifies something
         * ({@code java.util.List}): a package, not a variable, so it cannot be read.
         */
        private boolean onlyQualifierUses(Variable v) {
            boolean any = false;
            for (NameExpr n : method.findAll(NameExpr.class, n -> n.getNameAsString().equals(v.name()))) {
                any = true;
                if (!(n.getParentNode().orElse(null) instanceof FieldAccessExpr fa && fa.getScope() == n)) {
                    return false;
                }
            }
            return any;
        }

        /** The field's value at the method's start: its bare name, unless a parameter hides it. */
        private Expression fieldRead(String name, Optional<VariableDeclarator> declared) {
            boolean hidden = method.getParameters().stream().anyMatch(p -> p.getNameAsString().equals(name));
            if (!hidden || declared.isEmpty()) {
                return new NameExpr(name);
            }
            FieldDeclaration field = (FieldDeclaration) declared.get().getParentNode().orElseThrow();
            String owner = ownerPath(field);
            if (field.isStatic()) {
                return new FieldAccessExpr(new NameExpr(owner), name);
            }
            boolean own = field.getParentNode().orElse(null) == method.getParentNode().orElse(null);
            return new FieldAccessExpr(own ? new ThisExpr() : new ThisExpr(new com.github.javaparser.ast.expr.Name(owner)),
                    name);
        }

        private static String ownerPath(Node node) {
            List<String> names = new ArrayList<>();
            for (Node n = node.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
                if (n instanceof TypeDeclaration<?> t) {
                    names.add(0, t.getNameAsString());
                }
            }
            return String.join(".", names);
        }

        // ---- rewriting ----------------------------------------------------------------------

        private void rewrite(List<Statement> entry) throws TraceException {
            Map<Site, Expression> bases = new IdentityHashMap<>();
            for (Site site : sites) {
                if (site.base() != null) {
                    bases.put(site, site.base().clone());
                }
            }
            List<ReturnStmt> returns = method.findAll(ReturnStmt.class, r -> ownedByMethod(r));
            for (Site site : sites) {
                switch (site.kind()) {
                    case PARAMETER -> {
                    }
                    case DECLARATOR -> declarator(site);
                    case CATCH_PARAMETER -> {
                        Parameter p = (Parameter) site.node();
                        CatchClause c = (CatchClause) p.getParentNode().orElseThrow();
                        atStart.computeIfAbsent(c.getBody(), k -> new ArrayList<>()).add(0,
                                recordStatement(site, new NameExpr(p.getNameAsString())));
                    }
                    case PATTERN -> {
                        TypePatternExpr tp = (TypePatternExpr) site.node();
                        Node holder = tp.getParentNode().orElseThrow();
                        if (!(holder instanceof InstanceOfExpr io)) {
                            throw new TraceException(TraceException.Reason.UNSUPPORTED,
                                    "nested patterns cannot be traced yet");
                        }
                        EnclosedExpr replacement = new EnclosedExpr();
                        io.replace(replacement);
                        replacement.setInner(new BinaryExpr(io,
                                record("t", site.slot(), site.variable(), new NameExpr(tp.getNameAsString())),
                                BinaryExpr.Operator.AND));
                    }
                    case WRITE -> write(site, bases.get(site));
                }
            }
            for (ReturnStmt r : returns) {
                if (r.getExpression().isEmpty() || returnSlot < 0) {
                    continue;
                }
                Expression value = r.getExpression().get();
                MethodCallExpr call = record("a", returnSlot, returnVariable);
                r.setExpression(call);
                call.addArgument(castIfPrimitive(method.getType(), value));
            }
            after.forEach(this::insertAfter);
            atStart.forEach((block, records) -> block.getStatements().addAll(0, records));
            anchors.forEach((statement, region) -> {
                Statement core = statement;
                while (core instanceof LabeledStmt l) {
                    core = l.getStatement();
                }
                if (core instanceof ForStmt f && !f.getInitialization().isEmpty()) {
                    // The loop's definitions must start from the values after the initialization.
                    BlockStmt block = new BlockStmt();
                    List<Expression> init = new ArrayList<>(f.getInitialization());
                    f.getInitialization().clear();
                    statement.replace(block);
                    init.forEach(e -> block.addStatement(new ExpressionStmt(e)));
                    block.addStatement(copyStatement(region));
                    block.addStatement(statement);
                } else if (core instanceof SwitchStmt sw && hoistedSelectors.contains(sw)) {
                    String name = "$lsSelector" + region;
                    BlockStmt block = new BlockStmt();
                    Expression selector = sw.getSelector();
                    sw.setSelector(new NameExpr(name));
                    statement.replace(block);
                    block.addStatement(new ExpressionStmt(new VariableDeclarationExpr(
                            new VariableDeclarator(new com.github.javaparser.ast.type.VarType(), name, selector))));
                    block.addStatement(copyStatement(region));
                    block.addStatement(statement);
                } else {
                    insertBefore(statement, copyStatement(region));
                }
            });
            branchCopies.forEach((i, region) -> {
                Statement then = i.getThenStmt();
                if (then instanceof BlockStmt b) {
                    b.getStatements().addFirst(copyStatement(region));
                } else {
                    BlockStmt block = new BlockStmt();
                    i.setThenStmt(block);
                    block.addStatement(copyStatement(region));
                    block.addStatement(then);
                }
                Statement otherwise = i.getElseStmt().orElse(null);
                if (otherwise instanceof BlockStmt b) {
                    b.getStatements().addFirst(copyStatement(region));
                } else {
                    BlockStmt block = new BlockStmt();
                    i.setElseStmt(block);
                    block.addStatement(copyStatement(region));
                    if (otherwise != null) {
                        block.addStatement(otherwise);
                    }
                }
            });
            BlockStmt body = method.getBody().orElseThrow();
            body.getStatements().addAll(0, entry);
            method.setName(TRACED_METHOD);
            method.getAnnotations().clear();
            method.getParameters().forEach(p -> p.getAnnotations().clear());
            method.getParameters().addFirst(new Parameter(
                    new ClassOrInterfaceType(new ClassOrInterfaceType(null, RecorderSource.PACKAGE), "R"), REC));
        }

        private boolean ownedByMethod(Node node) {
            for (Node n = node.getParentNode().orElse(null); n != null && n != method; n = n.getParentNode().orElse(null)) {
                if (n instanceof LambdaExpr || n instanceof CallableDeclaration || n instanceof TypeDeclaration
                        || n instanceof ObjectCreationExpr) {
                    return false;
                }
            }
            return true;
        }

        private void declarator(Site site) throws TraceException {
            VariableDeclarator vd = (VariableDeclarator) site.node();
            Node holder = vd.getParentNode().orElseThrow();
            Node context = holder.getParentNode().orElseThrow();
            NameExpr name = new NameExpr(vd.getNameAsString());
            if (hookedSlots.contains(site.slot())) {
                Expression init = vd.getInitializer().orElseThrow();
                MethodCallExpr hook = hook(site.slot(), init);
                vd.setInitializer(hook);
                hook.setArgument(1, castIfPrimitive(vd.getType(), init));
            }
            if (context instanceof ExpressionStmt es) {
                later(es, recordStatement(site, name));
            } else if (context instanceof ForEachStmt fe) {
                atStart.computeIfAbsent(blockBody(fe), k -> new ArrayList<>()).add(0, recordStatement(site, name));
            } else if (context instanceof ForStmt || context instanceof TryStmt) {
                Expression init = vd.getInitializer().orElseThrow();
                MethodCallExpr call = record("a", site.slot(), site.variable());
                vd.setInitializer(call);
                Expression value = init;
                if (init instanceof ArrayInitializerExpr ai) {
                    Type type = vd.getType();
                    NodeList<com.github.javaparser.ast.ArrayCreationLevel> levels = new NodeList<>();
                    for (int i = 0; i < type.getArrayLevel(); i++) {
                        levels.add(new com.github.javaparser.ast.ArrayCreationLevel());
                    }
                    value = new ArrayCreationExpr(type.getElementType().clone(), levels, ai);
                }
                call.addArgument(context instanceof ForStmt ? castIfPrimitive(vd.getType(), value) : value);
            } else {
                throw new TraceException(TraceException.Reason.UNSUPPORTED,
                        "a declaration of " + vd.getNameAsString() + " in this place cannot be traced yet");
            }
        }

        private void write(Site site, Expression base) {
            Expression defining = site.defining();
            Node parent = defining.getParentNode().orElseThrow();
            if (parent instanceof ExpressionStmt es && !isSwitchExpressionValue(es)) {
                if (hookedSlots.contains(site.slot())) {
                    later(es, new ExpressionStmt(new AssignExpr(base.clone(), hook(site.slot(), base.clone()),
                            AssignExpr.Operator.ASSIGN)));
                }
                later(es, recordStatement(site, base));
                return;
            }
            if (parent instanceof ForStmt f) {
                // Init and update are lists of statement expressions: a record can follow the
                // definition there, which also works when it is a call returning nothing.
                NodeList<Expression> list = f.getUpdate().stream().anyMatch(x -> x == defining) ? f.getUpdate()
                        : f.getInitialization();
                list.add(indexOfIdentity(list, defining) + 1, record("a", site.slot(), site.variable(), base));
                return;
            }
            MethodCallExpr call;
            if (!site.direct()) {
                call = new MethodCallExpr(new NameExpr(REC), "m");
                defining.replace(call);
                call.setArguments(NodeList.nodeList(defining, intLiteral(site.slot()), intLiteral(site.variable()), base));
            } else if (defining instanceof UnaryExpr u && u.isPostfix()) {
                call = record("p", site.slot(), site.variable());
                defining.replace(call);
                call.addArgument(defining);
                call.addArgument(base);
            } else {
                call = record("a", site.slot(), site.variable());
                defining.replace(call);
                call.addArgument(defining);
            }
        }

        private static boolean isSwitchExpressionValue(ExpressionStmt es) {
            return es.getParentNode().orElse(null) instanceof SwitchEntry e && e.getType() == SwitchEntry.Type.EXPRESSION
                    && e.getParentNode().orElse(null) instanceof SwitchExpr;
        }

        private static BlockStmt blockBody(ForEachStmt fe) {
            if (fe.getBody() instanceof BlockStmt b) {
                return b;
            }
            BlockStmt block = new BlockStmt();
            Statement body = fe.getBody();
            fe.setBody(block);
            block.addStatement(body);
            return block;
        }

        private static ExpressionStmt copyStatement(int region) {
            return new ExpressionStmt(new MethodCallExpr(new NameExpr(REC), "e", NodeList.nodeList(intLiteral(region))));
        }

        private void later(Statement s, Statement record) {
            after.computeIfAbsent(s, k -> new ArrayList<>()).add(record);
        }

        private void insertAfter(Statement s, List<Statement> records) {
            Node parent = s.getParentNode().orElseThrow();
            NodeList<Statement> list = statementList(parent);
            if (list != null && !(parent instanceof SwitchEntry e && e.getType() == SwitchEntry.Type.EXPRESSION)) {
                list.addAll(indexOfIdentity(list, s) + 1, records);
                return;
            }
            BlockStmt block = new BlockStmt();
            if (parent instanceof SwitchEntry e) {
                e.setType(SwitchEntry.Type.BLOCK);
                e.setStatements(NodeList.nodeList(block));
            } else {
                s.replace(block);
            }
            block.addStatement(s);
            records.forEach(block::addStatement);
        }

        private void insertBefore(Statement s, Statement record) {
            NodeList<Statement> list = statementList(s.getParentNode().orElseThrow());
            list.add(indexOfIdentity(list, s), record);
        }

        private static NodeList<Statement> statementList(Node parent) {
            if (parent instanceof BlockStmt b) {
                return b.getStatements();
            }
            if (parent instanceof SwitchEntry e) {
                return e.getStatements();
            }
            return null;
        }

        private static <T extends Node> int indexOfIdentity(NodeList<T> list, Node node) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == node) {
                    return i;
                }
            }
            throw new IllegalStateException("node not in its parent's list: " + node);
        }

        private static Expression castIfPrimitive(Type type, Expression value) {
            if (type.isPrimitiveType()) {
                return new CastExpr(type.clone(), new EnclosedExpr(value));
            }
            return value;
        }

        private Statement recordStatement(Site site, Expression value) {
            return new ExpressionStmt(record("a", site.slot(), site.variable(), value));
        }

        private static MethodCallExpr record(String name, int slot, int variable, Expression... values) {
            NodeList<Expression> args = NodeList.nodeList(intLiteral(slot), intLiteral(variable));
            for (Expression v : values) {
                args.add(v);
            }
            return new MethodCallExpr(new NameExpr(REC), name, args);
        }

        private static IntegerLiteralExpr intLiteral(int value) {
            return new IntegerLiteralExpr(Integer.toString(value));
        }

        /**
         * The traced copy as source. It is put on the original method's last line, so it is
         * printed on one line unless a text block needs its line breaks.
         */
        private String printTraced() {
            String printed = new DefaultPrettyPrinter().print(method);
            if (method.findFirst(TextBlockLiteralExpr.class).isPresent()) {
                return printed;
            }
            StringBuilder one = new StringBuilder();
            for (String line : printed.split("\r?\n")) {
                if (one.length() > 0) {
                    one.append(' ');
                }
                one.append(line.strip());
            }
            return one.toString();
        }
    }

    private static String hash(List<Wire.SourceFile> sources, String className) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Wire.SourceFile f : sources) {
                digest.update(f.path().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(f.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            digest.update(className.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
