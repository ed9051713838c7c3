package liftsys.trace;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The worker JVM: compiles instrumented documents, samples inputs and runs traced methods for
 * the server, one request at a time, speaking {@link Wire} over stdin/stdout. Traced code runs
 * in a thread of the sandbox group under the {@link Sandbox}; its standard output and error are
 * discarded and its standard input is empty. The worker exits when the server closes stdin, and
 * the server kills it on a deadline; a worker whose state may be damaged asks to be replaced.
 * Uses only the JDK and this package's worker classes (no JavaParser, no liftsys.ir).
 */
public final class WorkerMain {
    private static final int MAX_MESSAGE = 600;

    private final InMemoryCompiler compiler;
    private final ThreadGroup sandboxGroup;
    private final Sandbox sandbox;

    private WorkerMain(InMemoryCompiler compiler, ThreadGroup sandboxGroup, Sandbox sandbox) {
        this.compiler = compiler;
        this.sandboxGroup = sandboxGroup;
        this.sandbox = sandbox;
    }

    /** {@code WorkerMain DIRECTORY [--no-sandbox]}: DIRECTORY is the only place traced code may write. */
    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        boolean sandboxed = !(args.length > 1 && args[1].equals("--no-sandbox"));
        PrintStream log = System.err;
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
                1 << 16));
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(discard);
        System.setErr(discard);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        ThreadGroup group = new ThreadGroup("liftsys-sandbox");
        Sandbox sandbox = null;
        if (sandboxed) {
            sandbox = install(new Sandbox(group, directory), log);
        }
        InMemoryCompiler compiler = new InMemoryCompiler();
        out.writeInt(Wire.MAGIC);
        out.writeInt(Wire.VERSION);
        out.flush();
        Thread warm = new Thread(() -> warmUp(compiler), "liftsys-warmup");
        warm.setDaemon(true);
        warm.start();

        BlockingQueue<Wire.Request> requests = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readRequests(in, requests, log), "liftsys-requests");
        reader.setDaemon(true);
        reader.start();

        WorkerMain worker = new WorkerMain(compiler, group, sandbox);
        while (true) {
            Wire.Request request;
            try {
                request = requests.take();
            } catch (InterruptedException e) {
                return;
            }
            Wire.Reply reply;
            try {
                reply = worker.handle(request);
            } catch (Throwable t) {
                reply = Wire.Reply.failed(Wire.TRACE_FAILED, "the worker failed: " + clip(t.toString()), true);
            }
            if (!reply.restart() && usedMostOfItsCpuTime()) {
                reply = reply.withRestart();
            }
            Wire.writeReply(out, reply);
            out.flush();
            if (reply.restart()) {
                // Damaged (a violation, a thread left running): nothing of it may act after the answer.
                Runtime.getRuntime().halt(0);
            }
        }
    }

    /**
     * Reads requests until the server goes: at the end of its input (the server closed the pipe,
     * or died, whatever killed it) the worker halts at once, even in the middle of a trace.
     * Nothing may stop that halt, so any failure here ends in it too.
     */
    private static void readRequests(DataInputStream in, BlockingQueue<Wire.Request> requests, PrintStream log) {
        int exit = 5;
        try {
            while (true) {
                int type = in.readInt();
                if (type != Wire.TRACE) {
                    exit = 0;
                    break;
                }
                requests.put(Wire.readRequest(in));
            }
        } catch (EOFException closed) {
            exit = 0;
        } catch (Throwable e) {
            try {
                log.println("liftsys worker: cannot read requests: " + e);
            } catch (Throwable ignored) {
                // Halting matters more than saying why.
            }
        } finally {
            Runtime.getRuntime().halt(exit);
        }
    }

    /**
     * Whether this JVM has used half the CPU time its resource limit allows ({@link OsSandbox}):
     * then it asks to be replaced, rather than be killed by the limit in the middle of a later trace.
     */
    private static boolean usedMostOfItsCpuTime() {
        long limit = Long.getLong(OsSandbox.CPU_SECONDS_PROPERTY, 0);
        if (limit <= 0) {
            return false;
        }
        return ProcessHandle.current().info().totalCpuDuration()
                .map(used -> used.toSeconds() * 2 >= limit).orElse(false);
    }

    @SuppressWarnings("removal")
    private static Sandbox install(Sandbox sandbox, PrintStream log) {
        try {
            System.setSecurityManager(sandbox);
            return sandbox;
        } catch (UnsupportedOperationException gone) {
            log.println("liftsys worker: this JDK cannot install a security manager; traced code runs unconfined");
            return null;
        }
    }

    /** Compiles a small method in the background, so the first real compilation finds javac warm. */
    private static void warmUp(InMemoryCompiler compiler) {
        String source = """
                class Warm {
                    static double f($liftsys.R $ls, double x, int n) {
                        double acc = $ls.a(0, 0, x);
                        for (int i = 0; i < n; i++) { acc += i * x; }
                        return $ls.a(1, 1, acc > 10 ? acc : -acc);
                    }
                }
                """;
        compiler.compile("warm-up", List.of(new Wire.SourceFile("Warm.java", source),
                new Wire.SourceFile(RecorderSource.PATH, RecorderSource.TEXT)), List.of());
    }

    /** An input ready to draw: where its value goes and how it is drawn. */
    record Input(Wire.InputSpec spec, Samplers.Sampler sampler, Field field) {
    }

    private Wire.Reply handle(Wire.Request request) throws ReflectiveOperationException, MalformedURLException {
        long start = System.nanoTime();
        String classpath = String.join(File.pathSeparator, request.classpath())
                + SourcePathStamp.ofClassPath(request.classpath());
        String sourcesStamp = SourcePathStamp.of(request.project());
        String key = request.key() + "|" + classpath + sourcesStamp;
        // The siblings compiled with a document depend on its shape, never on a method body: kept per shape.
        String siblingsKey = sourcesStamp.isEmpty() || request.project().documentShape().isEmpty() ? null
                : classpath + sourcesStamp + "|shape " + request.project().documentShape();
        boolean compiledNow = !compiler.cached(key);
        InMemoryCompiler.Result compiled = compiler.compile(key, request.sources(), request.classpath(),
                request.project(), siblingsKey);
        long compileNanos = System.nanoTime() - start;
        if (compiled.error() != null) {
            boolean ours = compiled.errorPosition() >= request.copyStart()
                    && compiled.errorPosition() < request.copyEnd();
            return Wire.Reply.failed(Wire.TRACE_FAILED, ours
                    ? "the instrumented copy of " + request.displayName() + " does not compile (a liftsys bug; please "
                    + "report it with the method): " + clip(compiled.error())
                    : "the document does not compile: " + clip(compiled.error()), false);
        }
        ClassLoader loader = new ProjectClassLoader(compiled.classes(), request.classpath());
        Class<?> owner = Class.forName(request.className(), false, loader);
        Method method = null;
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(request.methodName())) {
                method = m;
            }
        }
        if (method == null) {
            return Wire.Reply.failed(Wire.TRACE_FAILED, "the traced method is missing from " + owner.getName(), false);
        }
        method.setAccessible(true);
        Samplers.Hints hints = new Samplers.Hints(request.numbers(), request.strings(), request.chars());
        boolean isStatic = Modifier.isStatic(method.getModifiers());

        Type[] types = method.getGenericParameterTypes();
        List<Input> inputs = new ArrayList<>();
        for (Wire.InputSpec spec : request.inputs()) {
            if (spec.field()) {
                continue;
            }
            Type type = types[spec.parameterIndex() + 1];
            Samplers.Sampler sampler = Samplers.forType(type, hints, spec.numbers());
            if (sampler == null) {
                return Wire.Reply.failed(Wire.UNSUPPORTED, "parameter " + spec.name() + " of " + request.displayName()
                        + " has type " + typeName(type) + ", which cannot be sampled", false);
            }
            inputs.add(new Input(spec, sampler, null));
        }
        for (Wire.InputSpec spec : request.inputs()) {
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
                return Wire.Reply.failed(Wire.UNSUPPORTED, "field " + spec.name() + " read by " + request.displayName()
                        + " has type " + typeName(field.getGenericType()) + ", which cannot be sampled", false);
            }
            boolean component = owner.isRecord() && field.getDeclaringClass() == owner
                    && !Modifier.isStatic(field.getModifiers());
            if (!component && !field.trySetAccessible()) {
                continue;
            }
            inputs.add(new Input(spec, sampler, field));
        }
        Receiver receiver;
        if (isStatic) {
            receiver = (random, values) -> null;
        } else if (owner.isEnum()) {
            Samplers.EnumSampler constants = new Samplers.EnumSampler(owner);
            receiver = (random, values) -> constants.draw(random);
        } else if (owner.isInterface() || Modifier.isAbstract(owner.getModifiers())) {
            return Wire.Reply.failed(Wire.UNSUPPORTED, request.displayName() + " is an instance method of the abstract "
                    + "type " + owner.getSimpleName() + ", which cannot be instantiated", false);
        } else if (owner.isRecord()) {
            receiver = recordReceiver(owner, inputs);
        } else {
            receiver = bareReceiver(owner);
        }

        int variables = request.kinds().length;
        double[] row = new double[request.slots() + 1];
        double[] current = new double[variables];
        byte[] seen = new byte[variables];
        Map<String, Integer> dictionary = new LinkedHashMap<>();
        for (String s : hints.stringPool()) {
            dictionary.putIfAbsent(s, dictionary.size());
        }
        boolean[] forced = new boolean[request.slots() + 1];
        double[][] table = new double[request.slots() + 1][];
        boolean values = request.forceMode() == 3;
        if (values && request.forceValues().length != request.forcedSlots().length + request.forcedParameters().length) {
            return Wire.Reply.failed(Wire.UNSUPPORTED, "the experiment has " + request.forceValues().length
                    + " tables of values for " + (request.forcedSlots().length + request.forcedParameters().length)
                    + " forced definitions", false);
        }
        for (int k = 0; k < request.forcedSlots().length; k++) {
            int slot = request.forcedSlots()[k];
            if (slot < 0 || slot >= request.slots()) {
                return Wire.Reply.failed(Wire.UNSUPPORTED, "the intervention names slot " + slot + " of "
                        + request.slots(), false);
            }
            if (values && request.forceValues()[k].length == 0) {
                return Wire.Reply.failed(Wire.UNSUPPORTED, "the experiment has no values for slot " + slot, false);
            }
            forced[slot] = true;
            table[slot] = values ? request.forceValues()[k] : null;
        }
        Class<?>[] parameterTypes = method.getParameterTypes();
        for (int k = 0; k < request.forcedParameters().length; k++) {
            int p = request.forcedParameters()[k];
            if (p < 0 || p + 1 >= parameterTypes.length || !forceable(parameterTypes[p + 1], request.forceMode())
                    || (values && request.forceValues()[request.forcedSlots().length + k].length == 0)) {
                return Wire.Reply.failed(Wire.UNSUPPORTED, "parameter " + p + " of " + request.displayName()
                        + " cannot be " + (request.forceMode() == 1 ? "shifted" : "set") + " in the code", false);
            }
        }
        int[] execution = new int[1];
        boolean[] wrote = new boolean[request.slots() + 1];
        Class<?> recorderClass = loader.loadClass(RecorderSource.CLASS);
        Constructor<?> newRecorder = recorderClass.getConstructor(double[].class, double[].class, byte[].class,
                byte[].class, int[][].class, Map.class, boolean[].class, int.class, double.class, double[][].class,
                int[].class, boolean[].class);
        Object recorder = newRecorder.newInstance(row, current, request.kinds().clone(), seen, request.regions(),
                dictionary, forced, request.forceMode(), request.forceAmount(), table, execution, wrote);
        // Runs as written, to learn from while an intervention's trace draws its inputs (FeedbackLoop).
        Object plainRecorder = newRecorder.newInstance(row, current, request.kinds().clone(), seen, request.regions(),
                dictionary, new boolean[forced.length], 0, 0.0, new double[forced.length][], execution, wrote);

        FeedbackLoop loop = new FeedbackLoop(new FeedbackLoop.Setup(request, method, owner, receiver, inputs, recorder,
                plainRecorder, row, current, compiled.classes().keySet(), sandbox, sandboxGroup, start, execution,
                wrote));
        long runStart = System.nanoTime();
        Thread thread = new Thread(sandboxGroup, loop, "liftsys-traced");
        if (sandbox != null) {
            sandbox.begin();
        }
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long runNanos = System.nanoTime() - runStart;
        String violation = sandbox == null ? null : sandbox.violation();
        if (violation != null) {
            return Wire.Reply.failed(Wire.TRACE_FAILED, "the traced code tried to " + clip(violation)
                    + "; the worker's sandbox denied it, and the worker is replaced", true);
        }
        if (loop.leftover != null) {
            return Wire.Reply.failed(Wire.TRACE_FAILED, "the traced code started a thread (" + loop.leftover
                    + ") that was still running after its execution; the worker is replaced", true);
        }
        RunTally tally = loop.tally();
        return new Wire.Reply(Wire.OK, 0, null, false, loop.rows.toArray(new double[0][]), loop.run, tally.thrown(),
                tally.first(), seen, loop.describeInputs(), compileNanos, runNanos, compiledNow,
                loop.samples.stream().mapToInt(Integer::intValue).toArray(), loop.ran.toArray(new long[0][]),
                compiledNow && compiler.reusedSiblings(), tally.kinds(), loop.stopped);
    }

    /** Whether a parameter of this type can take the intervention (mode 1 shift, 2 set, 3 values) in the code. */
    static boolean forceable(Class<?> type, int mode) {
        boolean bool = type == boolean.class || type == Boolean.class;
        return numeric(type) || (bool && mode != 1);
    }

    private static boolean numeric(Class<?> type) {
        return type == byte.class || type == short.class || type == int.class || type == long.class
                || type == float.class || type == double.class || type == Byte.class || type == Short.class
                || type == Integer.class || type == Long.class || type == Float.class || type == Double.class;
    }

    /**
     * A sampled argument with the intervention applied as Java would: {@code value + amount} in the
     * parameter's own type (integers wrap), or {@code amount} converted to it. A null box stays null.
     */
    static Object force(Object value, Class<?> type, int mode, double amount) {
        boolean shift = mode == 1;
        if (type == boolean.class || type == Boolean.class) {
            return shift ? value : Boolean.valueOf(amount != 0);
        }
        if (value == null && shift) {
            return null;
        }
        Number n = shift ? (Number) value : 0;
        if (type == double.class || type == Double.class) {
            return shift ? n.doubleValue() + amount : amount;
        }
        if (type == float.class || type == Float.class) {
            return shift ? n.floatValue() + (float) amount : (float) amount;
        }
        long l = shift ? n.longValue() + (long) amount : (long) amount;
        if (type == long.class || type == Long.class) {
            return l;
        }
        if (type == int.class || type == Integer.class) {
            return (int) l;
        }
        if (type == short.class || type == Short.class) {
            return (short) l;
        }
        return (byte) l;
    }

    /** The slots whose definitions ran, as a bit set: bit j of word j / 64. */
    static long[] bits(boolean[] flags, int slots) {
        long[] words = new long[(slots + 63) / 64];
        for (int j = 0; j < slots; j++) {
            if (flags[j]) {
                words[j >> 6] |= 1L << (j & 63);
            }
        }
        return words;
    }

    /** Makes the object the method is called on, from the draws of this execution's inputs. */
    interface Receiver {
        Object make(Random random, Object[] inputValues) throws ReflectiveOperationException;
    }

    /**
     * An instance made without running any of its constructors (fields are zero, false or null
     * until sampled), so a constructor's side effects and checks do not run. An inner class's
     * instance gets a bare instance of its enclosing class, and so on outwards.
     */
    private static Receiver bareReceiver(Class<?> owner) throws ReflectiveOperationException {
        List<Constructor<?>> bare = new ArrayList<>();
        List<Field> outer = new ArrayList<>();
        for (Class<?> c = owner; c != null; c = isInner(c) ? c.getEnclosingClass() : null) {
            Constructor<?> ctor = sun.reflect.ReflectionFactory.getReflectionFactory()
                    .newConstructorForSerialization(c, Object.class.getDeclaredConstructor());
            ctor.setAccessible(true);
            bare.add(ctor);
            if (isInner(c)) {
                Field link = outerLink(c);
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
    private static Receiver recordReceiver(Class<?> owner, List<Input> inputs) throws ReflectiveOperationException {
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

    private static boolean isInner(Class<?> c) {
        return c.isMemberClass() && !Modifier.isStatic(c.getModifiers()) && !c.isInterface() && !c.isEnum()
                && !c.isRecord();
    }

    /** The synthetic field an inner class keeps its enclosing instance in ({@code this$0}). */
    private static Field outerLink(Class<?> inner) {
        for (Field f : inner.getDeclaredFields()) {
            if (f.isSynthetic() && f.getName().startsWith("this$") && f.getType() == inner.getEnclosingClass()) {
                return f;
            }
        }
        return null;
    }

    /** The object that holds an instance field: the receiver, or an enclosing instance of it. */
    static Object holder(Object receiver, Field field) throws IllegalAccessException {
        Object current = receiver;
        while (current != null && !field.getDeclaringClass().isInstance(current)) {
            Field link = outerLink(current.getClass());
            if (link == null) {
                return null;
            }
            link.setAccessible(true);
            current = link.get(current);
        }
        return current;
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
            boolean instances = isInner(owner);
            for (Class<?> c = owner.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
                for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                    for (Field f : k.getDeclaredFields()) {
                        if (f.getName().equals(name) && (instances || Modifier.isStatic(f.getModifiers()))) {
                            return f;
                        }
                    }
                }
                instances = instances && isInner(c);
            }
        } catch (LinkageError missing) {
            return null;
        }
        return null;
    }

    private static String typeName(Type type) {
        return type.getTypeName().replaceAll("\\b(?:[a-z_$][a-zA-Z0-9_$]*\\.)+(?=[A-Z$])", "");
    }

    static String clip(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }
}
