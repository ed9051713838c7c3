package liftsys.worker;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import liftsys.wire.Wire;

/**
 * What a compiled document needs before it runs in the worker: the traced method, a sampler per
 * input (parameters, fields the method reads) and the way its receiver is made, all planned from
 * declarations by the trace's {@link ObjectPlanner}; or the reply that says what could not be made,
 * and why. Runs none of the project's code (classes are loaded, not initialised). Worker side, JDK
 * only; stateless.
 */
final class TracePreparation {
    private TracePreparation() {
    }

    /**
     * A compiled document ready to run: the traced method, its inputs and receiver; or the reply
     * that says why not, with the abstract types no compiled class implements ({@code missing}).
     */
    record Prepared(Method method, List<WorkerMain.Input> inputs, WorkerMain.Receiver receiver, ClassLoader loader,
                            Set<String> classes, Wire.Reply failure, Set<Class<?>> missing) {
        static Prepared failed(Wire.Reply failure, Set<Class<?>> missing) {
            return new Prepared(null, null, null, null, null, failure, missing);
        }
    }

    /**
     * Loads the compiled document and plans how each input and the receiver are made; runs none of
     * the project's code (classes are loaded, not initialised).
     */
    static Prepared prepare(Wire.Request request, InMemoryCompiler.Result compiled, Samplers.Hints hints)
            throws ReflectiveOperationException, MalformedURLException {
        ClassLoader loader = new ProjectClassLoader(compiled.classes(), request.code().classpath());
        Class<?> owner = Class.forName(request.code().className(), false, loader);
        Method method = null;
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(request.code().methodName())) {
                method = m;
            }
        }
        if (method == null) {
            return Prepared.failed(Wire.Reply.failed(Wire.Outcome.FAILED, "the traced method is missing from "
                    + owner.getName(), false), Set.of());
        }
        method.setAccessible(true);
        ObjectPlanner planner = new ObjectPlanner(new Implementations(loader, compiled.classes().keySet()), hints);
        ObjectSamplers.use(planner);
        boolean isStatic = Modifier.isStatic(method.getModifiers());

        Type[] types = method.getGenericParameterTypes();
        List<WorkerMain.Input> inputs = new ArrayList<>();
        for (Wire.InputSpec spec : request.sampling().inputs()) {
            if (spec.field()) {
                continue;
            }
            Type type = types[spec.parameterIndex() + 1];
            Samplers.Sampler sampler = Samplers.forType(type, hints, spec.numbers());
            if (sampler == null) {
                return Prepared.failed(Wire.Reply.failed(Wire.Outcome.UNSUPPORTED, "parameter " + spec.name() + " of "
                        + request.code().displayName() + ": " + ObjectPlanner.nameOf(type) + " could not be built: "
                        + planner.whyNot(type), false), planner.implementations().missing());
            }
            inputs.add(new WorkerMain.Input(spec, sampler, null));
        }
        for (Wire.InputSpec spec : request.sampling().inputs()) {
            if (!spec.field()) {
                continue;
            }
            Field field = findField(owner, spec.name());
            if (field == null || (Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers()))
                    || (!Modifier.isStatic(field.getModifiers()) && (isStatic || owner.isEnum()))) {
                continue;
            }
            Samplers.Sampler sampler = Samplers.forType(field.getGenericType(), hints, spec.numbers());
            if (sampler == null) {
                return Prepared.failed(Wire.Reply.failed(Wire.Outcome.UNSUPPORTED, "field " + spec.name() + " read by "
                        + request.code().displayName() + ": " + ObjectPlanner.nameOf(field.getGenericType())
                        + " could not be built: " + planner.whyNot(field.getGenericType()), false),
                        planner.implementations().missing());
            }
            boolean component = owner.isRecord() && field.getDeclaringClass() == owner
                    && !Modifier.isStatic(field.getModifiers());
            if (!component && !field.trySetAccessible()) {
                continue;
            }
            inputs.add(new WorkerMain.Input(spec, sampler, field));
        }
        WorkerMain.Receiver receiver;
        if (isStatic) {
            receiver = (random, values) -> null;
        } else if (owner.isEnum()) {
            Samplers.EnumSampler constants = new Samplers.EnumSampler(owner);
            receiver = (random, values) -> constants.draw(random);
        } else if (owner.isInterface() || Modifier.isAbstract(owner.getModifiers())) {
            Samplers.Sampler subclass = planner.planImplementation(owner);
            if (subclass == null) {
                return Prepared.failed(Wire.Reply.failed(Wire.Outcome.UNSUPPORTED, request.code().displayName() + " is an instance "
                        + "method of the abstract type " + owner.getSimpleName() + ", which cannot be instantiated: "
                        + planner.whyNot(owner), false), planner.implementations().missing());
            }
            receiver = (random, values) -> subclass.draw(random);
        } else if (owner.isRecord()) {
            receiver = recordReceiver(owner, inputs);
        } else {
            receiver = builtOrBare(planner.plan(owner), bareReceiver(owner));
        }
        return new Prepared(method, inputs, receiver, loader, compiled.classes().keySet(), null, Set.of());
    }

    /**
     * The receiver as its code makes it (constructors, factories), so fields the method reaches
     * only through its callees hold what the code puts there; made bare, as before, when the type
     * has no way to be built, or when building it has thrown ten times without ever succeeding.
     */
    private static WorkerMain.Receiver builtOrBare(Samplers.Sampler built, WorkerMain.Receiver bare) {
        if (built == null) {
            return bare;
        }
        int[] outcomes = new int[2];
        return (random, values) -> {
            if (outcomes[0] == 0 && outcomes[1] >= 10) {
                return bare.make(random, values);
            }
            try {
                Object receiver = built.draw(random);
                outcomes[0]++;
                return receiver;
            } catch (BuildWays.CannotBuild failed) {
                outcomes[1]++;
                return bare.make(random, values);
            }
        };
    }

    /**
     * An instance made without running any of its constructors (fields are zero, false or null
     * until sampled), so a constructor's side effects and checks do not run. An inner class's
     * instance gets a bare instance of its enclosing class, and so on outwards.
     */
    private static WorkerMain.Receiver bareReceiver(Class<?> owner) throws ReflectiveOperationException {
        List<Constructor<?>> bare = new ArrayList<>();
        List<Field> outer = new ArrayList<>();
        for (Class<?> c = owner; c != null; c = WorkerMain.isInner(c) ? c.getEnclosingClass() : null) {
            Constructor<?> ctor = sun.reflect.ReflectionFactory.getReflectionFactory()
                    .newConstructorForSerialization(c, Object.class.getDeclaredConstructor());
            ctor.setAccessible(true);
            bare.add(ctor);
            if (WorkerMain.isInner(c)) {
                Field link = WorkerMain.outerLink(c);
                if (link == null) {
                    break;
                }
                link.setAccessible(true);
                outer.add(link);
            }
        }
        return (random, values) -> {
            Object receiver = bare.get(0).newInstance();
            Object current = receiver;
            for (int k = 0; k < outer.size(); k++) {
                Object enclosing = bare.get(k + 1).newInstance();
                outer.get(k).set(current, enclosing);
                current = enclosing;
            }
            return receiver;
        };
    }

    /**
     * A record is made with its canonical constructor (the one place its final fields can be
     * set): components the method reads get their sampled values, the others zero, false or null.
     */
    private static WorkerMain.Receiver recordReceiver(Class<?> owner, List<WorkerMain.Input> inputs) throws ReflectiveOperationException {
        java.lang.reflect.RecordComponent[] components = owner.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        int[] source = new int[components.length];
        for (int c = 0; c < components.length; c++) {
            types[c] = components[c].getType();
            source[c] = -1;
            for (int k = 0; k < inputs.size(); k++) {
                Field f = inputs.get(k).field();
                if (f != null && f.getDeclaringClass() == owner && f.getName().equals(components[c].getName())) {
                    source[c] = k;
                }
            }
        }
        Constructor<?> canonical = owner.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return (random, values) -> {
            Object[] args = new Object[types.length];
            for (int c = 0; c < types.length; c++) {
                args[c] = source[c] >= 0 ? values[source[c]] : zero(types[c]);
            }
            return canonical.newInstance(args);
        };
    }

    private static Object zero(Class<?> type) {
        return type.isPrimitive() ? java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0) : null;
    }

    private static Field findField(Class<?> owner, String name) {
        try {
            for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(name)) {
                        return f;
                    }
                }
            }
            boolean instances = WorkerMain.isInner(owner);
            for (Class<?> c = owner.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
                for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                    for (Field f : k.getDeclaredFields()) {
                        if (f.getName().equals(name) && (instances || Modifier.isStatic(f.getModifiers()))) {
                            return f;
                        }
                    }
                }
                instances = instances && WorkerMain.isInner(c);
            }
        } catch (LinkageError missing) {
            return null;
        }
        return null;
    }
}
