package liftsys.worker;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Plans how the worker makes a value of a type its samplers do not know (Randoop and EvoSuite
 * build objects this way): through the type's constructors, static factories ({@code of},
 * {@code valueOf}, {@code getInstance}, ...; any static method of the type that returns it),
 * its own constants, a builder ({@code builder()}, setters, {@code build()}), a record's canonical
 * constructor; an interface or abstract class through the project's implementations, a JDK stand-in
 * or a function; collections, maps, {@code Optional}s and arrays of values it can make; type
 * variables and {@code Object} through {@link TypeBindings}. Arguments are planned the same way,
 * recursively, at most {@link #MAX_DEPTH} levels deep; a type that contains itself is cut off
 * there. Planning reads declarations only and runs none of the project's code (no class is
 * initialised): the code runs when values are drawn, in the sandbox. A type it cannot make gets a
 * reason ({@link #whyNot}). Worker side, JDK only; one per trace, not thread-safe.
 */
final class ObjectPlanner {
    static final int MAX_DEPTH = 3;
    private static final int MAX_CONSTRUCTORS = 6;
    private static final int MAX_FACTORIES = 6;
    private static final int MAX_CONSTANTS = 12;
    private static final int MAX_IMPLEMENTATIONS = 4;
    private static final int MAX_SETTERS = 10;
    private static final List<String> FACTORY_NAMES = List.of("of", "valueOf", "getInstance", "instance", "create",
            "newInstance", "from", "getDefault", "parse");
    private static final List<String> BUILDER_NAMES = List.of("builder", "newBuilder", "custom");
    private static final double[] NO_NUMBERS = new double[0];
    static final String NOTHING_FOUND = "no public constructor, factory or implementation found";

    private final Implementations implementations;
    private final Samplers.Hints hints;
    private final TypeBindings bindings = new TypeBindings(this::concreteOf);
    private final Map<Type, Samplers.Sampler> planned = new HashMap<>();
    private final Map<Type, String> failed = new HashMap<>();
    private final Map<Type, String> reasons = new HashMap<>();
    private final Set<Type> underway = new HashSet<>();
    private int depth;
    private int cutoffs;

    ObjectPlanner(Implementations implementations, Samplers.Hints hints) {
        this.implementations = implementations;
        this.hints = hints;
    }

    Implementations implementations() {
        return implementations;
    }

    /** A sampler for the type (its variables resolved consistently), or null: then {@link #whyNot} says why. */
    Samplers.Sampler plan(Type wanted) {
        return planResolved(bindings.resolve(wanted));
    }

    /**
     * A sampler for one concrete subclass of an abstract type: the first of the project's that can
     * be made (its package first, then by name), so every run of an abstract receiver's method runs
     * on the same class; null when there is none ({@link #whyNot} says why).
     */
    Samplers.Sampler planImplementation(Class<?> type) {
        for (Class<?> impl : implementations.of(type)) {
            Samplers.Sampler s = planResolved(impl);
            if (s != null) {
                return s;
            }
            reasons.putIfAbsent(type, "its subclass " + impl.getName() + " could not be built: "
                    + whyNotResolved(impl));
        }
        reasons.putIfAbsent(type, "no concrete subclass of it was found in the project");
        return null;
    }

    /** The first concrete class of an abstract type that can be made (for a type variable's bound), else the type. */
    private Class<?> concreteOf(Class<?> type) {
        if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
            return type;
        }
        Class<?> standIn = implementations.jdkStandIn(type);
        if (standIn != null) {
            return standIn;
        }
        for (Class<?> impl : implementations.of(type)) {
            if (planResolved(impl) != null) {
                return impl;
            }
        }
        return type;
    }

    /** Why the type cannot be made, in words for a message. */
    String whyNot(Type wanted) {
        Type type = bindings.resolve(wanted);
        String why = failed.getOrDefault(type, reasons.get(type));
        return why != null ? why : NOTHING_FOUND;
    }

    /** The name a message gives a type: its binary name, with resolved arguments. */
    static String nameOf(Type type) {
        return type instanceof Class<?> c ? c.getName() : type.getTypeName();
    }

    private Samplers.Sampler planResolved(Type type) {
        Samplers.Sampler known = planned.get(type);
        if (known != null) {
            return known;
        }
        if (failed.containsKey(type)) {
            return null;
        }
        if (underway.contains(type)) {
            cutoffs++;
            reasons.put(type, "it needs an instance of itself to be built");
            return null;
        }
        if (depth >= MAX_DEPTH) {
            cutoffs++;
            reasons.put(type, "it is nested more than " + MAX_DEPTH + " levels deep in what is built");
            return null;
        }
        int before = cutoffs;
        depth++;
        underway.add(type);
        Samplers.Sampler sampler;
        try {
            sampler = build(type);
        } catch (LinkageError | SecurityException | TypeNotPresentException
                 | java.lang.reflect.MalformedParameterizedTypeException broken) {
            sampler = null;
            reasons.put(type, "a class it needs cannot be loaded (" + broken + ")");
        } finally {
            depth--;
            underway.remove(type);
        }
        if (sampler != null) {
            planned.put(type, sampler);
        } else if (cutoffs == before) {
            failed.put(type, reasons.getOrDefault(type, NOTHING_FOUND));
        }
        return sampler;
    }

    private Samplers.Sampler build(Type type) {
        Class<?> raw = TypeBindings.raw(type);
        if (type instanceof Class<?> c && simple(c)) {
            Samplers.Sampler s = Samplers.forType(c, hints, NO_NUMBERS);
            if (s == null) {
                reasons.put(type, c.isEnum() ? "the enum has no constants" : NOTHING_FOUND);
            }
            return s;
        }
        if (raw == Object.class) {
            return planResolved(Integer.class);
        }
        if (raw == Class.class) {
            return new BuildWays.Choice("Class", List.of(new BuildWays.OneOf("one of String, Integer, Double, "
                    + "Object, int[]", List.of(String.class, Integer.class, Double.class, Object.class, int[].class))));
        }
        if (raw.isArray()) {
            Type component = type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType();
            Samplers.Sampler element = planResolved(component);
            if (element == null) {
                reasons.put(type, "its elements, " + nameOf(component) + ", could not be built: " + whyNotResolved(component));
                return null;
            }
            return new BuildWays.ArrayOf(TypeBindings.raw(component), element);
        }
        Samplers.Sampler container = container(type, raw);
        if (container != null || reasons.containsKey(type)) {
            return container;
        }
        List<BuildWays.Way> ways = new ArrayList<>();
        TypeBindings inside = bindings.enter(type);
        boolean open = raw.isInterface() || Modifier.isAbstract(raw.getModifiers());
        if (open) {
            Class<?> standIn = implementations.jdkStandIn(raw);
            if (standIn != null && standIn != raw) {
                Samplers.Sampler s = planResolved(standIn);
                if (s != null) {
                    ways.add(new BuildWays.Delegate("a " + standIn.getSimpleName(), s));
                }
            }
            if (raw == Comparator.class) {
                ways.add(new BuildWays.OneOf("natural or reverse order",
                        List.of(Comparator.naturalOrder(), Comparator.reverseOrder())));
            }
        } else {
            ways.addAll(constructors(raw, inside));
        }
        ways.addAll(factories(raw, inside));
        BuildWays.Way constants = constants(raw);
        if (constants != null) {
            ways.add(constants);
        }
        BuildWays.Way builder = builder(raw);
        if (builder != null) {
            ways.add(builder);
        }
        if (open && ways.isEmpty()) {
            ways.addAll(implementationsOf(raw));
            Method single = FunctionProxies.singleAbstractMethod(raw);
            if (single != null) {
                ways.add(FunctionProxies.way(raw, single, functionResult(single, inside)));
            }
        }
        if (ways.isEmpty()) {
            reasons.putIfAbsent(type, NOTHING_FOUND);
            return null;
        }
        return new BuildWays.Choice(raw.getSimpleName(), ways);
    }

    /** Types the samplers draw directly: numbers, booleans, chars, strings, enums, arrays of those. */
    private static boolean simple(Class<?> c) {
        if (c.isArray()) {
            return simple(c.getComponentType());
        }
        return c.isPrimitive() || c == Integer.class || c == Long.class || c == Double.class || c == Float.class
                || c == Short.class || c == Byte.class || c == Boolean.class || c == Character.class
                || c == String.class || c == CharSequence.class || c == BigInteger.class || c == BigDecimal.class
                || c.isEnum();
    }

    private String whyNotResolved(Type type) {
        return failed.getOrDefault(type, reasons.getOrDefault(type, NOTHING_FOUND));
    }

    /** JDK collections, maps and Optionals; null (with no reason) for any other type. */
    private Samplers.Sampler container(Type type, Class<?> raw) {
        boolean jdk = raw.getName().startsWith("java.util.");
        if (raw == Optional.class) {
            Samplers.Sampler element = argument(type, 0);
            return element == null ? null : new BuildWays.OptionalOf(element);
        }
        if (!jdk && raw != Iterable.class) {
            return null;
        }
        if (Map.class.isAssignableFrom(raw)) {
            boolean sorted = java.util.SortedMap.class.isAssignableFrom(raw);
            Supplier<Object> enums = EnumContainers.fresh(raw, type);
            Supplier<Object> fresh = enums != null ? enums : fresh(raw, sorted ? TreeMap::new : LinkedHashMap::new);
            Samplers.Sampler key = argument(type, 0);
            Samplers.Sampler value = argument(type, 1);
            if (fresh == null || key == null || value == null || (sorted && !comparable(type, 0))) {
                reasons.putIfAbsent(type, "its keys or values could not be built");
                return null;
            }
            return new BuildWays.Container(raw.getSimpleName(), fresh, key, value);
        }
        if (raw == Iterable.class || Collection.class.isAssignableFrom(raw)) {
            boolean sorted = java.util.SortedSet.class.isAssignableFrom(raw)
                    || java.util.PriorityQueue.class.isAssignableFrom(raw);
            Supplier<Object> standard = java.util.Queue.class.isAssignableFrom(raw) ? ArrayDeque::new
                    : Set.class.isAssignableFrom(raw) ? (sorted ? TreeSet::new : LinkedHashSet::new) : ArrayList::new;
            Supplier<Object> enums = EnumContainers.fresh(raw, type);
            Supplier<Object> fresh = enums != null ? enums : fresh(raw, standard);
            Samplers.Sampler element = argument(type, 0);
            if (fresh == null || element == null || (sorted && !comparable(type, 0))) {
                reasons.putIfAbsent(type, "its elements could not be built");
                return null;
            }
            return new BuildWays.Container(raw.getSimpleName(), fresh, element, null);
        }
        return null;
    }

    /** A new empty container: the type itself when it is concrete with a public no-argument constructor. */
    private static Supplier<Object> fresh(Class<?> raw, Supplier<Object> standard) {
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            return raw.isInstance(standard.get()) ? standard : null;
        }
        try {
            Constructor<?> c = raw.getConstructor();
            return () -> {
                try {
                    return c.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The sampler of a type argument (Integer when the type is raw). */
    private Samplers.Sampler argument(Type type, int index) {
        Type arg = Integer.class;
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            arg = p.getActualTypeArguments()[index];
        }
        return planResolved(arg);
    }

    private static boolean comparable(Type type, int index) {
        Type arg = type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                ? p.getActualTypeArguments()[index] : Integer.class;
        return Comparable.class.isAssignableFrom(TypeBindings.raw(arg));
    }

    /**
     * Whether a member may be called: the JDK's (named modules) only when public in a public class;
     * a project's when not private (made accessible here, which runs nothing).
     */
    private static boolean usable(Class<?> owner, Member member) {
        int modifiers = member.getModifiers();
        if (member.isSynthetic() || Modifier.isPrivate(modifiers)) {
            return false;
        }
        if (owner.getModule().isNamed()) {
            return Modifier.isPublic(modifiers) && Modifier.isPublic(owner.getModifiers());
        }
        return ((java.lang.reflect.AccessibleObject) member).trySetAccessible();
    }

    /** Public ones first; the others only when there is no public one. */
    private static <T extends Member> List<T> preferPublic(List<T> members) {
        List<T> open = members.stream().filter(m -> Modifier.isPublic(m.getModifiers())).toList();
        return open.isEmpty() ? members : open;
    }

    private List<BuildWays.Way> constructors(Class<?> raw, TypeBindings inside) {
        List<Constructor<?>> usable = new ArrayList<>();
        for (Constructor<?> c : raw.getDeclaredConstructors()) {
            if (usable(raw, c)) {
                usable.add(c);
            }
        }
        usable = new ArrayList<>(preferPublic(usable));
        usable.sort(Comparator.<Constructor<?>>comparingInt(Constructor::getParameterCount)
                .thenComparing(Constructor::toGenericString));
        List<BuildWays.Way> ways = new ArrayList<>();
        for (Constructor<?> c : usable) {
            if (ways.size() >= MAX_CONSTRUCTORS) {
                break;
            }
            Samplers.Sampler[] args = arguments(raw, c, inside);
            if (args != null) {
                ways.add(new BuildWays.ConstructorWay(c, args));
            }
        }
        return ways;
    }

    private List<BuildWays.Way> factories(Class<?> raw, TypeBindings inside) {
        List<Method> candidates = new ArrayList<>();
        for (Method m : raw.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && !m.isBridge() && m.getParameterCount() <= 4
                    && m.getReturnType() != Object.class && raw.isAssignableFrom(m.getReturnType())
                    && m.getTypeParameters().length == 0 && usable(raw, m)) {
                candidates.add(m);
            }
        }
        candidates = new ArrayList<>(preferPublic(candidates));
        candidates.sort(Comparator.<Method>comparingInt(m -> FACTORY_NAMES.contains(m.getName())
                        ? FACTORY_NAMES.indexOf(m.getName()) : FACTORY_NAMES.size())
                .thenComparingInt(Method::getParameterCount).thenComparing(Method::toGenericString));
        List<BuildWays.Way> ways = new ArrayList<>();
        for (Method m : candidates) {
            if (ways.size() >= MAX_FACTORIES) {
                break;
            }
            Samplers.Sampler[] args = arguments(raw, m, inside);
            if (args != null) {
                ways.add(new BuildWays.FactoryWay(m, args));
            }
        }
        return ways;
    }

    private BuildWays.Way constants(Class<?> raw) {
        List<Field> found = new ArrayList<>();
        for (Field f : raw.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && raw.isAssignableFrom(f.getType()) && usable(raw, f)) {
                found.add(f);
            }
        }
        found = new ArrayList<>(preferPublic(found));
        found.sort(Comparator.comparing(Field::getName));
        return found.isEmpty() ? null : new BuildWays.ConstantWay(raw, found.subList(0, Math.min(MAX_CONSTANTS,
                found.size())));
    }

    /** {@code builder()} returning a type with a no-argument {@code build()} that returns the type. */
    private BuildWays.Way builder(Class<?> raw) {
        for (Method entry : raw.getDeclaredMethods()) {
            if (!Modifier.isStatic(entry.getModifiers()) || entry.getParameterCount() != 0
                    || !BUILDER_NAMES.contains(entry.getName()) || !usable(raw, entry)) {
                continue;
            }
            Class<?> b = entry.getReturnType();
            Method build;
            try {
                build = b.getMethod("build");
            } catch (NoSuchMethodException e) {
                continue;
            }
            if (!raw.isAssignableFrom(build.getReturnType()) || !usable(b, build)) {
                continue;
            }
            TypeBindings inside = bindings.enter(b);
            List<BuildWays.Setter> setters = new ArrayList<>();
            List<Method> methods = new ArrayList<>(Arrays.asList(b.getMethods()));
            methods.sort(Comparator.comparing(Method::toGenericString));
            for (Method s : methods) {
                if (setters.size() >= MAX_SETTERS) {
                    break;
                }
                boolean fluent = s.getReturnType() == b || s.getReturnType() == void.class;
                if (Modifier.isStatic(s.getModifiers()) || s.getParameterCount() != 1 || !fluent
                        || s.getDeclaringClass() == Object.class || s.getName().equals("build") || !usable(b, s)) {
                    continue;
                }
                Samplers.Sampler arg = planResolved(inside.resolve(s.getGenericParameterTypes()[0]));
                if (arg != null) {
                    setters.add(new BuildWays.Setter(s, arg));
                }
            }
            return new BuildWays.BuilderWay(entry, setters, build);
        }
        return null;
    }

    /** Ways through the project's implementations of an interface or abstract class. */
    private List<BuildWays.Way> implementationsOf(Class<?> raw) {
        List<BuildWays.Way> ways = new ArrayList<>();
        for (Class<?> impl : implementations.of(raw)) {
            if (ways.size() >= MAX_IMPLEMENTATIONS) {
                break;
            }
            Samplers.Sampler s = planResolved(impl);
            if (s != null) {
                String how = s instanceof BuildWays.Choice c ? BuildWays.labels(c.ways()) : impl.getSimpleName();
                ways.add(new BuildWays.Delegate(how, s));
            }
        }
        return ways;
    }

    /** What a function returns when its result is not a number, a boolean or one of its arguments; or null. */
    private Samplers.Sampler functionResult(Method method, TypeBindings inside) {
        Type result = inside.resolve(method.getGenericReturnType());
        Class<?> r = FunctionProxies.box(TypeBindings.raw(result));
        if (r == Void.class || Number.class.isAssignableFrom(r) || r == Boolean.class || r == Character.class) {
            return null;
        }
        for (Type p : method.getGenericParameterTypes()) {
            if (r.isAssignableFrom(FunctionProxies.box(TypeBindings.raw(inside.resolve(p))))) {
                return null;
            }
        }
        return planResolved(result);
    }

    /** Samplers for an executable's parameters, or null when one cannot be made (its reason kept for the type). */
    private Samplers.Sampler[] arguments(Class<?> raw, Executable e, TypeBindings inside) {
        Type[] generic = e.getGenericParameterTypes();
        Class<?>[] plain = e.getParameterTypes();
        // An inner class's constructor may list its enclosing instance in one and not the other.
        Type[] types = generic.length == plain.length ? generic : plain;
        Samplers.Sampler[] args = new Samplers.Sampler[types.length];
        for (int i = 0; i < types.length; i++) {
            Type t = inside.resolve(types[i]);
            args[i] = planResolved(t);
            if (args[i] == null) {
                reasons.putIfAbsent(raw, "its constructors and factories need " + nameOf(t)
                        + ", which could not be built: " + whyNotResolved(t));
                return null;
            }
        }
        return args;
    }
}
