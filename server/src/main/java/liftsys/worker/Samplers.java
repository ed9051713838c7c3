package liftsys.worker;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import liftsys.wire.Wire;

/**
 * Input generators by Java type, run in the worker. Numbers are drawn uniformly over a range
 * around the method's numeric literals and 0 (a field with an initializer: around its
 * initializer's literals), spanning them plus half the span on each side, the span being at least
 * twice the largest magnitude and at least 10 (1 for a field's floating-point scale), and one
 * draw in five is one of those literals or, for integers, a neighbour of one, so comparisons
 * against constants go both ways. Booleans are fair coins;
 * chars and strings come from a pool of the method's literals plus a few fixed values; enums are
 * uniform over their constants; arrays, lists and sets get a length in 0..8 and elements drawn
 * the same way. The same seed gives the same draws. Not thread-safe; one set per trace.
 */
final class Samplers {
    static final int MAX_LENGTH = 8;
    private static final List<String> DEFAULT_STRINGS = List.of("", "a", "abc", "Hello, World");
    private static final String DEFAULT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";

    private Samplers() {
    }

    /** Draws values of one input and says how. */
    interface Sampler {
        Object draw(Random random);

        Wire.Sampled describe(String column);
    }

    /** The literals of the method, shared by its inputs. */
    record Hints(double[] numbers, List<String> strings, String chars) {
        /** The string pool in draw order: the method's literals first. */
        List<String> stringPool() {
            LinkedHashSet<String> pool = new LinkedHashSet<>(strings);
            pool.addAll(DEFAULT_STRINGS);
            return List.copyOf(pool);
        }
    }

    /** A sampler for the type, or null when it cannot be sampled. */
    static Sampler forType(Type type, Hints hints, double[] own) {
        return forType(type, hints, own, 0);
    }

    private static Sampler forType(Type type, Hints hints, double[] own, int depth) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                Sampler element = depth < 2 ? forType(c.getComponentType(), hints, own, depth + 1) : null;
                return element == null ? null : new ArraySampler(c.getComponentType(), element);
            }
            Numeric numeric = Numeric.of(c);
            if (numeric != null) {
                // A field's initializer sets its scale; otherwise the method's literals do.
            return own.length > 0 ? new NumberSampler(numeric, own, numeric.integral ? 10 : 1, c.getSimpleName())
                    : new NumberSampler(numeric, hints.numbers(), 10, c.getSimpleName());
            }
            if (c == boolean.class || c == Boolean.class) {
                return new BooleanSampler();
            }
            if (c == char.class || c == Character.class) {
                return new CharSampler(hints.chars());
            }
            if (c == String.class || c == CharSequence.class) {
                return new StringSampler(hints.stringPool());
            }
            if (c.isEnum()) {
                EnumSampler e = new EnumSampler(c);
                return e.names.isEmpty() ? null : e;
            }
            return ObjectSamplers.forType(type, hints, own, depth);
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && p.getActualTypeArguments().length == 1 && depth < 2) {
            Sampler element = forType(p.getActualTypeArguments()[0], hints, own, depth + 1);
            if (element == null) {
                // Not a collection of values drawn here (an AtomicReference<T[][]>, a list of objects
                // nested deeper than two levels): objects are planned as their code makes them.
                return ObjectSamplers.forType(type, hints, own, depth);
            }
            if (raw == List.class || raw == ArrayList.class || raw == Collection.class || raw == Iterable.class) {
                return new CollectionSampler(element, false, raw.getSimpleName());
            }
            if (raw == Set.class || raw == java.util.HashSet.class || raw == LinkedHashSet.class) {
                return new CollectionSampler(element, true, raw.getSimpleName());
            }
            if ((raw == TreeSet.class || raw == java.util.SortedSet.class || raw == java.util.NavigableSet.class)
                    && !(element instanceof BooleanSampler)) {
                return new CollectionSampler(element, true, raw.getSimpleName()) {
                    @Override
                    Collection<Object> newCollection() {
                        return new TreeSet<>();
                    }
                };
            }
        }
        return ObjectSamplers.forType(type, hints, own, depth);
    }

    /** The numeric types, with their ranges and how a drawn double becomes one of them. */
    enum Numeric {
        BYTE(true, Byte.MIN_VALUE, Byte.MAX_VALUE),
        SHORT(true, Short.MIN_VALUE, Short.MAX_VALUE),
        INT(true, Integer.MIN_VALUE, Integer.MAX_VALUE),
        LONG(true, -9.007199254740992E15, 9.007199254740992E15),
        FLOAT(false, -Float.MAX_VALUE, Float.MAX_VALUE),
        DOUBLE(false, -Double.MAX_VALUE, Double.MAX_VALUE),
        BIG_INTEGER(true, -9.007199254740992E15, 9.007199254740992E15),
        BIG_DECIMAL(false, -Double.MAX_VALUE, Double.MAX_VALUE);

        final boolean integral;
        final double min;
        final double max;

        Numeric(boolean integral, double min, double max) {
            this.integral = integral;
            this.min = min;
            this.max = max;
        }

        static Numeric of(Class<?> c) {
            if (c == byte.class || c == Byte.class) {
                return BYTE;
            }
            if (c == short.class || c == Short.class) {
                return SHORT;
            }
            if (c == int.class || c == Integer.class) {
                return INT;
            }
            if (c == long.class || c == Long.class) {
                return LONG;
            }
            if (c == float.class || c == Float.class) {
                return FLOAT;
            }
            if (c == double.class || c == Double.class) {
                return DOUBLE;
            }
            if (c == BigInteger.class) {
                return BIG_INTEGER;
            }
            if (c == BigDecimal.class) {
                return BIG_DECIMAL;
            }
            return null;
        }

        Object box(double v) {
            return switch (this) {
                case BYTE -> (byte) v;
                case SHORT -> (short) v;
                case INT -> (int) v;
                case LONG -> (long) v;
                case FLOAT -> (float) v;
                case DOUBLE -> v;
                case BIG_INTEGER -> BigInteger.valueOf((long) v);
                case BIG_DECIMAL -> BigDecimal.valueOf(v);
            };
        }
    }

    static final class NumberSampler implements Sampler {
        private final Numeric type;
        private final String typeName;
        private final double[] hints;
        private final double minimumSpan;
        private final double low;
        private final double high;
        private final double[] specials;
        private final double[] constants;

        NumberSampler(Numeric type, double[] hints, double minimumSpan, String typeName) {
            this.type = type;
            this.typeName = typeName;
            this.hints = hints.clone();
            this.minimumSpan = minimumSpan;
            double lo = 0;
            double hi = 0;
            LinkedHashSet<Double> values = new LinkedHashSet<>();
            values.add(0.0);
            for (double h : hints) {
                if (Double.isFinite(h) && h >= type.min && h <= type.max) {
                    values.add(type.integral ? Math.rint(h) : h);
                }
            }
            for (double v : values) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            double span = Math.max(hi - lo, Math.max(2 * Math.max(Math.abs(lo), Math.abs(hi)), minimumSpan));
            double l = Math.max(type.min, lo - span / 2);
            double h = Math.min(type.max, hi + span / 2);
            this.low = type.integral ? Math.floor(l) : l;
            this.high = type.integral ? Math.ceil(h) : h;
            this.constants = values.stream().mapToDouble(Double::doubleValue).toArray();
            LinkedHashSet<Double> special = new LinkedHashSet<>();
            for (double v : values) {
                special.add(v);
                if (type.integral) {
                    if (v - 1 >= type.min) {
                        special.add(v - 1);
                    }
                    if (v + 1 <= type.max) {
                        special.add(v + 1);
                    }
                }
            }
            this.specials = special.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** The same sampler with more values the code compares the input with: its range spans them too. */
        NumberSampler withConstants(double[] more) {
            double[] all = Arrays.copyOf(hints, hints.length + more.length);
            System.arraycopy(more, 0, all, hints.length, more.length);
            return new NumberSampler(type, all, minimumSpan, typeName);
        }

        Numeric numeric() {
            return type;
        }

        String typeName() {
            return typeName;
        }

        double low() {
            return low;
        }

        double high() {
            return high;
        }

        /** The values one draw in five takes: the constants, and for integers their neighbours. */
        double[] specials() {
            return specials.clone();
        }

        @Override
        public Object draw(Random random) {
            double v;
            if (random.nextInt(5) == 0) {
                v = specials[random.nextInt(specials.length)];
            } else if (type.integral) {
                v = low + Math.floor(random.nextDouble() * (high - low + 1));
                v = Math.min(v, high);
            } else {
                v = low + random.nextDouble() * (high - low);
            }
            return type.box(v);
        }

        @Override
        public Wire.Sampled describe(String column) {
            String list = Arrays.stream(constants).mapToObj(NumberSampler::format).collect(Collectors.joining(", "));
            return new Wire.Sampled(column, Wire.InputModel.CONTINUOUS, low, high, List.of(),
                    typeName + " uniform in [" + format(low) + ", " + format(high) + "]; one draw in five is one of "
                            + list + (type.integral ? " or a neighbour" : ""));
        }

        static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }

    static final class BooleanSampler implements Sampler {
        @Override
        public Object draw(Random random) {
            return random.nextBoolean();
        }

        @Override
        public Wire.Sampled describe(String column) {
            return new Wire.Sampled(column, Wire.InputModel.BOOLEAN, 0, 1, List.of(), "true or false, evenly");
        }
    }

    static final class CharSampler implements Sampler {
        private final String literals;
        private final String pool;

        CharSampler(String literals) {
            this.literals = literals;
            StringBuilder all = new StringBuilder(literals);
            DEFAULT_CHARS.chars().filter(c -> all.indexOf(String.valueOf((char) c)) < 0).forEach(c -> all.append((char) c));
            this.pool = all.toString();
        }

        @Override
        public Object draw(Random random) {
            if (!literals.isEmpty() && random.nextInt(3) == 0) {
                return literals.charAt(random.nextInt(literals.length()));
            }
            return pool.charAt(random.nextInt(pool.length()));
        }

        @Override
        public Wire.Sampled describe(String column) {
            List<String> categories = pool.chars().mapToObj(c -> String.valueOf((char) c)).toList();
            int low = pool.chars().min().orElse(0);
            int high = pool.chars().max().orElse(0);
            // A char is a number (its code): 'a' + 1 is 'b'.
            return new Wire.Sampled(column, Wire.InputModel.CONTINUOUS, low, high, categories,
                    "a letter, digit or space, recorded as its code" + (literals.isEmpty() ? ""
                            : "; one draw in three is one of the method's chars '" + literals + "'"));
        }
    }

    /**
     * Strings from the pool: three draws in four from the method's own Strings (its literals, and
     * numbers where it parses Strings) when it has any, so its branches on them are taken; else
     * from the fixed ones.
     */
    static final class StringSampler implements Sampler {
        private final List<String> pool;
        private final List<String> own;

        StringSampler(List<String> pool) {
            this.pool = pool;
            this.own = pool.stream().filter(s -> !DEFAULT_STRINGS.contains(s)).toList();
        }

        @Override
        public Object draw(Random random) {
            if (!own.isEmpty() && random.nextInt(4) != 0) {
                return own.get(random.nextInt(own.size()));
            }
            return pool.get(random.nextInt(pool.size()));
        }

        @Override
        public Wire.Sampled describe(String column) {
            // The column holds the String's length (the server reads it so); the pool says which Strings.
            int shortest = pool.stream().mapToInt(String::length).min().orElse(0);
            int longest = pool.stream().mapToInt(String::length).max().orElse(0);
            return new Wire.Sampled(column, Wire.InputModel.CONTINUOUS, shortest, longest, pool,
                    "one of " + pool.size() + " strings, recorded as its length: three draws in four one of the "
                            + "method's literals (and numbers, where it parses them), else any of them or " + DEFAULT_STRINGS);
        }
    }

    /** Enum constants are fetched on the first draw, so the enum is initialised in the sandbox. */
    static final class EnumSampler implements Sampler {
        private final Class<?> type;
        final List<String> names;
        private Object[] constants;

        EnumSampler(Class<?> type) {
            this.type = type;
            List<String> found = new ArrayList<>();
            for (Field f : type.getDeclaredFields()) {
                if (f.isEnumConstant()) {
                    found.add(f.getName());
                }
            }
            this.names = List.copyOf(found);
        }

        @Override
        public Object draw(Random random) {
            Object[] all = constants();
            return all[random.nextInt(all.length)];
        }

        /** The constants, fetched (and the enum initialised) on first use. */
        Object[] constants() {
            if (constants == null) {
                constants = type.getEnumConstants();
            }
            return constants;
        }

        Class<?> type() {
            return type;
        }

        @Override
        public Wire.Sampled describe(String column) {
            return new Wire.Sampled(column, Wire.InputModel.CATEGORICAL, 0, names.size() - 1, names,
                    type.getSimpleName() + ": each of its " + names.size() + " constants, evenly");
        }
    }

    static final class ArraySampler implements Sampler {
        private final Class<?> component;
        private final Sampler element;

        ArraySampler(Class<?> component, Sampler element) {
            this.component = component;
            this.element = element;
        }

        Class<?> component() {
            return component;
        }

        Sampler element() {
            return element;
        }

        @Override
        public Object draw(Random random) {
            int length = random.nextInt(MAX_LENGTH + 1);
            Object array = Array.newInstance(component, length);
            for (int i = 0; i < length; i++) {
                Array.set(array, i, element.draw(random));
            }
            return array;
        }

        @Override
        public Wire.Sampled describe(String column) {
            return new Wire.Sampled(column, Wire.InputModel.CONTINUOUS, 0, MAX_LENGTH, List.of(),
                    component.getSimpleName() + "[] of length 0.." + MAX_LENGTH + ", elements: "
                            + element.describe(column).description());
        }
    }

    static class CollectionSampler implements Sampler {
        private final Sampler element;
        private final boolean set;
        private final String typeName;

        CollectionSampler(Sampler element, boolean set, String typeName) {
            this.element = element;
            this.set = set;
            this.typeName = typeName;
        }

        Collection<Object> newCollection() {
            return set ? new LinkedHashSet<>() : new ArrayList<>();
        }

        @Override
        public Object draw(Random random) {
            int length = random.nextInt(MAX_LENGTH + 1);
            Collection<Object> values = newCollection();
            for (int i = 0; i < length; i++) {
                values.add(element.draw(random));
            }
            return values;
        }

        @Override
        public Wire.Sampled describe(String column) {
            return new Wire.Sampled(column, Wire.InputModel.CONTINUOUS, 0, MAX_LENGTH, List.of(),
                    typeName + " of 0.." + MAX_LENGTH + (set ? " distinct" : "") + " elements: "
                            + element.describe(column).description());
        }
    }
}
