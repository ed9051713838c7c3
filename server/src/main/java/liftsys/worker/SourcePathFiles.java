package liftsys.worker;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardLocation;
import liftsys.wire.Wire;

/**
 * The source path as javac sees it when a document is compiled with its project's sources: the
 * files under the source roots, except that an open document's current text (sent by the server)
 * stands in for its file on disk. javac finds sibling classes by listing packages, so
 * {@link #list} is where the open text replaces the saved one.
 */
final class SourcePathFiles extends ForwardingJavaFileManager<JavaFileManager> {
    /** Open documents by binary class name ("demo.core.Rates"), from paths relative to a source root. */
    private final Map<String, OpenSource> open = new HashMap<>();

    SourcePathFiles(JavaFileManager files, List<Wire.SourceFile> openSources) {
        super(files);
        for (Wire.SourceFile f : openSources) {
            OpenSource source = new OpenSource(f);
            open.put(source.binaryName, source);
        }
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                                         boolean recurse) throws IOException {
        Iterable<JavaFileObject> listed = super.list(location, packageName, kinds, recurse);
        if (location != StandardLocation.SOURCE_PATH || open.isEmpty() || !kinds.contains(JavaFileObject.Kind.SOURCE)) {
            return listed;
        }
        List<JavaFileObject> out = new ArrayList<>();
        for (JavaFileObject file : listed) {
            String name = file.getKind() == JavaFileObject.Kind.SOURCE ? super.inferBinaryName(location, file) : null;
            if (name == null || !open.containsKey(name)) {
                out.add(file);
            }
        }
        for (OpenSource source : open.values()) {
            String itsPackage = source.packageName();
            if (itsPackage.equals(packageName) || (recurse && itsPackage.startsWith(packageName + "."))) {
                out.add(source);
            }
        }
        return out;
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        return file instanceof OpenSource source ? source.binaryName : super.inferBinaryName(location, file);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        if (a instanceof OpenSource || b instanceof OpenSource) {
            return a == b;
        }
        return super.isSameFile(a, b);
    }

    /** An open document's text, as a source file of its package. */
    private static final class OpenSource extends SimpleJavaFileObject {
        final String binaryName;
        final String text;

        OpenSource(Wire.SourceFile file) {
            super(URI.create("string:///" + file.path()), Kind.SOURCE);
            String path = file.path().replace('\\', '/');
            this.binaryName = path.substring(0, path.length() - Kind.SOURCE.extension.length()).replace('/', '.');
            this.text = file.text();
        }

        String packageName() {
            int dot = binaryName.lastIndexOf('.');
            return dot < 0 ? "" : binaryName.substring(0, dot);
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
