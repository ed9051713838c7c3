package liftsys.worker;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import liftsys.wire.Wire;

/**
 * Compiles sources to class bytes in memory with the JDK's compiler, in the worker JVM (where
 * javac stays warm, and where a compiler crash cannot reach the server). Results, errors
 * included, are cached by key, so a method's content is compiled once. Synchronized: one
 * compilation at a time.
 */
final class InMemoryCompiler {
    private static final int CACHE_SIZE = 64;

    /** Class bytes by binary name, or the first error and its offset in the first source (else -1). */
    record Result(Map<String, byte[]> classes, String error, long errorPosition) {
        static Result failed(String error) {
            return new Result(Map.of(), error, -1);
        }
    }

    /** Sibling classes kept per project content; a few, since a worker serves a few documents at a time. */
    private static final int PROJECTS_KEPT = 4;

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final Map<String, ProjectClasses> projects = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ProjectClasses> eldest) {
            return size() > PROJECTS_KEPT;
        }
    };
    /** Whether the last compile reused kept sibling classes (for tests and the benchmark). */
    private boolean reusedSiblings;
    private final StandardJavaFileManager standard;
    private final Map<String, Result> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Result> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    InMemoryCompiler() {
        if (javac == null) {
            throw new IllegalStateException("this Java runtime has no compiler (a JRE, not a JDK)");
        }
        standard = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }

    synchronized boolean cached(String key) {
        return cache.containsKey(key);
    }

    synchronized Result compile(String key, List<Wire.SourceFile> sources, List<String> classpath) {
        return compile(key, sources, classpath, Wire.Project.NONE);
    }

    /**
     * Compiles {@code sources} against the class path and, for a project, with its source path:
     * the sibling classes they use are compiled too ({@code -implicit:class}) and returned with them.
     */
    synchronized Result compile(String key, List<Wire.SourceFile> sources, List<String> classpath,
                                Wire.Project project) {
        return compile(key, sources, classpath, project, null);
    }

    /**
     * The same, reusing the sibling classes kept under {@code siblingsKey} (null: none kept): the
     * document alone is compiled against them. Without them, or when that compile fails (its
     * errors are then told by a full compile, as before), everything is compiled, and the sibling
     * classes it produced are kept under the key.
     */
    synchronized Result compile(String key, List<Wire.SourceFile> sources, List<String> classpath,
                                Wire.Project project, String siblingsKey) {
        Result cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        reusedSiblings = false;
        ProjectClasses kept = siblingsKey == null ? null : projects.get(siblingsKey);
        Result result = null;
        if (kept != null) {
            Compiled against = doCompile(sources, classpath, project, kept);
            if (against.result().error() == null) {
                Map<String, byte[]> all = new HashMap<>(kept.classes());
                all.putAll(against.result().classes());
                result = new Result(all, null, -1);
                reusedSiblings = true;
            }
        }
        if (result == null) {
            Compiled full = doCompile(sources, classpath, project, null);
            result = full.result();
            if (siblingsKey != null && result.error() == null) {
                projects.put(siblingsKey, full.siblings());
            }
        }
        cache.put(key, result);
        return result;
    }

    synchronized boolean reusedSiblings() {
        return reusedSiblings;
    }

    /** A compile's result, and of its classes those compiled from the source path (not from the given sources). */
    private record Compiled(Result result, ProjectClasses siblings) {
        static Compiled failed(String error) {
            return new Compiled(Result.failed(error), null);
        }
    }

    private Compiled doCompile(List<Wire.SourceFile> sources, List<String> classpath, Wire.Project project,
                               ProjectClasses kept) {
        List<File> entries = new ArrayList<>();
        classpath.forEach(e -> entries.add(new File(e)));
        List<File> sourceRoots = new ArrayList<>();
        project.sourcePath().forEach(e -> sourceRoots.add(new File(e)));
        try {
            standard.setLocation(StandardLocation.CLASS_PATH, entries);
            standard.setLocation(StandardLocation.SOURCE_PATH, sourceRoots);
        } catch (IOException e) {
            return Compiled.failed("bad class path entry: " + e.getMessage());
        }
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        Map<String, URI> origin = new HashMap<>();
        JavaFileManager sourcePath = new SourcePathFiles(standard, project.openSources());
        ForwardingJavaFileManager<JavaFileManager> files = new ForwardingJavaFileManager<>(
                kept == null ? sourcePath : kept.around(sourcePath)) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                if (sibling != null) {
                    origin.put(className, sibling.toUri());
                }
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        out.put(className, bytes);
                        return bytes;
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        for (Wire.SourceFile f : sources) {
            units.add(new SimpleJavaFileObject(URI.create("string:///" + f.path()), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return f.text();
                }
            });
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        // With a source path, the sibling classes javac compiles are needed at run time: keep them.
        String implicit = sourceRoots.isEmpty() ? "-implicit:none" : "-implicit:class";
        List<String> options = List.of("-proc:none", "-g", "-nowarn", "-Xlint:none", implicit);
        boolean ok;
        try {
            ok = javac.getTask(new StringWriter(), files, diagnostics, options, null, units).call();
        } catch (RuntimeException crash) {
            return Compiled.failed("the compiler failed: " + crash);
        }
        if (!ok) {
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    // A sibling source is named by its path (the user opens it); the document by its name.
                    String where = d.getSource() == null ? "" : (units.stream().anyMatch(u -> u.toUri().equals(
                            d.getSource().toUri())) ? fileName(d.getSource()) : d.getSource().toUri().getPath())
                            + ":" + d.getLineNumber() + ": ";
                    // Positions count in the traced document only (not the recorder, not a sibling source).
                    boolean document = d.getSource() != null && !units.isEmpty()
                            && d.getSource().toUri().equals(units.get(0).toUri());
                    return new Compiled(new Result(Map.of(), where + oneLine(d.getMessage(Locale.ROOT)),
                            document ? d.getPosition() : -1), null);
                }
            }
            return Compiled.failed("the compiler reported failure without a message");
        }
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        java.util.Set<URI> given = new java.util.HashSet<>();
        units.forEach(u -> given.add(u.toUri()));
        Map<String, byte[]> siblings = new HashMap<>();
        java.util.Set<URI> siblingSources = new java.util.HashSet<>();
        classes.forEach((name, bytes) -> {
            URI from = origin.get(name);
            if (from != null && !given.contains(from)) {
                siblings.put(name, bytes);
                siblingSources.add(from);
            }
        });
        return new Compiled(new Result(classes, null, -1), new ProjectClasses(siblings, siblingSources));
    }

    /** javac's "cannot find symbol\n  symbol: variable x\n  location: ..." as "cannot find symbol: variable x". */
    private static String oneLine(String message) {
        String[] lines = message.strip().split("\\R");
        StringBuilder out = new StringBuilder(lines[0].strip());
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("symbol:")) {
                out.append(": ").append(line.substring("symbol:".length()).strip().replaceAll("\\s+", " "));
            }
        }
        return out.toString();
    }

    private static String fileName(JavaFileObject source) {
        String path = source.toUri().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
