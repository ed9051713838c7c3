package liftsys.worker;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.function.Supplier;

/**
 * EnumSet and EnumMap inputs: they have no public constructor, so they are made empty for their
 * enum (named by the type's first type argument), then filled as any set or map. Stateless.
 */
final class EnumContainers {
    private EnumContainers() {
    }

    /** A maker of empty containers of {@code raw} when it is EnumSet or EnumMap of an enum, else null. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Supplier<Object> fresh(Class<?> raw, Type type) {
        Class<?> of = type instanceof ParameterizedType p && p.getActualTypeArguments().length > 0
                && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isEnum() ? c : null;
        if (of == null) {
            return null;
        }
        if (raw == EnumSet.class) {
            return () -> EnumSet.noneOf((Class) of);
        }
        return raw == EnumMap.class ? () -> new EnumMap((Class) of) : null;
    }
}
