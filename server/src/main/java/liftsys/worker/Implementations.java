package liftsys.worker;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liftsys.wire.RecorderSource;

/**
 * Concrete classes for an interface or abstract class: those of the project the worker compiled
 * (the traced document, its siblings, and the implementations {@link ImplementationSources} found
 * for types no compiled class implements), and JDK classes for the JDK's common abstract types
 * ({@code Writer} is a {@code StringWriter}, {@code Calendar} a {@code GregorianCalendar}). Loads
 * compiled classes without initialising them. Remembers the abstract types it found nothing for,
 * so the worker can look for their implementations among the project's sources. Worker side, JDK
 * only; one per trace.
 */
final class Implementations {
    /** JDK stand-ins for abstract JDK types that have no factory of their own worth using. */
    private static final Map<String, String> JDK = Map.ofEntries(
            Map.entry("java.lang.Number", "java.lang.Double"),
            Map.entry("java.lang.Comparable", "java.lang.Integer"),
            Map.entry("java.lang.Appendable", "java.lang.StringBuilder"),
            Map.entry("java.io.Writer", "java.io.StringWriter"),
            Map.entry("java.io.Reader", "java.io.StringReader"),
            Map.entry("java.io.InputStream", "java.io.ByteArrayInputStream"),
            Map.entry("java.io.OutputStream", "java.io.ByteArrayOutputStream"),
            Map.entry("java.util.Calendar", "java.util.GregorianCalendar"),
            Map.entry("java.text.Format", "java.text.DecimalFormat"),
            Map.entry("java.text.NumberFormat", "java.text.DecimalFormat"),
            Map.entry("java.text.DateFormat", "java.text.SimpleDateFormat"),
            Map.entry("java.util.AbstractMap", "java.util.HashMap"),
            Map.entry("java.util.AbstractList", "java.util.ArrayList"),
            Map.entry("java.util.Map$Entry", "java.util.AbstractMap$SimpleEntry"),
            Map.entry("java.util.concurrent.ConcurrentMap", "java.util.concurrent.ConcurrentHashMap"));

    private final ClassLoader loader;
    private final Collection<String> compiledNames;
    private List<Class<?>> compiled;
    private final Set<Class<?>> missing = new LinkedHashSet<>();

    Implementations(ClassLoader loader, Collection<String> compiledNames) {
        this.loader = loader;
        this.compiledNames = compiledNames;
    }

    /** The JDK class that stands in for an abstract JDK type, or null. */
    Class<?> jdkStandIn(Class<?> type) {
        String name = JDK.get(type.getName());
        if (name == null) {
            return null;
        }
        try {
            return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /**
     * The compiled project classes that are concrete subtypes of {@code type}, those of its package
     * first, then by name. Remembers the type when there are none.
     */
    List<Class<?>> of(Class<?> type) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> c : compiled()) {
            if (c != type && type.isAssignableFrom(c) && concrete(c)) {
                found.add(c);
            }
        }
        found.sort(Comparator.<Class<?>, Boolean>comparing(c -> !c.getPackageName().equals(type.getPackageName()))
                .thenComparing(Class::getName));
        if (found.isEmpty() && !type.getModule().isNamed()) {
            missing.add(type);
        }
        return found;
    }

    /** Project types asked for that no compiled class implements (for a search of the sources). */
    Set<Class<?>> missing() {
        return missing;
    }

    static boolean concrete(Class<?> c) {
        return !c.isInterface() && !Modifier.isAbstract(c.getModifiers()) && !c.isAnonymousClass()
                && !c.isLocalClass() && !c.isSynthetic() && !c.isArray() && !c.isPrimitive()
                && !c.getName().startsWith(RecorderSource.PACKAGE);
    }

    private List<Class<?>> compiled() {
        if (compiled == null) {
            compiled = new ArrayList<>();
            for (String name : compiledNames.stream().sorted().toList()) {
                if (name.startsWith(RecorderSource.PACKAGE)) {
                    continue;
                }
                try {
                    compiled.add(Class.forName(name, false, loader));
                } catch (ClassNotFoundException | LinkageError unloadable) {
                    // A class that does not load cannot stand in for anything.
                }
            }
        }
        return compiled;
    }
}
