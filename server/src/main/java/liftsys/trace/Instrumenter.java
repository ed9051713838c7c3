package liftsys.trace;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import liftsys.ir.Definition;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.MemberKind;
import liftsys.ir.MethodGraph;
import liftsys.ir.TypeInfo;
import liftsys.ir.flow.MethodAnalysis;
import liftsys.ir.lower.Site;
import liftsys.wire.RecorderSource;
import liftsys.wire.Wire;

/**
 * Rewrites a copy of a document so that a traced copy of one method records the value of every
 * definition of its graph, by the graph's own ids. The original method and the rest of the
 * document are left as they are (the copy is added next to the method, on the same line, so
 * line numbers elsewhere do not move), so the traced code calls its real neighbours.
 *
 * <p>Where the values come from: the method's one lowering (DESIGN.md invariant 8). Each of its
 * sites that defines something records its value right after it happens ({@link SiteRecorder});
 * parameters and fields read are recorded on entry ({@link EntryRecords}), {@code return} at every
 * return statement. A definition that does not run keeps its variable's value on entry to the
 * enclosing conditional region, one of the lowering's {@link liftsys.ir.flow.Region}s
 * ({@link RegionCopies}), or the type's zero if the variable had none. Stateless; thread-safe.
 */
final class Instrumenter {
    static final String TRACED_METHOD = "$liftsys$trace";

    private Instrumenter() {
    }

    static InstrumentedMethod instrument(JavaDocument document, Member member, MethodGraph graph)
            throws TraceException {
        return instrument(document, member, graph, Set.of());
    }

    /**
     * The instrumentation with intervention hooks ({@code $ls.x}) at the definitions {@code hooked}
     * ({@link HookPlan} says which can take one). Parameters on entry are changed by the worker, not here.
     *
     * @throws TraceException UNSUPPORTED, saying why, when one of them cannot be hooked
     */
    static InstrumentedMethod instrument(JavaDocument document, Member member, MethodGraph graph, Set<String> hooked)
            throws TraceException {
        String text = document.text();
        if (member.kind() == MemberKind.CONSTRUCTOR) {
            throw new TraceException(TraceException.Reason.UNSUPPORTED,
                    "constructors cannot be traced yet (" + member.ownerType() + "); trace a method");
        }
        if (member.range().end() > text.length()
                || !text.substring(member.range().start(), member.range().end()).equals(member.text())) {
            throw new TraceException(TraceException.Reason.TRACE_FAILED,
                    "the method " + member.name() + " is not part of this version of the document");
        }
        if (!document.problems().isEmpty()) {
            throw new TraceException(TraceException.Reason.TRACE_FAILED,
                    "the document does not parse: " + document.problems().get(0).message());
        }
        MethodAnalysis analysis = document.analysisOf(member);
        if (!ids(analysis.graph()).equals(ids(graph))) {
            throw new TraceException(TraceException.Reason.TRACE_FAILED,
                    "the graph given for " + member.name() + " is not the graph of its text");
        }
        return instrument(document, member, analysis, hooked);
    }

    private static List<String> ids(MethodGraph graph) {
        return graph.definitions().stream().map(Definition::id).toList();
    }

    private static InstrumentedMethod instrument(JavaDocument document, Member member, MethodAnalysis analysis,
                                                 Set<String> hooked) throws TraceException {
        MethodDeclaration method = (MethodDeclaration) analysis.lowering().declaration();
        // Everything read off the syntax tree is read before the rewrite changes it.
        FieldLookup fields = new FieldLookup(document, member, method);
        TypeKinds kinds = new TypeKinds(document, member, analysis, fields);
        byte[] staticKinds = kinds.staticKinds();
        SamplingHints hints = SamplingHints.of(method);
        List<String> strings = StringHints.pool(method, hints);
        Slots slots = Slots.of(analysis);
        HookPlan hooks = HookPlan.of(hooked, slots, kinds, member.name());
        RegionCopies regions = new RegionCopies(analysis.regions(), slots);
        EntryRecords entry = EntryRecords.of(slots, fields);
        InputFacts facts = InputFacts.of(analysis.lowering(), entry.inputs(), entry.inputTypes(), fields);

        SiteRecorder recorder = new SiteRecorder(slots, hooks);
        recorder.recordAll();
        analysis.returnDefinition().ifPresent(d -> recordReturns(method, analysis, slots, d));
        recorder.finish();
        regions.apply();
        method.getBody().orElseThrow().getStatements().addAll(0, entry.statements());
        method.setName(TRACED_METHOD);
        method.getAnnotations().clear();
        method.getParameters().forEach(p -> p.getAnnotations().clear());
        method.getParameters().addFirst(new Parameter(
                new ClassOrInterfaceType(new ClassOrInterfaceType(null, RecorderSource.PACKAGE), "R"), Rewrites.REC));

        String constants = facts.constantsMethod();
        String traced = print(method);
        // The constants method goes with the copy: a compile error in either is a liftsys bug.
        String copy = traced + (constants.isEmpty() ? "" : " " + constants);
        String text = document.text();
        int end = member.range().end();
        String instrumented = text.substring(0, end) + " " + copy + text.substring(end);
        String packageName = document.outline().packageName();
        String fileName = primaryTypeName(document) + ".java";
        String path = packageName.isEmpty() ? fileName : packageName.replace('.', '/') + "/" + fileName;
        String className = (packageName.isEmpty() ? "" : packageName + ".") + member.ownerType().replace('.', '$');
        List<Wire.SourceFile> sources = List.of(new Wire.SourceFile(path, instrumented),
                new Wire.SourceFile(RecorderSource.PATH, RecorderSource.TEXT));
        MethodGraph graph = analysis.graph();
        int[] slotVariable = new int[graph.definitions().size()];
        for (int i = 0; i < slotVariable.length; i++) {
            slotVariable[i] = slots.variable(graph.variable(graph.definitions().get(i).variableId()));
        }
        return new InstrumentedMethod(hash(sources, className), sources, className, TRACED_METHOD, ids(graph),
                slotVariable, staticKinds, regions.pairs(), entry.inputs(), entry.inputTypes(), hints.numbers(),
                strings, hints.chars(), traced, end + 1, end + 1 + copy.length(), hooks.types(),
                facts.facts(), facts.constantCount(), hints.strings());
    }

    /** Every return statement with a value records it into the return slot, cast back to the method's type. */
    private static void recordReturns(MethodDeclaration method, MethodAnalysis analysis, Slots slots, Definition d) {
        int slot = slots.slot(d);
        int variable = slots.variable(analysis.graph().variable(d.variableId()));
        for (Site.ReturnValue site : analysis.lowering().returns()) {
            ReturnStmt r = site.node();
            Expression value = r.getExpression().orElseThrow();
            MethodCallExpr call = Rewrites.record("a", slot, variable);
            r.setExpression(call);
            call.addArgument(Rewrites.castIfPrimitive(method.getType(), value));
        }
    }

    /** The document's public top-level type, else its first one: the name its file must have. */
    private static String primaryTypeName(JavaDocument document) throws TraceException {
        List<TypeInfo> topLevel = document.outline().types().stream().filter(TypeInfo::topLevel).toList();
        if (topLevel.isEmpty()) {
            throw new TraceException(TraceException.Reason.TRACE_FAILED, "the document declares no type");
        }
        return topLevel.stream().filter(TypeInfo::isPublic).findFirst().orElse(topLevel.get(0)).name();
    }

    /**
     * The traced copy as source. It is put on the original method's last line, so it is
     * printed on one line unless a text block needs its line breaks.
     */
    private static String print(MethodDeclaration method) {
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
