package liftsys.worker;

import java.lang.reflect.Type;

/**
 * Where {@link Samplers#forType} turns for a type it does not draw itself (objects, interfaces,
 * maps, {@code Optional}s, type variables, {@code Object}): the {@link ObjectPlanner} of the trace
 * the worker is preparing. A static hand-over because {@code Samplers.forType} is static and the
 * worker prepares one trace at a time ({@link WorkerMain} sets it before planning its inputs);
 * outside the worker there is none, and such types cannot be sampled.
 */
final class ObjectSamplers {
    private static volatile ObjectPlanner current;

    private ObjectSamplers() {
    }

    /** Makes the planner answer for the trace being prepared (null: none). */
    static void use(ObjectPlanner planner) {
        current = planner;
    }

    static ObjectPlanner current() {
        return current;
    }

    /** A sampler that builds the type through its code, or null. */
    static Samplers.Sampler forType(Type type, Samplers.Hints hints, double[] own, int depth) {
        ObjectPlanner planner = current;
        return planner == null ? null : planner.plan(type);
    }
}
