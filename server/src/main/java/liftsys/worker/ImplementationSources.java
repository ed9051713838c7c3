package liftsys.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import liftsys.wire.Wire;

/**
 * Finds, among a project's source files, the concrete classes that extend or implement the
 * abstract types the worker could not make (an abstract receiver, an interface parameter): javac
 * compiles only the siblings a document uses, so a subclass nobody names there is not compiled.
 * It reads the class headers of every file under the source roots (an open document's text wins
 * over its file), follows abstract subclasses down to concrete ones by simple name, and returns
 * the files that declare them, so the worker compiles them with the document; a name that matches
 * the wrong class only costs a compile, since what is used is checked with the loaded classes.
 * The headers of a source path are read once per worker and reused while its stamp holds (about
 * 0.2 s for Commons Math's thousand files). Worker side, JDK only; thread-safe.
 */
final class ImplementationSources {
    /** Files returned per abstract type at most. */
    static final int PER_TYPE = 4;
    private static final Pattern HEADER = Pattern.compile(
            "\\b((?:(?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*)"
                    + "(class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)([^{;]*)\\{");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Map<String, Index> INDEXES = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Index> eldest) {
            return size() > 4;
        }
    };

    /** A type declared in a source file, with the simple names of its supertypes. */
    record Declared(String path, String packageName, String name, boolean concrete, List<String> supertypes) {
    }

    /**
     * Every declaration under a source path, by the simple names of their supertypes; where each
     * file is (relative path to file on disk), and the open documents' texts, which win.
     */
    record Index(Map<String, List<Declared>> bySupertype, Map<String, Path> files, Map<String, String> open) {
        String text(String path) {
            String t = open.get(path);
            return t != null ? t : files.containsKey(path) ? readText(files.get(path)) : null;
        }
    }

    private ImplementationSources() {
    }

    /**
     * The source files (paths relative to their root, with their text) that declare concrete
     * subtypes of the types, those in a type's own package first, at most {@link #PER_TYPE} per
     * type; never one of {@code exclude} (relative paths already compiled as documents).
     *
     * @param stamp the source path's {@link SourcePathStamp}, which says when the headers must be read again
     */
    static List<Wire.SourceFile> find(Wire.Project project, String stamp, Collection<Class<?>> types,
                                      Set<String> exclude) {
        if (project.sourcePath().isEmpty() || types.isEmpty()) {
            return List.of();
        }
        Index index;
        synchronized (INDEXES) {
            index = INDEXES.computeIfAbsent(stamp, k -> read(project));
        }
        Map<String, Wire.SourceFile> out = new LinkedHashMap<>();
        for (Class<?> type : types) {
            List<Declared> found = concreteSubtypes(index, type.getSimpleName());
            found.sort(java.util.Comparator.comparing((Declared d) -> !d.packageName().equals(type.getPackageName()))
                    .thenComparing(Declared::path));
            int taken = 0;
            for (Declared d : found) {
                if (taken >= PER_TYPE) {
                    break;
                }
                String text = exclude.contains(d.path()) || out.containsKey(d.path()) ? null : index.text(d.path());
                if (text != null) {
                    out.put(d.path(), new Wire.SourceFile(d.path(), text));
                    taken++;
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** Concrete declarations below a simple name, through abstract ones, breadth first. */
    private static List<Declared> concreteSubtypes(Index index, String name) {
        List<Declared> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(name));
        while (!queue.isEmpty() && seen.size() < 200) {
            String next = queue.poll();
            if (!seen.add(next)) {
                continue;
            }
            for (Declared d : index.bySupertype().getOrDefault(next, List.of())) {
                if (d.concrete()) {
                    found.add(d);
                } else {
                    queue.add(d.name());
                }
            }
        }
        return found;
    }

    private static Index read(Wire.Project project) {
        Map<String, Path> files = new HashMap<>();
        for (String root : project.sourcePath()) {
            Path dir = Path.of(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    String relative = dir.relativize(file).toString().replace('\\', '/');
                    files.putIfAbsent(relative, file);
                }
            } catch (IOException | UncheckedIOException unreadable) {
                // A root that cannot be walked offers no implementations.
            }
        }
        Map<String, String> open = new HashMap<>();
        for (Wire.SourceFile source : project.openSources()) {
            open.put(source.path().replace('\\', '/'), source.text());
        }
        Map<String, List<Declared>> bySupertype = new HashMap<>();
        Set<String> paths = new java.util.TreeSet<>(files.keySet());
        paths.addAll(open.keySet());
        Index index = new Index(bySupertype, files, open);
        for (String path : paths) {
            String text = index.text(path);
            if (text == null) {
                continue;
            }
            for (Declared d : declarations(path, text)) {
                for (String s : d.supertypes()) {
                    bySupertype.computeIfAbsent(s, k -> new ArrayList<>()).add(d);
                }
            }
        }
        return index;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException notUtf8) {
            try {
                return Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** The type declarations of a file, read from their headers (comments removed first). */
    static List<Declared> declarations(String path, String text) {
        String code = COMMENTS.matcher(text).replaceAll(" ");
        Matcher p = PACKAGE.matcher(code);
        String packageName = p.find() ? p.group(1) : "";
        List<Declared> out = new ArrayList<>();
        Matcher m = HEADER.matcher(code);
        while (m.find()) {
            String modifiers = m.group(1);
            String kind = m.group(2);
            boolean concrete = (kind.equals("class") && !modifiers.contains("abstract")) || kind.equals("enum")
                    || kind.equals("record");
            List<String> supertypes = supertypes(m.group(4));
            if (!supertypes.isEmpty()) {
                out.add(new Declared(path, packageName, m.group(3), concrete, supertypes));
            }
        }
        return out;
    }

    /** Simple names after {@code extends} and {@code implements} in a header's tail, type arguments dropped. */
    private static List<String> supertypes(String tail) {
        String t = tail.replaceAll("<[^<>]*>", "").replaceAll("<[^<>]*>", "").replaceAll("<[^<>]*>", "");
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\b(?:extends|implements)\\s+([^{]*?)(?=\\bimplements\\b|\\bpermits\\b|$)")
                .matcher(t);
        while (m.find()) {
            for (String part : m.group(1).split(",")) {
                String name = part.strip();
                int dot = name.lastIndexOf('.');
                name = name.substring(dot + 1).strip();
                if (name.matches("[A-Za-z_$][\\w$]*")) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
