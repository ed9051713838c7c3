package liftsys.ir;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParseStart;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.Providers;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liftsys.text.LineIndex;
import liftsys.text.OffsetRange;

/**
 * Parses a document's text into a {@link JavaDocument}. When the file as a whole does not parse,
 * each member is parsed alone, so a syntax error in one method leaves the others answerable.
 */
public final class DocumentParser {
    private static final Pattern TYPE_HEADER =
            Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][A-Za-z0-9_$]*)");

    private final GraphCache graphs;

    public DocumentParser(GraphCache graphs) {
        this.graphs = graphs;
    }

    public JavaDocument parse(String text) {
        JavaParser parser = newParser();
        ParseResult<CompilationUnit> result = parser.parse(text);
        LineIndex lines = LineIndex.of(text);
        if (result.isSuccessful() && result.getResult().isPresent()) {
            Collector collector = new Collector(new SourceFrame(lines, 0), text);
            CompilationUnit unit = result.getResult().get();
            for (TypeDeclaration<?> type : unit.getTypes()) {
                collector.collectType(type, type.getNameAsString());
            }
            String packageName = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
            return new JavaDocument(text, collector.members, collector.fields, List.of(), graphs,
                    new JavaDocument.Outline(packageName, collector.types));
        }
        List<ParseProblem> problems = new ArrayList<>();
        for (Problem p : result.getProblems()) {
            int offset = p.getLocation()
                    .flatMap(l -> l.getBegin().getRange())
                    .map(r -> new SourceFrame(lines, 0).offsetOf(r.begin))
                    .orElse(-1);
            problems.add(new ParseProblem(p.getMessage(), offset));
        }
        Collector collector = new Collector(null, text);
        for (OffsetRange span : SourceScanner.memberSpans(text)) {
            collector.collectSpan(span, ownerBefore(text, span.start()));
        }
        return new JavaDocument(text, collector.members, collector.fields, problems, graphs,
                new JavaDocument.Outline("", collector.types));
    }

    /**
     * A parser with validators off (DESIGN.md invariant 3: they cost about 64% of a parse). The
     * level is JAVA_17, not RAW, because JavaParser parses {@code yield} statements only at a
     * level that has them; the processors (validators, post-processors, comments) are removed.
     */
    public static JavaParser newParser() {
        ParserConfiguration config = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setAttributeComments(false)
                .setTabSize(1);
        config.getProcessors().clear();
        return new JavaParser(config);
    }

    private static String ownerBefore(String text, int offset) {
        Matcher m = TYPE_HEADER.matcher(text);
        String owner = "";
        while (m.find() && m.start() < offset) {
            owner = m.group(1);
        }
        return owner;
    }

    /** Walks types and collects their callable members and fields with absolute offsets. */
    private static final class Collector {
        private final List<Member> members = new ArrayList<>();
        private final List<FieldInfo> fields = new ArrayList<>();
        private final List<TypeInfo> types = new ArrayList<>();
        private SourceFrame frame;
        private final String text;

        Collector(SourceFrame frame, String text) {
            this.frame = frame;
            this.text = text;
        }

        void collectSpan(OffsetRange span, String owner) {
            String spanText = text.substring(span.start(), span.end());
            ParseResult<BodyDeclaration<?>> result =
                    newParser().parse(ParseStart.CLASS_BODY, Providers.provider(spanText));
            if (!result.isSuccessful() || result.getResult().isEmpty()) {
                return;
            }
            frame = new SourceFrame(LineIndex.of(spanText), span.start());
            collectMember(result.getResult().get(), owner);
        }

        void collectType(TypeDeclaration<?> type, String owner) {
            types.add(new TypeInfo(type.getNameAsString(), owner, type.isEnumDeclaration(),
                    type.hasModifier(com.github.javaparser.ast.Modifier.Keyword.PUBLIC), type.isTopLevelType()));
            for (BodyDeclaration<?> member : type.getMembers()) {
                collectMember(member, owner);
            }
        }

        private void collectMember(BodyDeclaration<?> member, String owner) {
            if (member instanceof MethodDeclaration m && m.getBody().isPresent()) {
                add(m, MemberKind.METHOD, owner, m.isStatic(), m.getTypeAsString());
            } else if (member instanceof ConstructorDeclaration c) {
                add(c, MemberKind.CONSTRUCTOR, owner, false, "void");
            } else if (member instanceof FieldDeclaration f) {
                for (VariableDeclarator v : f.getVariables()) {
                    fields.add(new FieldInfo(owner, v.getNameAsString(), frame.rangeOf(v.getName()),
                            v.getTypeAsString(), f.isStatic(),
                            v.getInitializer().map(Node::toString).orElse("")));
                }
            } else if (member instanceof TypeDeclaration<?> nested) {
                collectType(nested, owner + "." + nested.getNameAsString());
            }
        }

        private void add(CallableDeclaration<?> declaration, MemberKind kind, String owner, boolean isStatic,
                         String returnType) {
            OffsetRange range = frame.rangeOf(declaration);
            List<String> parameterTypes = declaration.getParameters().stream()
                    .map(p -> p.getTypeAsString() + (p.isVarArgs() ? "..." : "")).toList();
            var body = declaration instanceof MethodDeclaration m ? m.getBody().orElseThrow()
                    : ((ConstructorDeclaration) declaration).getBody();
            members.add(new Member(declaration.getNameAsString(), kind, owner, isStatic, parameterTypes,
                    returnType, range, frame.rangeOf(declaration.getName()), frame.rangeOf(body),
                    text.substring(range.start(), range.end())));
        }
    }
}
