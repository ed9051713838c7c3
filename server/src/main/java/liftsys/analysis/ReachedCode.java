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

    private final Sources sources;
    /** Every file read, by where it came from, and the qualified top-level names they declare. */
    private final Map<String, SourceSummary> files = new LinkedHashMap<>();
    private final Set<String> declared = new HashSet<>();
    private final Map<String, List<SourceSummary.TypeSummary>> typesBySimpleName = new HashMap<>();
    private final Map<String, SourceSummary.TypeSummary> reached = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> lookedFor = new HashSet<>();
    private final Deque<String> newNames = new ArrayDeque<>();
    private final Deque<SourceSummary.TypeSummary> newTypes = new ArrayDeque<>();
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
                    if (names.contains(methods.getKey())) {
                        methods.getValue().forEach(p -> include("method " + type.qualifiedName() + "."
                                + methods.getKey(), p));
                    }
                }
            }
            if (!newNames.isEmpty()) {
                String name = newNames.poll();
                if (!typesBySimpleName.containsKey(name) && Character.isUpperCase(name.charAt(0))) {
                    lookFor(name);
                }
                typesBySimpleName.getOrDefault(name, List.of()).forEach(this::reach);
                for (SourceSummary.TypeSummary type : List.copyOf(reached.values())) {
                    List<SourceSummary.Part> methods = type.methods().get(name);
                    if (methods != null) {
                        methods.forEach(p -> include("method " + type.qualifiedName() + "." + name, p));
                    }
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
        for (String imported : summary.imports()) {
            if (imported.startsWith("static ")) {
                // A static import names its class: the members it brings in may be called unqualified.
                String[] segments = imported.substring(7).split("\\.");
                if (segments.length >= 2) {
                    name(segments[segments.length - 2]);
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
        for (SourceSummary file : List.copyOf(files.values())) {
            candidates.add(qualify(file.packageName(), simpleName));
            for (String imported : file.imports()) {
                String name = imported.startsWith("static ") ? imported.substring(7) : imported;
                if (name.endsWith(".*")) {
                    candidates.add(qualify(name.substring(0, name.length() - 2), simpleName));
                } else if (name.equals(simpleName) || name.endsWith("." + simpleName)
                        || name.contains("." + simpleName + ".")) {
                    // a.b.Outer.Inner: the file is a/b/Outer/Inner.java, or a/b/Outer.java holding Inner.
                    String[] segments = name.split("\\.");
                    for (int end = segments.length; end > 0; end--) {
                        candidates.add(String.join(".", java.util.Arrays.copyOf(segments, end)));
                    }
                }
            }
        }
        for (String qualified : candidates) {
            if (declared.contains(qualified)) {
                continue; // already read (the document itself, or an open document)
            }
            String relative = qualified.replace('.', '/') + ".java";
            for (Path root : sources.roots()) {
                Path file = root.resolve(relative).normalize();
                SourceSummary summary = summaryOfFile(file);
                if (summary != null) {
                    read(file.toString(), summary);
                    break;
                }
            }
        }
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
