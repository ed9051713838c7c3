package liftsys.worker;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.EnumMap;
import java.util.EnumSet;

/**
 * EnumSet and EnumMap inputs: they have no public constructor, so they are made empty for their
 * enum (named by the type's first type argument), then filled as any set or map. Stateless.
 */
final class EnumContainers {
    private EnumContainers() {
    }

    /** The enum a type's first type argument names ({@code EnumSet<Unit>}), or null. */
    static Class<?> enumArgument(Type type) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > 0
                && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isEnum() ? c : null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object newEnumSet(Class<?> elements) {
        return EnumSet.noneOf((Class) elements);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object newEnumMap(Class<?> keys) {
        return new EnumMap((Class) keys);
    }
}
