package liftsys.analysis;

import com.sun.source.util.JavacTask;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * The first compile error of a document's own text, found by javac in the server. The worker
 * compiles an instrumented copy of the document, whose lines after the traced method are shifted,
 * so its errors cannot be shown to the user as they are; this reads the text the user sees.
 * Nothing is run and no class file is written ({@code analyze} stops after attribution, and
 * annotation processing is off). Used only when the worker says the document does not compile,
 * and after edits while a "does not compile" diagnostic is shown. Synchronized, with a small cache
 * by text and class path.
 */
public final class CompileCheck {
    /**
     * A compile error: its offset in the text and javac's message, shortened to one line; for an
     * error in another file of the project (a sibling source), that file and its 1-based line.
     */
    public record Error(long offset, String message, String file, long line) {
        public Error(long offset, String message) {
            this(offset, message, null, 0);
        }
    }

    private static final int CACHE_SIZE = 16;
    private final Map<String, Optional<Error>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Error>> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** The first error javac reports for the text with the class path, or empty when it compiles. */
    public synchronized Optional<Error> firstError(String text, List<String> classpath) {
        return firstError(text, classpath, liftsys.trace.TraceProject.NONE);
    }

    /**
     * The same for a document of a project: against the build's class path (then the setting's),
     * with the project's source roots as javac's source path, so sibling classes are found and an
     * error in one of them is told with its file and line.
     */
    public synchronized Optional<Error> firstError(String text, List<String> classpath,
                                                   liftsys.trace.TraceProject project) {
        List<String> all = new ArrayList<>(project.classPath());
        all.addAll(classpath);
        String key = String.join(File.pathSeparator, all) + "\u0000" + project.sourceRoots() + "\u0000" + text;
        Optional<Error> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<Error> result = compile(text, all, project.sourceRoots());
        cache.put(key, result);
        return result;
    }

    private static Optional<Error> compile(String text, List<String> classpath, List<String> sourceRoots) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return Optional.empty();
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<File> entries = new ArrayList<>();
            classpath.forEach(e -> entries.add(new File(e)));
            files.setLocation(StandardLocation.CLASS_PATH, entries);
            List<File> roots = new ArrayList<>();
            sourceRoots.forEach(r -> roots.add(new File(r)));
            files.setLocation(StandardLocation.SOURCE_PATH, roots);
            JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///Document.java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }

                /** Any public class may be in it: the document's own file name is the editor's business. */
                @Override
                public boolean isNameCompatible(String simpleName, Kind kind) {
                    return kind == Kind.SOURCE;
                }
            };
            JavacTask task = (JavacTask) javac.getTask(new StringWriter(), files, diagnostics,
                    List.of("-proc:none", "-nowarn", "-Xlint:none", "-implicit:none"), null, List.of(source));
            task.analyze();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                boolean elsewhere = d.getSource() != null && !"string".equals(d.getSource().toUri().getScheme());
                return Optional.of(elsewhere
                        ? new Error(-1, oneLine(d.getMessage(Locale.ROOT)), d.getSource().toUri().getPath(),
                                d.getLineNumber())
                        : new Error(d.getPosition(), oneLine(d.getMessage(Locale.ROOT))));
            }
        }
        return Optional.empty();
    }

    /** "cannot find symbol\n  symbol: variable x\n  location: class A" as "cannot find symbol: variable x". */
    static String oneLine(String message) {
        String[] lines = message.strip().split("\\R");
        String out = lines[0].strip();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("symbol:")) {
                out += ": " + line.substring("symbol:".length()).strip().replaceAll("\\s+", " ");
            }
        }
        return out;
    }
}
