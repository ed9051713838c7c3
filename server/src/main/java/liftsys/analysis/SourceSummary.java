package liftsys.analysis;

import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liftsys.ir.DocumentParser;
import liftsys.ir.SourceScanner;

/**
 * One Java source file as a content key needs it ({@link ReachedCode}): its package, its imports,
 * and per type (nested types too) its shape and its methods, each as a normalised token text with
 * the identifiers it uses. A type's shape is what runs or is read whenever the type is used at
 * all: its header (supertypes), fields with their initializers, initializer blocks, constructors
 * and enum constants. Methods are kept by name, since a call is matched by name (all overloads).
 * Texts are tokens joined by one space, so layout and comments do not count. Immutable.
 *
 * @param packageName the package ("" for none)
 * @param imports     the imports as written ("a.b.C", "a.b.*", "static a.b.C.m", "static a.b.C.*")
 * @param types       every type of the file, outer before nested
 */
record SourceSummary(String packageName, List<String> imports, List<TypeSummary> types) {
    private static final Pattern TYPE_HEADER =
            Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][A-Za-z0-9_$]*)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    /** A piece of code: its normalised text, and the identifiers in it. */
    record Part(String text, Set<String> names) {
    }

    /**
     * One type.
     *
     * @param qualifiedName "pkg.Outer.Inner"
     * @param simpleName    "Inner"
     * @param shape         header, fields, initializers, constructors, enum constants
     * @param methods       the methods by name, overloads together
     */
    record TypeSummary(String qualifiedName, String simpleName, Part shape, Map<String, List<Part>> methods) {
    }

    /** The file read with JavaParser; a file that does not parse is kept whole under each type name it declares. */
    static SourceSummary of(String text) {
        if (SourceScanner.maxNesting(text, 0, text.length()) > SourceScanner.MAX_NESTING) {
            return unparsed(text);
        }
        try {
            ParseResult<CompilationUnit> result = DocumentParser.newParser().parse(text);
            if (!result.isSuccessful() || result.getResult().isEmpty()) {
                return unparsed(text);
            }
            return read(result.getResult().get());
        } catch (StackOverflowError deep) {
            return unparsed(text);
        }
    }

    private static SourceSummary read(CompilationUnit unit) {
        String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        List<String> imports = new ArrayList<>();
        for (ImportDeclaration i : unit.getImports()) {
            imports.add((i.isStatic() ? "static " : "") + i.getNameAsString() + (i.isAsterisk() ? ".*" : ""));
        }
        List<TypeSummary> types = new ArrayList<>();
        for (TypeDeclaration<?> type : unit.getTypes()) {
            collect(type, pkg.isEmpty() ? type.getNameAsString() : pkg + "." + type.getNameAsString(), types);
        }
        return new SourceSummary(pkg, List.copyOf(imports), List.copyOf(types));
    }

    private static void collect(TypeDeclaration<?> type, String qualifiedName, List<TypeSummary> out) {
        StringBuilder shape = new StringBuilder();
        Set<String> shapeNames = new LinkedHashSet<>();
        // The header: everything from the type's first token to its body's opening brace.
        appendTokens(type, shape, shapeNames, true);
        Map<String, List<Part>> methods = new LinkedHashMap<>();
        List<TypeDeclaration<?>> nested = new ArrayList<>();
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof MethodDeclaration method) {
                methods.computeIfAbsent(method.getNameAsString(), k -> new ArrayList<>()).add(part(method));
            } else if (member instanceof TypeDeclaration<?> inner) {
                nested.add(inner);
            } else {
                shape.append(" | ");
                appendTokens(member, shape, shapeNames, false);
            }
        }
        if (type instanceof com.github.javaparser.ast.body.EnumDeclaration e) {
            e.getEntries().forEach(entry -> {
                shape.append(" | ");
                appendTokens(entry, shape, shapeNames, false);
            });
        }
        out.add(new TypeSummary(qualifiedName, type.getNameAsString(), new Part(shape.toString(), Set.copyOf(shapeNames)),
                Map.copyOf(methods)));
        for (TypeDeclaration<?> inner : nested) {
            collect(inner, qualifiedName + "." + inner.getNameAsString(), out);
        }
    }

    private static Part part(Node node) {
        StringBuilder text = new StringBuilder();
        Set<String> names = new LinkedHashSet<>();
        appendTokens(node, text, names, false);
        return new Part(text.toString(), Set.copyOf(names));
    }

    /** The node's tokens but whitespace and comments, one space apart; {@code headerOnly} stops at the first "{". */
    private static void appendTokens(Node node, StringBuilder text, Set<String> names, boolean headerOnly) {
        if (node.getTokenRange().isEmpty()) {
            String printed = node.toString();
            text.append(SourceScanner.normalise(printed));
            Matcher m = IDENTIFIER.matcher(printed);
            while (m.find()) {
                names.add(m.group());
            }
            return;
        }
        for (JavaToken token : node.getTokenRange().get()) {
            if (token.getCategory().isWhitespaceOrComment()) {
                continue;
            }
            if (headerOnly && token.getText().equals("{")) {
                break;
            }
            if (token.getCategory().isIdentifier()) {
                names.add(token.getText());
            }
            text.append(token.getText()).append(' ');
        }
    }

    /** A file that does not parse: its whole normalised text stands for each type it seems to declare. */
    private static SourceSummary unparsed(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        Part whole = new Part(SourceScanner.normalise(text), Set.copyOf(names));
        Matcher p = PACKAGE.matcher(text);
        String pkg = p.find() ? p.group(1) : "";
        List<TypeSummary> types = new ArrayList<>();
        Matcher t = TYPE_HEADER.matcher(text);
        while (t.find()) {
            String name = t.group(1);
            types.add(new TypeSummary(pkg.isEmpty() ? name : pkg + "." + name, name, whole, Map.of()));
        }
        return new SourceSummary(pkg, List.of(), List.copyOf(types));
    }
}
