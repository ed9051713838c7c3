package liftsys.worker;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;

/**
 * One class loader for everything a traced method can reach of its project: the classes compiled
 * in memory (the instrumented document and the sibling sources javac compiled with it) and the
 * project's class path (the build's jars and output directories, and the {@code classpath}
 * setting). One loader, because package-private access between two classes of a package holds
 * only when one loader defines both (the same runtime package): a document in package
 * {@code org.apache.commons.lang3} may call the jar's package-private {@code CharSequenceUtils}.
 * The JDK's classes come from the platform loader first; then the compiled classes win over the
 * class path, whose copy of a document (a build's output directory) is older than the text.
 * A fresh one per request, so every trace starts from fresh statics.
 */
final class ProjectClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> compiled;

    ProjectClassLoader(Map<String, byte[]> compiled, List<String> classPath) throws MalformedURLException {
        super("liftsys-traced", urls(classPath), ClassLoader.getPlatformClassLoader());
        this.compiled = compiled;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = compiled.get(name);
        if (bytes != null) {
            return defineClass(name, bytes, 0, bytes.length);
        }
        return super.findClass(name);
    }

    private static URL[] urls(List<String> classPath) throws MalformedURLException {
        URL[] urls = new URL[classPath.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = new File(classPath.get(i)).toURI().toURL();
        }
        return urls;
    }
}
