package liftsys.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * How the worker plans objects of JDK types (no project classes, so nothing needs a sandbox here):
 * the kind of value each plan draws, consistent type variables, functions, stand-ins for abstract
 * JDK types, and the reason given for a type that cannot be made.
 */
class ObjectPlannerTest {
    private static final Samplers.Hints HINTS = new Samplers.Hints(new double[] {2, 10}, List.of("k"), "");

    static ObjectPlanner planner() {
        return new ObjectPlanner(new Implementations(ObjectPlannerTest.class.getClassLoader(), List.of()), HINTS);
    }

    static List<Object> draws(Samplers.Sampler s, int n) {
        Random random = new Random(5);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.draw(random));
        }
        return out;
    }

    @SuppressWarnings("unused")
    static <T extends Number> int generic(T a, T b, Map<String, List<Integer>> nested, Optional<String> maybe,
                                          Writer out, Comparator<String> order, IntUnaryOperator f, Object o,
                                          Runnable r) {
        return 0;
    }

    static Type parameter(int i) throws NoSuchMethodException {
        Method m = ObjectPlannerTest.class.getDeclaredMethod("generic", Number.class, Number.class, Map.class,
                Optional.class, Writer.class, Comparator.class, IntUnaryOperator.class, Object.class, Runnable.class);
        return m.getGenericParameterTypes()[i];
    }

    @Test
    void oneTypeVariableIsOneConcreteTypeInEveryParameter() throws Exception {
        ObjectPlanner p = planner();
        List<Object> a = draws(p.plan(parameter(0)), 50);
        List<Object> b = draws(p.plan(parameter(1)), 50);
        assertTrue(a.stream().allMatch(Integer.class::isInstance), "T extends Number: an Integer first " + a);
        assertTrue(b.stream().allMatch(Integer.class::isInstance), "the same T: " + b);
        assertTrue(draws(p.plan(parameter(7)), 20).stream().allMatch(Integer.class::isInstance), "Object too");
    }

    @Test
    @SuppressWarnings("unchecked")
    void nestedMapsListsAndOptionalsHoldWhatTheirArgumentsSay() throws Exception {
        ObjectPlanner p = planner();
        for (Object m : draws(p.plan(parameter(2)), 30)) {
            for (Map.Entry<Object, Object> e : ((Map<Object, Object>) m).entrySet()) {
                assertInstanceOf(String.class, e.getKey());
                assertTrue(((List<Object>) e.getValue()).stream().allMatch(Integer.class::isInstance));
            }
        }
        List<Object> optionals = draws(p.plan(parameter(3)), 100);
        assertTrue(optionals.contains(Optional.empty()), "empty sometimes");
        assertTrue(optionals.stream().anyMatch(o -> ((Optional<?>) o).map(String.class::isInstance).orElse(false)));
    }

    @Test
    void abstractJdkTypesHaveStandInsAndFunctionsAreAffine() throws Exception {
        ObjectPlanner p = planner();
        List<Object> writers = draws(p.plan(parameter(4)), 30);
        assertTrue(writers.stream().anyMatch(StringWriter.class::isInstance), "the stand-in: " + writers);
        assertTrue(writers.stream().anyMatch(w -> !(w instanceof StringWriter)), "and Writer's own factory, nullWriter()");
        List<Object> orders = draws(p.plan(parameter(5)), 20);
        assertTrue(orders.contains(Comparator.naturalOrder()) && orders.contains(Comparator.reverseOrder()));
        for (Object f : draws(p.plan(parameter(6)), 20)) {
            IntUnaryOperator op = (IntUnaryOperator) f;
            int slope = op.applyAsInt(11) - op.applyAsInt(10);
            assertEquals(slope * 10, op.applyAsInt(20) - op.applyAsInt(10), 2, "x -> k * x + c");
        }
        Runnable r = (Runnable) draws(p.plan(parameter(8)), 1).get(0);
        r.run();
        assertSame(r, r, "a void function runs and does nothing");
    }

    /** Built only through its static factory, which refuses odd numbers; once through its constant. */
    public static final class Even {
        public static final Even ZERO = new Even(0);
        final int value;

        private Even(int value) {
            this.value = value;
        }

        public static Even of(int value) {
            if (value % 2 != 0) {
                throw new IllegalArgumentException("odd: " + value);
            }
            return new Even(value);
        }
    }

    @Test
    void aFactoryThatThrowsIsDrawnAgainAndConstantsAreUsedToo() {
        Samplers.Sampler s = planner().plan(Even.class);
        Random random = new Random(5);
        List<Object> evens = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < 400; i++) {
            try {
                evens.add(s.draw(random));
            } catch (BuildWays.CannotBuild e) {
                failed++;
                assertTrue(e.getMessage().startsWith("Even could not be built: every way tried threw; the last: "
                        + "java.lang.IllegalArgumentException: odd: "), e.getMessage());
            }
        }
        assertTrue(failed < 20, "a quarter of the attempts throw, four attempts per value: " + failed);
        assertTrue(evens.stream().allMatch(e -> ((Even) e).value % 2 == 0));
        assertTrue(evens.contains(Even.ZERO));
        assertTrue(evens.stream().anyMatch(e -> ((Even) e).value != 0), "the factory, with drawn values");
        assertTrue(s.describe("e").description().contains("Even.of(int)"), s.describe("e").description());
    }

    /** An abstract bound with two implementations: every T of one trace must be the same one. */
    public interface Field<T extends Field<T>> {
        T plus(T other);
    }

    public static final class Small implements Field<Small> {
        public Small(int value) {
        }

        @Override
        public Small plus(Small other) {
            return this;
        }
    }

    public static final class Large implements Field<Large> {
        public Large(long value) {
        }

        @Override
        public Large plus(Large other) {
            return this;
        }
    }

    @SuppressWarnings("unused")
    static <T extends Field<T>> T sum(T a, T b) {
        return a.plus(b);
    }

    @Test
    void aTypeVariableWithAnAbstractBoundIsOneOfItsImplementationsInEveryParameter() throws Exception {
        Implementations both = new Implementations(ObjectPlannerTest.class.getClassLoader(),
                List.of(Small.class.getName(), Large.class.getName()));
        ObjectPlanner p = new ObjectPlanner(both, HINTS);
        Method sum = ObjectPlannerTest.class.getDeclaredMethod("sum", Field.class, Field.class);
        List<Object> a = draws(p.plan(sum.getGenericParameterTypes()[0]), 30);
        List<Object> b = draws(p.plan(sum.getGenericParameterTypes()[1]), 30);
        Class<?> chosen = a.get(0).getClass();
        assertTrue(a.stream().allMatch(chosen::isInstance) && b.stream().allMatch(chosen::isInstance),
                "one class for T: " + a + " " + b);
    }

    interface Sink {
        void put(int x);

        int size();
    }

    @Test
    void aTypeThatCannotBeMadeSaysWhy() {
        ObjectPlanner p = planner();
        assertNull(p.plan(Sink.class));
        assertEquals(ObjectPlanner.NOTHING_FOUND, p.whyNot(Sink.class));
        assertTrue(p.implementations().missing().contains(Sink.class), "a project type to look for in the sources");
    }

    /** Needs an instance of itself and nothing else: cut off, with the reason. */
    public static final class Loop {
        public Loop(Loop next) {
        }
    }

    @Test
    void aTypeThatNeedsItselfEndsWithAReason() {
        ObjectPlanner p = planner();
        assertNull(p.plan(Loop.class));
        assertTrue(p.whyNot(Loop.class).contains("instance of itself"), p.whyNot(Loop.class));
    }
}
