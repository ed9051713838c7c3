package liftsys.analysis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liftsys.ir.SourceScanner;

/**
 * Everything of its project a traced method may run or read, as text for its content key
 * (DESIGN.md invariant 4): the methods it may reach transitively (in its file, in nested
 * classes, in sibling sources), and the shape of every type it reaches (supertypes, fields and
 * constants with their initializers, initializer blocks, constructors). An edit of any of them
 * changes the key; an edit of a method it cannot reach does not.
 *
 * <p>How reach is found, and why it errs on the side of more: names, not resolved symbols. A
 * call {@code x.c(...)} reaches every method named {@code c} of every type the code reached so
 * far names (all overloads, whatever the receiver's type), and a type is reached when its simple
 * name appears (a declared type, a static call, a constant read, a supertype). A name that no
 * source read so far declares is looked for as a file of the source roots: in the packages of
 * the files read (their own, their imports and wildcard imports). Types outside the sources
 * (the JDK, jars) are the class path fingerprint's business. Names that start with a lower-case
 * letter are not looked for as files (Java's naming convention; such a class read by a method is
 * still found when its file was read for another name). Calls Java makes without naming them
 * ({@code toString} in a concatenation, {@code iterator} in a for-each, {@code close} in a try,
 * {@code equals}, {@code hashCode}, {@code compareTo}) are always taken as reached.
 *
 * <p>Files are read once per content: open documents by their text, files on disk by path, size
 * and modification time. Thread-safe.
 */
final class ReachedCode {
    /** Where a project's sources are: its source roots, and the open documents' texts (which win). */
    record Sources(List<Path> roots, Map<Path, String> open) {
        static final Sources NONE = new Sources(List.of(), Map.of());

        /** The sources a trace in this project compiles with (open documents under each root they may be in). */
        static Sources of(liftsys.trace.TraceProject project) {
            List<Path> roots = project.sourceRoots().stream().map(r -> Path.of(r).toAbsolutePath().normalize()).toList();
            Map<Path, String> open = new HashMap<>();
            for (liftsys.trace.TraceProject.OpenDocument d : project.openDocuments()) {
                roots.forEach(root -> open.put(root.resolve(d.relativePath()).normalize(), d.text()));
            }
            return new Sources(roots, open);
        }

        Sources {
            roots = List.copyOf(roots);
            open = Map.copyOf(open);
        }
    }

    private static final Set<String> IMPLICIT = Set.of("toString", "hashCode", "equals", "compareTo", "iterator",
            "hasNext", "next", "close");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private record Stamped(long size, long modified, SourceSummary summary) {
    }

    private static final Cache<Path, Stamped> FILES = Caffeine.newBuilder().maximumSize(4096).build();
    private static final Cache<String, SourceSummary> TEXTS = Caffeine.newBuilder().maximumSize(256).build();
    private static final Cache<Path, Set<String>> DIRECTORIES = Caffeine.newBuilder().maximumSize(4096)
            .expireAfterWrite(java.time.Duration.ofSeconds(1)).build();

    private final Sources sources;
    /** Every file read, by where it came from, and the qualified top-level names they declare. */
    private final Map<String, SourceSummary> files = new LinkedHashMap<>();
    private final Set<String> declared = new HashSet<>();
    private final Map<String, List<SourceSummary.TypeSummary>> typesBySimpleName = new HashMap<>();
    private final Map<String, SourceSummary.TypeSummary> reached = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> lookedFor = new HashSet<>();
    /** Where names are looked for: the packages of the files read, and their wildcard imports. */
    private final Set<String> searchedPackages = new java.util.LinkedHashSet<>();
    /** The explicit imports of the files read, by their last name ("Inner" for a.b.Outer.Inner). */
    private final Map<String, Set<String>> importedAs = new HashMap<>();
    private final Deque<String> newNames = new ArrayDeque<>();
    private final Deque<SourceSummary.TypeSummary> newTypes = new ArrayDeque<>();
    /** Methods of reached types whose name has not been met yet, by name: met later, they are included. */
    private final Map<String, List<Map.Entry<String, SourceSummary.Part>>> waiting = new HashMap<>();
    private final TreeSet<String> parts = new TreeSet<>();

    private ReachedCode(Sources sources) {
        this.sources = sources;
    }

    /**
     * The reached code of the member of {@code ownerType} ("Outer.Inner") whose text is
     * {@code memberText}, in the document {@code documentText}, as sorted lines.
     */
    static String of(String documentText, String ownerType, String memberText, Sources sources) {
        ReachedCode walk = new ReachedCode(sources);
        SourceSummary document = summaryOfText(documentText);
        walk.read("document", document);
        String owner = document.packageName().isEmpty() ? ownerType : document.packageName() + "." + ownerType;
        walk.parts.add("owner " + owner);
        for (SourceSummary.TypeSummary type : document.types()) {
            if (owner.equals(type.qualifiedName()) || owner.startsWith(type.qualifiedName() + ".")) {
                walk.reach(type); // the owner and the types around it: their members are in scope
            }
        }
        Matcher m = IDENTIFIER.matcher(SourceScanner.normalise(memberText));
        while (m.find()) {
            walk.name(m.group());
        }
        IMPLICIT.forEach(walk::name);
        walk.run();
        return String.join("\n", walk.parts);
    }

    private void run() {
        while (!newNames.isEmpty() || !newTypes.isEmpty()) {
            while (!newTypes.isEmpty()) {
                SourceSummary.TypeSummary type = newTypes.poll();
                include("type " + type.qualifiedName(), type.shape());
                for (Map.Entry<String, List<SourceSummary.Part>> methods : type.methods().entrySet()) {
                    String what = "method " + type.qualifiedName() + "." + methods.getKey();
                    if (names.contains(methods.getKey())) {
                        methods.getValue().forEach(p -> include(what, p));
                    } else {
                        List<Map.Entry<String, SourceSummary.Part>> later =
                                waiting.computeIfAbsent(methods.getKey(), k -> new ArrayList<>());
                        methods.getValue().forEach(p -> later.add(Map.entry(what, p)));
                    }
                }
            }
            if (!newNames.isEmpty()) {
                String name = newNames.poll();
                if (!typesBySimpleName.containsKey(name) && Character.isUpperCase(name.charAt(0))) {
                    lookFor(name);
                }
                typesBySimpleName.getOrDefault(name, List.of()).forEach(this::reach);
                List<Map.Entry<String, SourceSummary.Part>> met = waiting.remove(name);
                if (met != null) {
                    met.forEach(e -> include(e.getKey(), e.getValue()));
                }
            }
        }
    }

    private void include(String what, SourceSummary.Part part) {
        if (parts.add(what + " " + part.text())) {
            part.names().forEach(this::name);
        }
    }

    private void name(String name) {
        if (names.add(name)) {
            newNames.add(name);
        }
    }

    private void reach(SourceSummary.TypeSummary type) {
        if (reached.putIfAbsent(type.qualifiedName(), type) == null) {
            newTypes.add(type);
        }
    }

    private void read(String origin, SourceSummary summary) {
        if (files.putIfAbsent(origin, summary) != null) {
            return;
        }
        for (SourceSummary.TypeSummary type : summary.types()) {
            declared.add(type.qualifiedName());
            typesBySimpleName.computeIfAbsent(type.simpleName(), k -> new ArrayList<>()).add(type);
            if (names.contains(type.simpleName())) {
                reach(type);
            }
        }
        searchedPackages.add(summary.packageName());
        for (String imported : summary.imports()) {
            boolean isStatic = imported.startsWith("static ");
            String name = isStatic ? imported.substring(7) : imported;
            String[] segments = name.split("\\.");
            if (isStatic && segments.length >= 2) {
                // A static import names its class: the members it brings in may be called unqualified.
                name(segments[segments.length - 2]);
            }
            if (name.endsWith(".*")) {
                searchedPackages.add(name.substring(0, name.length() - 2));
            } else {
                // a.b.Outer.Inner: the file is a/b/Outer/Inner.java, or a/b/Outer.java holding Inner.
                for (int end = segments.length; end > 0; end--) {
                    importedAs.computeIfAbsent(segments[end - 1], k -> new java.util.LinkedHashSet<>())
                            .add(String.join(".", java.util.Arrays.copyOf(segments, end)));
                }
            }
        }
    }

    /** Reads the files that may declare a type of this simple name, in the packages of the files read so far. */
    private void lookFor(String simpleName) {
        if (!lookedFor.add(simpleName) || sources.roots().isEmpty()) {
            return;
        }
        Set<String> candidates = new java.util.LinkedHashSet<>();
        for (String pkg : List.copyOf(searchedPackages)) {
            candidates.add(qualify(pkg, simpleName));
        }
        candidates.addAll(importedAs.getOrDefault(simpleName, Set.of()));
        for (String qualified : candidates) {
            if (declared.contains(qualified)) {
                continue; // already read (the document itself, or an open document)
            }
            int dot = qualified.lastIndexOf('.');
            String dir = dot < 0 ? "" : qualified.substring(0, dot).replace('.', '/');
            String fileName = qualified.substring(dot + 1) + ".java";
            for (Path root : sources.roots()) {
                Path directory = dir.isEmpty() ? root : root.resolve(dir);
                Path file = directory.resolve(fileName).normalize();
                if (!sources.open().containsKey(file) && !javaFilesIn(directory).contains(fileName)) {
                    continue;
                }
                SourceSummary summary = summaryOfFile(file);
                if (summary != null) {
                    read(file.toString(), summary);
                    break;
                }
            }
        }
    }

    /** The .java file names of a directory, listed at most once a second (a new file shows within it). */
    private static Set<String> javaFilesIn(Path directory) {
        return DIRECTORIES.get(directory, d -> {
            try (java.util.stream.Stream<Path> list = Files.list(d)) {
                return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                        .collect(java.util.stream.Collectors.toUnmodifiableSet());
            } catch (IOException | RuntimeException e) {
                return Set.of();
            }
        });
    }

    private SourceSummary summaryOfFile(Path file) {
        String open = sources.open().get(file);
        if (open != null) {
            return summaryOfText(open);
        }
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return null;
            }
            long modified = a.lastModifiedTime().toMillis();
            Stamped known = FILES.getIfPresent(file);
            if (known != null && known.size() == a.size() && known.modified() == modified) {
                return known.summary();
            }
            SourceSummary summary = summaryOfText(Files.readString(file));
            FILES.put(file, new Stamped(a.size(), modified, summary));
            return summary;
        } catch (IOException | RuntimeException e) {
            return null; // no such file (the usual case), or unreadable: javac will not see it either
        }
    }

    private static SourceSummary summaryOfText(String text) {
        return TEXTS.get(ContentKey.sha256(text), k -> SourceSummary.of(text));
    }

    private static String qualify(String pkg, String simpleName) {
        return pkg.isEmpty() ? simpleName : pkg + "." + simpleName;
    }
}
