package liftsys.worker;

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
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import liftsys.wire.RecorderSource;
import liftsys.wire.Wire;
import liftsys.wire.WorkerCodec;

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
        WorkerCodec.writeHello(out);
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
                reply = Wire.Reply.failed(Wire.Outcome.FAILED, "the worker failed: " + clip(t.toString()), true);
            }
            if (!reply.restart() && usedMostOfItsCpuTime()) {
                reply = reply.withRestart();
            }
            WorkerCodec.writeReply(out, reply);
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
                requests.put(WorkerCodec.readRequest(in));
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
     * Whether this JVM has used half the CPU time its resource limit allows (the server's OS sandbox):
     * then it asks to be replaced, rather than be killed by the limit in the middle of a later trace.
     */
    private static boolean usedMostOfItsCpuTime() {
        long limit = Long.getLong(Wire.CPU_SECONDS_PROPERTY, 0);
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

    /**
     * The implementations each compile key needed (found in the project's sources by an earlier
     * trace of the same document), so a rerun compiles them at once. Read and written by the one
     * thread that handles requests.
     */
    private final Map<String, List<Wire.SourceFile>> implementationsByKey = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Wire.SourceFile>> eldest) {
            return size() > 64;
        }
    };

    private Wire.Reply handle(Wire.Request request) throws ReflectiveOperationException, MalformedURLException {
        long start = System.nanoTime();
        String classpath = String.join(File.pathSeparator, request.code().classpath())
                + SourcePathStamp.ofClassPath(request.code().classpath());
        String sourcesStamp = SourcePathStamp.of(request.code().project());
        String key = request.code().key() + "|" + classpath + sourcesStamp;
        // The siblings compiled with a document depend on its shape, never on a method body: kept per shape.
        String siblingsKey = sourcesStamp.isEmpty() || request.code().project().documentShape().isEmpty() ? null
                : classpath + sourcesStamp + "|shape " + request.code().project().documentShape();
        List<Wire.SourceFile> implementations = implementationsByKey.getOrDefault(key, List.of());
        String compileKey = implementations.isEmpty() ? key : key + "|implementations " + paths(implementations);
        boolean compiledNow = !compiler.cached(compileKey);
        InMemoryCompiler.Result compiled = compiler.compile(compileKey, withSources(request, implementations),
                request.code().classpath(), request.code().project(), siblingsKey);
        if (compiled.error() != null) {
            boolean ours = compiled.errorPosition() >= request.code().copyStart()
                    && compiled.errorPosition() < request.code().copyEnd();
            return Wire.Reply.failed(Wire.Outcome.FAILED, ours
                    ? "the instrumented copy of " + request.code().displayName() + " does not compile (a liftsys bug; please "
                    + "report it with the method): " + clip(compiled.error())
                    : "the document does not compile: " + clip(compiled.error()), false);
        }
        Samplers.Hints hints = new Samplers.Hints(request.sampling().numbers(), request.sampling().strings(), request.sampling().chars());
        TracePreparation.Prepared prepared = TracePreparation.prepare(request, compiled, hints);
        if (prepared.failure() != null && implementations.isEmpty() && !prepared.missing().isEmpty()) {
            // An abstract receiver or interface no compiled class implements: compile the project's
            // implementations of it with the document, once, and try again.
            List<Wire.SourceFile> found = ImplementationSources.find(request.code().project(), sourcesStamp, prepared.missing(),
                    request.code().sources().stream().map(Wire.SourceFile::path).collect(java.util.stream.Collectors.toSet()));
            if (!found.isEmpty()) {
                String withKey = key + "|implementations " + paths(found);
                compiledNow |= !compiler.cached(withKey);
                InMemoryCompiler.Result again = compiler.compile(withKey, withSources(request, found),
                        request.code().classpath(), request.code().project(), siblingsKey);
                if (again.error() == null) {
                    TracePreparation.Prepared retried = TracePreparation.prepare(request, again, hints);
                    if (retried.failure() == null) {
                        implementationsByKey.put(key, found);
                        prepared = retried;
                    }
                }
            }
        }
        long compileNanos = System.nanoTime() - start;
        if (prepared.failure() != null) {
            return prepared.failure();
        }
        Method method = prepared.method();
        List<Input> inputs = prepared.inputs();
        Receiver receiver = prepared.receiver();
        ClassLoader loader = prepared.loader();

        int variables = request.recording().kinds().length;
        double[] row = new double[request.recording().slots() + 1];
        double[] current = new double[variables];
        byte[] seen = new byte[variables];
        String[] numbers = new String[variables];
        Map<String, Integer> dictionary = new LinkedHashMap<>();
        for (String s : hints.stringPool()) {
            dictionary.putIfAbsent(s, dictionary.size());
        }
        boolean[] forced = new boolean[request.recording().slots() + 1];
        double[][] table = new double[request.recording().slots() + 1][];
        boolean values = request.forcing().mode() == Wire.ForceMode.VALUES;
        if (values && request.forcing().values().length != request.forcing().slots().length + request.forcing().parameters().length) {
            return Wire.Reply.failed(Wire.Outcome.UNSUPPORTED, "the experiment has " + request.forcing().values().length
                    + " tables of values for " + (request.forcing().slots().length + request.forcing().parameters().length)
                    + " forced definitions", false);
        }
        for (int k = 0; k < request.forcing().slots().length; k++) {
            int slot = request.forcing().slots()[k];
            if (slot < 0 || slot >= request.recording().slots()) {
                return Wire.Reply.failed(Wire.Outcome.UNSUPPORTED, "the intervention names slot " + slot + " of "
                        + request.recording().slots(), false);
            }
            if (values && request.forcing().values()[k].length == 0) {
                return Wire.Reply.failed(Wire.Outcome.UNSUPPORTED, "the experiment has no values for slot " + slot, false);
            }
            forced[slot] = true;
            table[slot] = values ? request.forcing().values()[k] : null;
        }
        Class<?>[] parameterTypes = method.getParameterTypes();
        for (int k = 0; k < request.forcing().parameters().length; k++) {
            int p = request.forcing().parameters()[k];
            if (p < 0 || p + 1 >= parameterTypes.length
                    || !forceable(parameterTypes[p + 1], request.forcing().mode(), request.forcing().text())
                    || (values && request.forcing().values()[request.forcing().slots().length + k].length == 0)) {
                return Wire.Reply.failed(Wire.Outcome.UNSUPPORTED, "parameter " + p + " of " + request.code().displayName()
                        + " cannot be " + (request.forcing().mode() == Wire.ForceMode.SHIFT ? "shifted" : "set") + " in the code", false);
            }
        }
        int[] execution = new int[1];
        boolean[] wrote = new boolean[request.recording().slots() + 1];
        Class<?> recorderClass = loader.loadClass(RecorderSource.CLASS);
        Constructor<?> newRecorder = recorderClass.getConstructor(double[].class, double[].class, byte[].class,
                byte[].class, int[][].class, Map.class, boolean[].class, int.class, double.class, double[][].class,
                int[].class, boolean[].class, String.class, String[].class);
        Object recorder = newRecorder.newInstance(row, current, request.recording().kinds().clone(), seen, request.recording().regions(),
                dictionary, forced, request.forcing().mode().recorderCode(), request.forcing().amount(), table, execution, wrote,
                request.forcing().text(), numbers);
        // Runs as written, to learn from while an intervention's trace draws its inputs (FeedbackLoop).
        Object plainRecorder = newRecorder.newInstance(row, current, request.recording().kinds().clone(), seen, request.recording().regions(),
                dictionary, new boolean[forced.length], 0, 0.0, new double[forced.length][], execution, wrote, null,
                numbers);

        FeedbackLoop loop = new FeedbackLoop(new FeedbackLoop.Setup(request, method, method.getDeclaringClass(),
                receiver, inputs, recorder, plainRecorder, row, current, prepared.classes(), sandbox, sandboxGroup,
                start, execution, wrote));
        long runStart = System.nanoTime();
        runSandboxed(loop);
        long runNanos = System.nanoTime() - runStart;
        String violation = sandbox == null ? null : sandbox.violation();
        if (violation != null) {
            return Wire.Reply.failed(Wire.Outcome.FAILED, "the traced code tried to " + clip(violation)
                    + "; the worker's sandbox denied it, and the worker is replaced", true);
        }
        if (loop.leftover != null) {
            return Wire.Reply.failed(Wire.Outcome.FAILED, "the traced code started a thread (" + loop.leftover
                    + ") that was still running after its execution; the worker is replaced", true);
        }
        RunTally tally = loop.tally();
        return new Wire.Reply(Wire.Outcome.OK, null, false, loop.rows.toArray(new double[0][]), loop.run, tally.thrown(),
                tally.first(), seen, loop.describeInputs(), compileNanos, runNanos, compiledNow,
                loop.samples.stream().mapToInt(Integer::intValue).toArray(), loop.ran.toArray(new long[0][]),
                compiledNow && compiler.reusedSiblings(), tally.kinds(), loop.stopped, List.copyOf(dictionary.keySet()),
                Arrays.asList(numbers));
    }

    /**
     * Runs the loop in the sandbox's thread group and waits for it. The system properties are put
     * back as they were afterwards: the sandbox lets the code reach them all through
     * System.getProperties() (the JDK does, to read them), so a change made that way is undone here.
     */
    private void runSandboxed(Runnable loop) {
        java.util.Properties before = (java.util.Properties) System.getProperties().clone();
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
        if (!System.getProperties().equals(before)) {
            System.setProperties(before);
        }
    }

    private static List<Wire.SourceFile> withSources(Wire.Request request, List<Wire.SourceFile> more) {
        if (more.isEmpty()) {
            return request.code().sources();
        }
        List<Wire.SourceFile> all = new ArrayList<>(request.code().sources());
        all.addAll(more);
        return all;
    }

    private static String paths(List<Wire.SourceFile> files) {
        return String.join(File.pathSeparator, files.stream().map(Wire.SourceFile::path).toList());
    }

    /**
     * Whether a parameter of this type can take the intervention in the code: numbers and chars every way, booleans set, Strings (and CharSequences) set to a text.
     */
    static boolean forceable(Class<?> type, Wire.ForceMode mode, String text) {
        boolean bool = type == boolean.class || type == Boolean.class;
        boolean character = type == char.class || type == Character.class;
        boolean string = type == String.class || type == CharSequence.class || type == Object.class;
        return text == null ? numeric(type) || character || (bool && mode != Wire.ForceMode.SHIFT) : string && mode == Wire.ForceMode.SET;
    }

    private static boolean numeric(Class<?> type) {
        return type == byte.class || type == short.class || type == int.class || type == long.class
                || type == float.class || type == double.class || type == Byte.class || type == Short.class
                || type == Integer.class || type == Long.class || type == Float.class || type == Double.class;
    }

    /**
     * A sampled argument with the intervention applied as Java would: {@code value + amount} in the
     * parameter's own type (integers and chars wrap), or {@code amount} converted to it; a String set
     * to {@code text}. A null box stays null.
     */
    static Object force(Object value, Class<?> type, Wire.ForceMode mode, double amount, String text) {
        if (text != null) {
            return text;
        }
        boolean shift = mode == Wire.ForceMode.SHIFT;
        if (type == char.class || type == Character.class) {
            if (value == null && shift) {
                return null;
            }
            return (char) (shift ? (Character) value + (long) amount : (long) amount);
        }
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

    static boolean isInner(Class<?> c) {
        return c.isMemberClass() && !Modifier.isStatic(c.getModifiers()) && !c.isInterface() && !c.isEnum()
                && !c.isRecord();
    }

    /** The synthetic field an inner class keeps its enclosing instance in ({@code this$0}). */
    static Field outerLink(Class<?> inner) {
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

    static String clip(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }
}
