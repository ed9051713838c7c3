package liftsys.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import liftsys.wire.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class headers read off source files, and the files that hold concrete subtypes, through abstract ones. */
class ImplementationSourcesTest {
    @TempDir
    Path root;

    @Test
    void headersGiveTheSupertypesBySimpleNameWithoutTypeArgumentsOrComments() {
        String text = """
                package a.b;
                // class Fake extends Shape {
                /* class Other implements Shape { */
                public final class Box<T extends Comparable<T>> extends Base<Map<String, T>>
                        implements java.io.Serializable, Shape, Comparable<Box<T>> {
                    static abstract class Inner implements Shape {}
                    enum Kind implements Shape { A }
                    record Pair(int x) implements Shape {}
                    interface Sub extends Shape, Other {}
                }
                """;
        List<ImplementationSources.Declared> d = ImplementationSources.declarations("a/b/Box.java", text);
        assertEquals(List.of("Box", "Inner", "Kind", "Pair", "Sub"), d.stream().map(ImplementationSources.Declared::name)
                .toList());
        assertEquals(List.of("Base", "Serializable", "Shape", "Comparable"), d.get(0).supertypes());
        assertEquals(List.of(true, false, true, true, false), d.stream().map(ImplementationSources.Declared::concrete)
                .toList());
        assertEquals("a.b", d.get(0).packageName());
        assertEquals(List.of("Shape", "Other"), d.get(4).supertypes());
    }

    @Test
    void concreteSubtypesAreFoundThroughAbstractOnesAndOpenTextsWin() throws Exception {
        Files.createDirectories(root.resolve("p"));
        Files.writeString(root.resolve("p/Shape.java"), "package p; public interface Shape { double area(); }");
        Files.writeString(root.resolve("p/Polygon.java"), "package p; public abstract class Polygon implements Shape {}");
        Files.writeString(root.resolve("p/Square.java"), "package p; public class Square extends Polygon {}");
        Files.writeString(root.resolve("p/Doc.java"), "package p; class Doc { static double f(Shape s) { return 0; } }");
        Files.writeString(root.resolve("p/Circle.java"), "package p; public class Circle {}");
        Wire.Project project = new Wire.Project(List.of(root.toString()), List.of(
                new Wire.SourceFile("p/Circle.java", "package p; public class Circle implements Shape {}")));
        List<Wire.SourceFile> found = ImplementationSources.find(project, "test " + root, List.of(Shape.class),
                Set.of("p/Doc.java"));
        assertEquals(List.of("p/Circle.java", "p/Square.java"), found.stream().map(Wire.SourceFile::path).sorted()
                .toList());
        assertEquals("package p; public class Circle implements Shape {}", found.stream()
                .filter(f -> f.path().equals("p/Circle.java")).findFirst().orElseThrow().text());
    }

    /** Stands in for the project's interface (found by simple name). */
    interface Shape {
    }
}
