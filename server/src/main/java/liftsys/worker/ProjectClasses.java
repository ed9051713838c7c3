package liftsys.worker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardLocation;

/**
 * The sibling classes of a project that a document's first compile produced (everything javac
 * compiled from the source path, not from the document), kept by the worker so that the next
 * methods of the document compile only the document (issue 14: a method used to recompile all
 * it reached, 2.8 s per answer on Commons Math). They are valid while the sources they came from,
 * the class path and the document's shape (its text without method bodies: signatures, fields,
 * constants, types) are unchanged, which is what their key says: a sibling compiled against the
 * document can depend on its shape but never on a body.
 *
 * @param classes class bytes by binary name
 * @param sources the source files (their URIs) they were compiled from, hidden from the source
 *                path of later compiles so that javac reads the classes instead
 */
record ProjectClasses(Map<String, byte[]> classes, Set<URI> sources) {
    ProjectClasses {
        classes = Map.copyOf(classes);
        sources = Set.copyOf(sources);
    }

    /**
     * The file manager of a compile against these classes: they are on the class path (from
     * memory), and their source files are not on the source path; a sibling they do not hold is
     * still compiled from its source.
     */
    JavaFileManager around(JavaFileManager files) {
        return new ForwardingJavaFileManager<>(files) {
            @Override
            public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                                                 boolean recurse) throws IOException {
                Iterable<JavaFileObject> listed = super.list(location, packageName, kinds, recurse);
                List<JavaFileObject> out = new ArrayList<>();
                if (location == StandardLocation.SOURCE_PATH) {
                    for (JavaFileObject file : listed) {
                        if (!sources.contains(file.toUri())) {
                            out.add(file);
                        }
                    }
                    return out;
                }
                if (location != StandardLocation.CLASS_PATH || !kinds.contains(JavaFileObject.Kind.CLASS)) {
                    return listed;
                }
                listed.forEach(out::add);
                classes.forEach((name, bytes) -> {
                    String itsPackage = packageOf(name);
                    if (itsPackage.equals(packageName) || (recurse && itsPackage.startsWith(packageName + "."))) {
                        out.add(new CompiledClass(name, bytes));
                    }
                });
                return out;
            }

            @Override
            public String inferBinaryName(Location location, JavaFileObject file) {
                return file instanceof CompiledClass c ? c.binaryName : super.inferBinaryName(location, file);
            }
        };
    }

    private static String packageOf(String binaryName) {
        int dot = binaryName.lastIndexOf('.');
        return dot < 0 ? "" : binaryName.substring(0, dot);
    }

    /** A class file held in memory. */
    private static final class CompiledClass extends SimpleJavaFileObject {
        final String binaryName;
        private final byte[] bytes;

        CompiledClass(String binaryName, byte[] bytes) {
            super(URI.create("mem:///" + binaryName.replace('.', '/') + Kind.CLASS.extension), Kind.CLASS);
            this.binaryName = binaryName;
            this.bytes = bytes;
        }

        @Override
        public InputStream openInputStream() {
            return new ByteArrayInputStream(bytes);
        }
    }
}
