package liftsys.bench;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which methods the real-code evaluation asks about, chosen the same way on every run: files in
 * path order, spread evenly over the project (for the simple set, over the files that have at
 * least {@code perFile} such methods first); in each, the first methods (in source order,
 * declared by the file's top-level class or enum, with a body and at least one parameter).
 * Set "simple": methods whose parameters are all primitives, Strings or arrays of those; set
 * "any": one method per other file with at least one parameter of another type.
 */
final class RealCodeMethods {
    /** One question: a method and the position of its first parameter's name (0-based, as LSP). */
    record Question(String set, String library, Path file, String method, String signature, String parameter,
                    int line, int character) {
    }

    private static final Set<String> SIMPLE = Set.of("byte", "short", "int", "long", "float", "double", "boolean",
            "char", "String", "java.lang.String");

    private RealCodeMethods() {
    }

    /**
     * The simple set: {@code files} files with at least one simple method, up to
     * {@code perFile} methods each; then the any set: {@code anyCount} methods of other files.
     */
    static List<Question> choose(String library, Path javaRoot, int files, int perFile, int anyCount,
                                 Set<Path> exclude) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(javaRoot)) {
            all = walk.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java"))
                    .sorted().toList();
        }
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        List<List<Question>> simpleByFile = new ArrayList<>();
        List<Question> anyByFile = new ArrayList<>();
        for (Path file : all) {
            if (exclude.contains(file)) {
                continue;
            }
            Optional<CompilationUnit> unit = parser.parse(file).getResult();
            if (unit.isEmpty()) {
                continue;
            }
            List<Question> simple = new ArrayList<>();
            Question any = null;
            for (MethodDeclaration m : topLevelMethods(unit.get())) {
                boolean allSimple = m.getParameters().stream().allMatch(p -> simple(p.getType()));
                if (allSimple && simple.size() < perFile) {
                    simple.add(question("simple", library, file, m));
                } else if (!allSimple && any == null) {
                    any = question("any", library, file, m);
                }
            }
            if (!simple.isEmpty()) {
                simpleByFile.add(simple);
            }
            if (any != null) {
                anyByFile.add(any);
            }
        }
        List<Question> out = new ArrayList<>();
        Set<Path> used = new HashSet<>();
        // Files with a full share of simple methods first (utility classes, as a user would try),
        // then the others, so N files give about N x perFile methods.
        List<List<Question>> full = simpleByFile.stream().filter(q -> q.size() >= perFile).toList();
        List<List<Question>> chosen = new ArrayList<>(spread(full, files));
        if (chosen.size() < files) {
            List<List<Question>> rest = simpleByFile.stream().filter(q -> q.size() < perFile).toList();
            chosen.addAll(spread(rest, files - chosen.size()));
        }
        for (List<Question> fileQuestions : chosen) {
            out.addAll(fileQuestions);
            used.add(fileQuestions.get(0).file());
        }
        List<Question> otherFiles = anyByFile.stream().filter(q -> !used.contains(q.file())).toList();
        out.addAll(spread(otherFiles, anyCount));
        return out;
    }

    /** {@code count} items spread evenly over the list (all of it when it is shorter). */
    static <T> List<T> spread(List<T> items, int count) {
        if (items.size() <= count) {
            return items;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(items.get((int) ((long) i * items.size() / count)));
        }
        return out;
    }

    private static List<MethodDeclaration> topLevelMethods(CompilationUnit unit) {
        List<MethodDeclaration> out = new ArrayList<>();
        for (TypeDeclaration<?> type : unit.getTypes()) {
            boolean classLike = (type instanceof ClassOrInterfaceDeclaration c && !c.isInterface())
                    || type instanceof EnumDeclaration;
            if (!classLike) {
                continue;
            }
            for (MethodDeclaration m : type.getMethods()) {
                if (m.getBody().isPresent() && !m.getParameters().isEmpty()) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static boolean simple(Type type) {
        Type t = type;
        while (t instanceof ArrayType a) {
            t = a.getComponentType();
        }
        return t.isPrimitiveType() || SIMPLE.contains(t.asString());
    }

    private static Question question(String set, String library, Path file, MethodDeclaration m) {
        Parameter first = m.getParameter(0);
        var begin = first.getName().getBegin().orElseThrow();
        String owner = m.getParentNode().filter(TypeDeclaration.class::isInstance)
                .map(n -> ((TypeDeclaration<?>) n).getNameAsString()).orElse("?");
        return new Question(set, library, file, owner + "." + m.getNameAsString(), m.getDeclarationAsString(false,
                false, false), first.getNameAsString(), begin.line - 1, begin.column - 1);
    }
}
