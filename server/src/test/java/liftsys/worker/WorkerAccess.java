package liftsys.worker;

import java.util.ArrayList;
import java.util.List;
import liftsys.wire.Wire;

/**
 * What tests of the server side (liftsys.trace) use of the worker's package-private classes: the
 * worker's room stays closed to the server's code, and tests reach in through here alone.
 */
public final class WorkerAccess {
    private WorkerAccess() {
    }

    /** How the worker prints a number in its descriptions of what it drew. */
    public static String format(double v) {
        return NumericShape.format(v);
    }

    /** Threads the traced code may have alive at once ({@link Sandbox#MAX_THREADS}). */
    public static int maxThreads() {
        return Sandbox.MAX_THREADS;
    }

    /**
     * The first input of a request drawn {@code samples} times as the worker draws them
     * ({@link FeedbackLoop}): one generator per attempt; nothing throws, so nothing is learned.
     */
    public static List<Object> draw(java.lang.reflect.Type type, List<Wire.InputSpec> inputs, List<Wire.Fact> facts,
                                    int constants, double[] numbers, List<String> strings, String chars, long seed,
                                    int samples) {
        Samplers.Sampler sampler = Samplers.forType(type, new Samplers.Hints(numbers, strings, chars), new double[0]);
        DrawPlan plan = DrawPlan.of(List.of(new WorkerMain.Input(inputs.get(0), sampler, null)), inputs, facts,
                new double[constants]);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            out.add(plan.draw(FeedbackLoop.random(seed, i))[0]);
            plan.learn(true);
        }
        return out;
    }
}
