package liftsys.worker;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Type variables bound to concrete types while objects are planned (worker side, JDK only). A
 * wanted {@code Box<Integer>} binds {@code Box}'s {@code T} to {@code Integer} for its
 * constructors' parameters; a variable nothing binds (a method's own {@code <T>}, a raw type, a
 * wildcard {@code ?}) gets one concrete type for the whole trace, the first of Integer, String
 * and Double that its bounds accept, else a concrete class of its first bound (the project's first
 * that can be made, when the bound is abstract): the same {@code T} is the same type in
 * every parameter and every run, so {@code max(T a, T b)} compares two Integers. {@code Object}
 * is an Integer by the same rule. Not thread-safe; one per trace.
 */
final class TypeBindings {
    private static final List<Class<?>> CANDIDATES = List.of(Integer.class, String.class, Double.class);

    /** The one choice per unbound type variable, shared by every binding derived from this one. */
    private final Map<TypeVariable<?>, Type> chosen;
    private final Map<TypeVariable<?>, Type> bound;
    /** A concrete class for an abstract bound (the type itself when there is none). */
    private final java.util.function.UnaryOperator<Class<?>> concrete;

    /** Bindings whose abstract bounds stay abstract. */
    TypeBindings() {
        this(c -> c);
    }

    /**
     * Bindings that bind a variable whose bound is abstract ({@code T extends RealFieldElement<T>})
     * to one concrete class, so every parameter of type {@code T} is of that class.
     */
    TypeBindings(java.util.function.UnaryOperator<Class<?>> concrete) {
        this(new HashMap<>(), Map.of(), concrete);
    }

    private TypeBindings(Map<TypeVariable<?>, Type> chosen, Map<TypeVariable<?>, Type> bound,
                         java.util.function.UnaryOperator<Class<?>> concrete) {
        this.chosen = chosen;
        this.bound = bound;
        this.concrete = concrete;
    }

    /** The bindings inside a wanted type: its raw class's variables bound to its arguments, resolved here first. */
    TypeBindings enter(Type wanted) {
        if (!(wanted instanceof ParameterizedType p) || !(p.getRawType() instanceof Class<?> raw)) {
            return new TypeBindings(chosen, Map.of(), concrete);
        }
        TypeVariable<?>[] variables = raw.getTypeParameters();
        Type[] arguments = p.getActualTypeArguments();
        Map<TypeVariable<?>, Type> inner = new HashMap<>();
        for (int i = 0; i < variables.length && i < arguments.length; i++) {
            inner.put(variables[i], resolve(arguments[i]));
        }
        return new TypeBindings(chosen, inner, concrete);
    }

    /** The type with every variable replaced by its binding or its consistent choice, wildcards by their bound. */
    Type resolve(Type type) {
        if (type instanceof TypeVariable<?> v) {
            Type b = bound.get(v);
            return b != null ? b : choose(v);
        }
        if (type instanceof WildcardType w) {
            Type[] lower = w.getLowerBounds();
            return resolve(lower.length > 0 ? lower[0] : w.getUpperBounds()[0]);
        }
        if (type instanceof GenericArrayType g) {
            Type component = resolve(g.getGenericComponentType());
            return component instanceof Class<?> c ? java.lang.reflect.Array.newInstance(c, 0).getClass()
                    : new ArrayOf(component);
        }
        if (type instanceof ParameterizedType p) {
            Type[] arguments = p.getActualTypeArguments().clone();
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = resolve(arguments[i]);
            }
            return new Parameterized((Class<?>) p.getRawType(), arguments, p.getOwnerType());
        }
        return type;
    }

    /** The class a (resolved) type stands for. */
    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType g) {
            return java.lang.reflect.Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    private Type choose(TypeVariable<?> v) {
        Type known = chosen.get(v);
        if (known != null) {
            return known;
        }
        // Marked first, so a variable whose bound mentions itself (T extends Comparable<T>) ends.
        chosen.put(v, Integer.class);
        Type[] bounds = v.getBounds();
        Type pick = null;
        for (Class<?> candidate : CANDIDATES) {
            if (Arrays.stream(bounds).allMatch(b -> raw(b).isAssignableFrom(candidate))) {
                pick = candidate;
                break;
            }
        }
        if (pick == null) {
            Class<?> boundClass = raw(bounds[0]);
            // While its concrete class is planned, a use of the variable inside sees the bound itself.
            chosen.put(v, boundClass);
            pick = concrete.apply(boundClass);
        }
        chosen.put(v, pick);
        return pick;
    }

    /** A parameterized type with its variables resolved. */
    record Parameterized(Class<?> rawType, Type[] arguments, Type ownerType) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return rawType;
        }

        @Override
        public Type getOwnerType() {
            return ownerType;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && rawType.equals(p.getRawType())
                    && Arrays.equals(arguments, p.getActualTypeArguments()) && Objects.equals(ownerType, p.getOwnerType());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(arguments) ^ rawType.hashCode() ^ Objects.hashCode(ownerType);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(rawType.getName()).append('<');
            for (int i = 0; i < arguments.length; i++) {
                s.append(i == 0 ? "" : ", ").append(arguments[i].getTypeName());
            }
            return s.append('>').toString();
        }
    }

    /** An array of a parameterized component. */
    record ArrayOf(Type component) implements GenericArrayType {
        @Override
        public Type getGenericComponentType() {
            return component;
        }

        @Override
        public String toString() {
            return component.getTypeName() + "[]";
        }
    }
}
