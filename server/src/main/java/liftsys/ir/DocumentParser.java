package liftsys.ir;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
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
 * each member is parsed alone, so a syntax error in one method leaves the others answerable; the
 * methods that do not parse are kept as {@link UnparsedMember}s with their first problem.
 */
public final class DocumentParser {
    private static final Pattern CALLABLE_NAME = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)\\s*\\(");
    private static final Pattern TYPE_HEADER =
            Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][A-Za-z0-9_$]*)");

    private final GraphCache graphs;

    public DocumentParser(GraphCache graphs) {
        this.graphs = graphs;
    }

    /**
     * The document's structure. Parsing runs on a large stack ({@link DeepStack}); a file that
     * nests deeper than {@link SourceScanner#MAX_NESTING}, or overflows even that stack, is read
     * member by member like a file with a syntax error, so one deep method costs only itself.
     */
    public JavaDocument parse(String text) {
        return DeepStack.call(() -> parseHere(text));
    }

    private JavaDocument parseHere(String text) {
        LineIndex lines = LineIndex.of(text);
        List<ParseProblem> problems = new ArrayList<>();
        if (SourceScanner.maxNesting(text, 0, text.length()) <= SourceScanner.MAX_NESTING) {
            try {
                ParseResult<CompilationUnit> result = newParser().parse(text);
                if (result.isSuccessful() && result.getResult().isPresent()) {
                    Collector collector = new Collector(new SourceFrame(lines, 0), text);
                    CompilationUnit unit = result.getResult().get();
                    for (TypeDeclaration<?> type : unit.getTypes()) {
                        collector.collectType(type, type.getNameAsString());
                    }
                    String packageName = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
                    return new JavaDocument(text, collector.members, collector.fields, List.of(), List.of(), graphs,
                            new JavaDocument.Outline(packageName, collector.types));
                }
                for (Problem p : result.getProblems()) {
                    problems.add(problem(p, new SourceFrame(lines, 0)));
                }
            } catch (StackOverflowError deep) {
                // Read member by member below: the deep member becomes a problem of its own.
            }
        }
        Collector collector = new Collector(null, text);
        for (OffsetRange span : SourceScanner.memberSpans(text)) {
            collector.collectSpan(span, ownerBefore(text, span.start()));
        }
        if (problems.isEmpty()) {
            collector.unparsed.forEach(u -> problems.add(u.problem()));
        }
        return new JavaDocument(text, collector.members, collector.fields, problems, collector.unparsed, graphs,
                new JavaDocument.Outline("", collector.types));
    }

    /**
     * A JavaParser problem placed where the user should look: at the token JavaParser found (its
     * location begins at the last token it accepted), or, when it wanted a ";" and found the next
     * line's first token, right after the last accepted token, as javac says "';' expected".
     */
    static ParseProblem problem(Problem p, SourceFrame frame) {
        if (p.getLocation().isEmpty()) {
            return new ParseProblem(p.getMessage(), -1);
        }
        JavaToken last = p.getLocation().get().getBegin();
        JavaToken found = last.getNextToken().orElse(null);
        while (found != null && found.getCategory().isWhitespaceOrComment()) {
            found = found.getNextToken().orElse(null);
        }
        if (found != null && last.getRange().isPresent() && found.getRange().isPresent()
                && found.getRange().get().begin.line > last.getRange().get().end.line
                && p.getMessage().contains("\";\"")) {
            return new ParseProblem("\";\" expected", frame.offsetOf(last.getRange().get().end) + 1);
        }
        JavaToken at = found != null && found.getRange().isPresent() ? found : last;
        return new ParseProblem(p.getMessage(), at.getRange().map(r -> frame.offsetOf(r.begin)).orElse(-1));
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
        private final List<UnparsedMember> unparsed = new ArrayList<>();
        private final List<TypeInfo> types = new ArrayList<>();
        private SourceFrame frame;
        private final String text;

        Collector(SourceFrame frame, String text) {
            this.frame = frame;
            this.text = text;
        }

        /** Parses one member alone; one that does not parse is recorded with its first problem. */
        void collectSpan(OffsetRange span, String owner) {
            String spanText = text.substring(span.start(), span.end());
            int depth = SourceScanner.maxNesting(spanText, 0, spanText.length());
            if (depth > SourceScanner.MAX_NESTING) {
                unparsed(span, ParseProblem.tooDeep("it nests " + depth + " levels deep (parentheses, brackets "
                        + "and braces), and liftsys reads methods up to " + SourceScanner.MAX_NESTING + " levels deep",
                        span.start()));
                return;
            }
            SourceFrame spanFrame = new SourceFrame(LineIndex.of(spanText), span.start());
            try {
                ParseResult<BodyDeclaration<?>> result =
                        newParser().parse(ParseStart.CLASS_BODY, Providers.provider(spanText));
                if (!result.isSuccessful() || result.getResult().isEmpty()) {
                    unparsed(span, result.getProblems().isEmpty() ? new ParseProblem("it does not parse", span.start())
                            : problem(result.getProblems().get(0), spanFrame));
                    return;
                }
                frame = spanFrame;
                collectMember(result.getResult().get(), owner);
            } catch (StackOverflowError e) {
                unparsed(span, ParseProblem.tooDeep("it nests too deeply to be read", span.start()));
            }
        }

        /** Records a span that looks like a method or constructor (a name, then a parameter list). */
        private void unparsed(OffsetRange span, ParseProblem problem) {
            int brace = text.indexOf('{', span.start());
            int headerEnd = brace < 0 || brace > span.end() ? span.end() : brace;
            Matcher m = CALLABLE_NAME.matcher(text).region(span.start(), headerEnd);
            String name = null;
            OffsetRange nameRange = null;
            while (m.find()) {
                if (m.start() == 0 || text.charAt(m.start() - 1) != '@') {
                    name = m.group(1);
                    nameRange = new OffsetRange(m.start(1), m.end(1));
                }
            }
            if (name != null) {
                unparsed.add(new UnparsedMember(name, span, nameRange, problem));
            }
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
