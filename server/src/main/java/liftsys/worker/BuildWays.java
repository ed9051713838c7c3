package liftsys.worker;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import liftsys.wire.Wire;

/**
 * The ways the worker makes an object the way its code makes one (Randoop, EvoSuite): a
 * constructor, a static factory, a constant, a builder, an implementation of an interface, a
 * function; and the samplers built from them. A {@link Choice} draws one way per value and retries
 * with another draw (other arguments, maybe another way) when the code throws, up to
 * {@link #ATTEMPTS} times, every other retry with its numeric arguments made non-negative; a way
 * that has thrown {@link #RETIRE_AFTER} times without ever succeeding is not drawn again. Everything is driven by the trace's {@link Random}, so the same
 * seed makes the same objects. Worker side, JDK only; not thread-safe (one trace at a time).
 */
final class BuildWays {
    static final int ATTEMPTS = 4;
    static final int RETIRE_AFTER = 8;

    private BuildWays() {
    }

    /**
     * One way to make a value; it throws what the code throws. {@code nonNegative} asks for its
     * numeric arguments made non-negative (a retry: most preconditions that throw are signs).
     */
    interface Way {
        Object make(Random random, boolean nonNegative) throws Throwable;

        /** How it makes the value, for the answer's input description ("new Fraction(int, int)"). */
        String label();
    }

    /** Thrown when every attempt at a value threw: names the type and the last cause. */
    static final class CannotBuild extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CannotBuild(String typeName, Throwable last) {
            super(typeName + " could not be built: every way tried threw; the last: " + describe(last), last, false,
                    false);
        }

        private static String describe(Throwable t) {
            return t == null ? "none" : t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
    }

    /** The cause a reflective call wraps, so a retry learns what the code threw. */
    static Throwable unwrap(Throwable t) {
        return t instanceof InvocationTargetException i && i.getCause() != null ? i.getCause() : t;
    }

    /** Draws a way per value, with retries; an object's column records whether it is present (never null here). */
    static final class Choice implements Samplers.Sampler {
        private final String typeName;
        private final List<Way> ways;
        private final int[] successes;
        private final int[] failures;

        Choice(String typeName, List<Way> ways) {
            this.typeName = typeName;
            this.ways = List.copyOf(ways);
            this.successes = new int[ways.size()];
            this.failures = new int[ways.size()];
        }

        @Override
        public Object draw(Random random) {
            Throwable last = null;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int k = pick(random);
                try {
                    // Every other retry makes the numbers non-negative: lengths, counts, standard
                    // deviations and sizes are what constructors check most often.
                    Object value = ways.get(k).make(random, attempt % 2 == 1);
                    successes[k]++;
                    return value;
                } catch (VirtualMachineError fatal) {
                    if (fatal instanceof StackOverflowError) {
                        failures[k]++;
                        last = fatal;
                        continue;
                    }
                    throw fatal;
                } catch (Throwable t) {
                    failures[k]++;
                    last = unwrap(t);
                }
            }
            throw new CannotBuild(typeName, last);
        }

        private int pick(Random random) {
            int live = 0;
            for (int k = 0; k < ways.size(); k++) {
                live += retired(k) ? 0 : 1;
            }
            if (live == 0) {
                return random.nextInt(ways.size());
            }
            int n = random.nextInt(live);
            for (int k = 0; k < ways.size(); k++) {
                if (!retired(k) && n-- == 0) {
                    return k;
                }
            }
            return 0;
        }

        private boolean retired(int k) {
            return successes[k] == 0 && failures[k] >= RETIRE_AFTER;
        }

        @Override
        public Wire.Sampled describe(String column) {
            // What the column holds is known only once values are recorded (a number it offers, or presence).
            return new Wire.Sampled(column, Wire.InputModel.BOOLEAN, Double.NaN, Double.NaN, List.of(),
                    typeName + " built by " + labels(ways) + "; recorded as the number it offers (its getValue(), "
                            + "size(), ...), else as present (1) or null (0)");
        }

        List<Way> ways() {
            return ways;
        }
    }

    static String labels(List<Way> ways) {
        List<String> labels = ways.stream().map(Way::label).distinct().toList();
        String shown = labels.stream().limit(4).collect(Collectors.joining(", "));
        return labels.size() > 4 ? shown + " or " + (labels.size() - 4) + " more ways" : shown;
    }

    /** Draws the arguments of a constructor or method, numbers made non-negative when asked. */
    static Object[] arguments(Samplers.Sampler[] samplers, Random random, boolean nonNegative) {
        Object[] args = new Object[samplers.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = samplers[i].draw(random);
            if (nonNegative) {
                args[i] = magnitude(args[i]);
            }
        }
        return args;
    }

    /** A number's absolute value in its own type (other values as they are). */
    static Object magnitude(Object value) {
        if (value instanceof Double d) {
            return Math.abs(d);
        }
        if (value instanceof Float f) {
            return Math.abs(f);
        }
        if (value instanceof Long l) {
            return l == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(l);
        }
        if (value instanceof Integer i) {
            return i == Integer.MIN_VALUE ? Integer.MAX_VALUE : Math.abs(i);
        }
        if (value instanceof Short s) {
            return (short) Math.abs((int) s);
        }
        if (value instanceof Byte b) {
            return (byte) Math.abs((int) b);
        }
        if (value instanceof java.math.BigInteger b) {
            return b.abs();
        }
        if (value instanceof java.math.BigDecimal b) {
            return b.abs();
        }
        return value;
    }

    static String signature(Executable e) {
        String params = java.util.Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        String owner = e.getDeclaringClass().getSimpleName();
        return e instanceof Constructor<?> ? "new " + owner + "(" + params + ")"
                : owner + "." + e.getName() + "(" + params + ")";
    }

    /** {@code new C(args)}. */
    record ConstructorWay(Constructor<?> constructor, Samplers.Sampler[] args) implements Way {
        @Override
        public Object make(Random random, boolean nonNegative) throws Throwable {
            try {
                return constructor.newInstance(arguments(args, random, nonNegative));
            } catch (InvocationTargetException e) {
                throw unwrap(e);
            }
        }

        @Override
        public String label() {
            return signature(constructor);
        }
    }

    /** {@code C.of(args)}: a static method that returns the type (a null result counts as a failure). */
    record FactoryWay(Method factory, Samplers.Sampler[] args) implements Way {
        @Override
        public Object make(Random random, boolean nonNegative) throws Throwable {
            Object value;
            try {
                value = factory.invoke(null, arguments(args, random, nonNegative));
            } catch (InvocationTargetException e) {
                throw unwrap(e);
            }
            if (value == null) {
                throw new IllegalStateException(signature(factory) + " returned null");
            }
            return value;
        }

        @Override
        public String label() {
            return signature(factory);
        }
    }

    /** One of the type's own constants ({@code Fraction.ONE}, {@code Locale.US}), read when drawn. */
    record ConstantWay(Class<?> owner, List<Field> constants) implements Way {
        @Override
        public Object make(Random random, boolean nonNegative) throws Throwable {
            Object value = constants.get(random.nextInt(constants.size())).get(null);
            if (value == null) {
                throw new IllegalStateException("the constant is null");
            }
            return value;
        }

        @Override
        public String label() {
            return "a constant of " + owner.getSimpleName() + " (" + constants.stream().limit(3).map(Field::getName)
                    .collect(Collectors.joining(", ")) + (constants.size() > 3 ? ", ..." : "") + ")";
        }
    }

    /** A setter of a builder and how its argument is drawn. */
    record Setter(Method method, Samplers.Sampler arg) {
    }

    /** {@code C.builder().a(x).b(y).build()}: each setter is called with probability 3/4. */
    record BuilderWay(Method builder, List<Setter> setters, Method build) implements Way {
        @Override
        public Object make(Random random, boolean nonNegative) throws Throwable {
            try {
                Object b = builder.invoke(null);
                for (Setter s : setters) {
                    if (random.nextInt(4) != 0) {
                        Object arg = s.arg().draw(random);
                        Object next = s.method().invoke(b, nonNegative ? magnitude(arg) : arg);
                        if (next != null && s.method().getReturnType() != void.class) {
                            b = next;
                        }
                    }
                }
                return build.invoke(b);
            } catch (InvocationTargetException e) {
                throw unwrap(e);
            }
        }

        @Override
        public String label() {
            return builder.getDeclaringClass().getSimpleName() + "." + builder.getName() + "()..." + build.getName()
                    + "()";
        }
    }

    /** A value of another sampler (an implementation of an interface, a JDK class standing in for one). */
    record Delegate(String label, Samplers.Sampler sampler) implements Way {
        @Override
        public Object make(Random random, boolean nonNegative) {
            return sampler.draw(random);
        }
    }

    /** A fixed value chosen among a few ({@code Class<?>}: String.class, Integer.class, ...). */
    record OneOf(String label, List<Object> values) implements Way {
        @Override
        public Object make(Random random, boolean nonNegative) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /** Collections, maps and Optionals of drawn elements: sizes 0..8, recorded as their size. */
    static final class Container implements Samplers.Sampler {
        private final String typeName;
        private final Supplier<Object> fresh;
        private final Samplers.Sampler element;
        private final Samplers.Sampler value;

        /** A collection ({@code value} null) or a map ({@code element} draws its keys). */
        Container(String typeName, Supplier<Object> fresh, Samplers.Sampler element, Samplers.Sampler value) {
            this.typeName = typeName;
            this.fresh = fresh;
            this.element = element;
            this.value = value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object draw(Random random) {
            int size = random.nextInt(Samplers.MAX_LENGTH + 1);
            Object container = fresh.get();
            for (int i = 0; i < size; i++) {
                if (container instanceof Map<?, ?> map) {
                    ((Map<Object, Object>) map).put(element.draw(random), value.draw(random));
                } else {
                    ((Collection<Object>) container).add(element.draw(random));
                }
            }
            return container;
        }

        @Override
        public Wire.Sampled describe(String column) {
            String of = value == null ? element.describe(column).description()
                    : "keys " + element.describe(column).description() + "; values " + value.describe(column).description();
            return new Wire.Sampled(column, Wire.InputModel.CONTINUOUS, 0, Samplers.MAX_LENGTH, List.of(),
                    typeName + " of 0.." + Samplers.MAX_LENGTH + " elements, recorded as its size: " + of);
        }
    }

    /** {@code Optional.empty()} one draw in five, else a drawn value. */
    record OptionalOf(Samplers.Sampler element) implements Samplers.Sampler {
        @Override
        public Object draw(Random random) {
            return random.nextInt(5) == 0 ? Optional.empty() : Optional.of(element.draw(random));
        }

        @Override
        public Wire.Sampled describe(String column) {
            return new Wire.Sampled(column, Wire.InputModel.BOOLEAN, Double.NaN, Double.NaN, List.of(),
                    "Optional: empty one draw in five, else " + element.describe(column).description());
        }
    }

    /** Arrays of drawn objects, length 0..8, recorded as their length. */
    record ArrayOf(Class<?> component, Samplers.Sampler element) implements Samplers.Sampler {
        @Override
        public Object draw(Random random) {
            int length = random.nextInt(Samplers.MAX_LENGTH + 1);
            Object array = Array.newInstance(component, length);
            for (int i = 0; i < length; i++) {
                Array.set(array, i, element.draw(random));
            }
            return array;
        }

        @Override
        public Wire.Sampled describe(String column) {
            return new Wire.Sampled(column, Wire.InputModel.CONTINUOUS, 0, Samplers.MAX_LENGTH, List.of(),
                    component.getSimpleName() + "[] of length 0.." + Samplers.MAX_LENGTH + ", elements: "
                            + element.describe(column).description());
        }
    }

    /** The ways a choice offers, with one more in front. */
    static List<Way> with(Way first, List<Way> rest) {
        List<Way> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
