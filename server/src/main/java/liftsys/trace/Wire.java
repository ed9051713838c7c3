package liftsys.trace;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol between the server and a worker JVM: length-prefixed binary frames over the
 * worker's stdin and stdout (DataInput/DataOutput), so neither side needs a JSON library and a
 * document of any size fits. One request at a time; the worker answers each with one reply.
 * Only JDK types, so the worker loads nothing but its own classes.
 */
final class Wire {
    static final int MAGIC = 0x4C465457;
    static final int VERSION = 4;
    /** Starts every reply; anything else on the worker's stdout (a JVM message) is not a reply. */
    static final int REPLY_MAGIC = 0x4C465252;
    /** Largest reply accepted, so garbage on the pipe cannot make the server allocate without bound. */
    static final int MAX_REPLY_BYTES = 256 << 20;

    /** The traced copy's constants method ({@link InputFacts}): {@code static double $liftsys$k(int)}. */
    static final String CONSTANTS_METHOD = "$liftsys$k";

    static final int TRACE = 1;
    static final int SHUTDOWN = 2;

    static final int OK = 0;
    static final int FAILED = 1;

    static final int TRACE_FAILED = 0;
    static final int TIMEOUT = 1;
    static final int UNSUPPORTED = 2;

    private Wire() {
    }

    /** A compilation unit: its path relative to the source root, and its text. */
    record SourceFile(String path, String text) {
    }

    /**
     * An input to sample: a parameter (by index, not counting the recorder) or a field (by name).
     * {@code numbers} are constants that belong to this input alone (a field's initializer).
     */
    record InputSpec(String column, String name, boolean field, int parameterIndex, double[] numbers) {
    }

    /**
     * What the code says of an input's values ({@link InputFacts}): {@code input OP other + value},
     * where {@code other} is another input (by index into {@link Request#inputs}, or -1) or the
     * constant {@code constant} of the traced class's constants method (or -1: none), and
     * {@code ...Length} compares an array's length instead of its value. {@code kind} is a
     * {@link FactKind} ordinal. A {@code hard} fact comes from a guard clause (the code throws
     * otherwise); a soft one from a use (an array read, arrays indexed together).
     */
    record Fact(int kind, int input, boolean inputLength, int other, boolean otherLength, int constant, double value,
                boolean hard) {
        FactKind factKind() {
            return FactKind.values()[kind];
        }
    }

    /** How a {@link Fact} relates its two sides. */
    enum FactKind {
        /** input >= other. */
        AT_LEAST,
        /** input > other. */
        ABOVE,
        /** input <= other. */
        AT_MOST,
        /** input < other. */
        BELOW,
        EQUALS,
        NOT_EQUALS,
        /** The code compares the two: draw on both sides of the other. */
        MARK,
        /** {@code other[input + value]} is read: the input is an index into the array {@code other}. */
        INDEX
    }

    /**
     * The project a traced document belongs to: javac's source path (its source roots, so sibling
     * classes compile with the document) and the open documents' texts, which win over their files
     * on disk (paths relative to their source root). {@link #NONE} for a document of no project.
     * {@code documentShape} is a hash of the traced document without its method bodies ("" when
     * unknown): the sibling classes compiled with the document depend on nothing else of it, so
     * they are compiled once per shape and reused for every method ({@link ProjectClasses}).
     */
    record Project(List<String> sourcePath, List<SourceFile> openSources, String documentShape) {
        static final Project NONE = new Project(List.of(), List.of(), "");

        Project(List<String> sourcePath, List<SourceFile> openSources) {
            this(sourcePath, openSources, "");
        }
    }

    /**
     * Everything the worker needs to compile, sample and run one trace. The traced copy is the
     * characters {@code copyStart..copyEnd} of the first source, so a compile error there is told
     * apart from one in the user's code. An intervention ({@code forceMode} 1 shift, 2 set, 3 values,
     * 0 none) changes the parameters at {@code forcedParameters} (indexes not counting the recorder)
     * before the call, and the hooked definitions at {@code forcedSlots} as they are made, by
     * {@code forceAmount}; with values, execution i takes {@code forceValues[k][i % length]}, where k
     * counts the forced slots, then the forced parameters (an experiment's independent draws).
     * {@code samples} is the number of runs that should complete; the worker draws until it has
     * them, for at most {@code budgetMillis} (0: no limit) and ten times as many attempts, learning
     * from the {@code facts} and from which runs throw ({@link FeedbackLoop}); {@code constants} is
     * how many values the copy's constants method returns.
     * A String subject is set to {@code forceText} instead of a number (null when the intervention
     * is a number).
     */
    record Request(String key, List<SourceFile> sources, List<String> classpath, String className,
                   String methodName, String displayName, int copyStart, int copyEnd, int slots, byte[] kinds, int[][] regions, List<InputSpec> inputs,
                   double[] numbers, List<String> strings, String chars, int samples, long seed,
                   int[] forcedSlots, int[] forcedParameters, int forceMode, double forceAmount,
                   double[][] forceValues, Project project, List<Fact> facts, int constants, long budgetMillis,
                   String forceText) {
        /** A request with no values to force from, no facts about its inputs, no time budget (it runs until killed) and a number, if anything, to force. */
        Request(String key, List<SourceFile> sources, List<String> classpath, String className,
                String methodName, String displayName, int copyStart, int copyEnd, int slots, byte[] kinds,
                int[][] regions, List<InputSpec> inputs, double[] numbers, List<String> strings, String chars,
                int samples, long seed, int[] forcedSlots, int[] forcedParameters, int forceMode, double forceAmount,
                Project project) {
            this(key, sources, classpath, className, methodName, displayName, copyStart, copyEnd, slots, kinds,
                    regions, inputs, numbers, strings, chars, samples, seed, forcedSlots, forcedParameters, forceMode,
                    forceAmount, new double[0][], project, List.of(), 0, 0, null);
        }

        /** The same request, with {@code millis} for the worker to draw and run in (measured from its arrival). */
        Request withBudget(long millis) {
            return new Request(key, sources, classpath, className, methodName, displayName, copyStart, copyEnd, slots,
                    kinds, regions, inputs, numbers, strings, chars, samples, seed, forcedSlots, forcedParameters,
                    forceMode, forceAmount, forceValues, project, facts, constants, millis, forceText);
        }

        /** A request outside any project's sources. */
        Request(String key, List<SourceFile> sources, List<String> classpath, String className,
                String methodName, String displayName, int copyStart, int copyEnd, int slots, byte[] kinds,
                int[][] regions, List<InputSpec> inputs, double[] numbers, List<String> strings, String chars,
                int samples, long seed, int[] forcedSlots, int[] forcedParameters, int forceMode, double forceAmount) {
            this(key, sources, classpath, className, methodName, displayName, copyStart, copyEnd, slots, kinds,
                    regions, inputs, numbers, strings, chars, samples, seed, forcedSlots, forcedParameters, forceMode,
                    forceAmount, Project.NONE);
        }

        /** A request with no intervention. */
        Request(String key, List<SourceFile> sources, List<String> classpath, String className,
                String methodName, String displayName, int copyStart, int copyEnd, int slots, byte[] kinds,
                int[][] regions, List<InputSpec> inputs, double[] numbers, List<String> strings, String chars,
                int samples, long seed) {
            this(key, sources, classpath, className, methodName, displayName, copyStart, copyEnd, slots, kinds,
                    regions, inputs, numbers, strings, chars, samples, seed, new int[0], new int[0], 0, 0);
        }
    }

    /** How the worker sampled one input. */
    record Sampled(String column, int columnType, double low, double high, List<String> categories,
                   String description) {
    }

    /** One kind of exception the traced runs threw: the first as {@code Class: message at where}, how often, with what inputs. */
    record Thrown(String description, int count, String inputs) {
    }

    /**
     * The worker's answer: either rows (executions that returned) or a failure with a reason.
     * {@code restart} asks the server to replace the worker (a thread left running, ...).
     * {@code samples[i]} is the index of the execution (in draw order) that row i came from;
     * {@code ran[i]} is a bit set over the slots: bit j is set when slot j's definition ran in that
     * execution (a conditional definition that did not run keeps its variable's earlier value).
     * {@code run} counts the executions attempted, {@code exceptions} what they threw by class
     * (most frequent first), and {@code stopped} why drawing stopped before {@code samples} runs
     * completed (null when they did). {@code dictionary} lists the distinct Strings the run recorded,
     * by the code a String column holds; {@code numbers[v]} names the accessor whose number variable
     * v's objects were recorded as ({@link ValueKind#PROPERTY}; null where none).
     */
    record Reply(int status, int reason, String message, boolean restart, double[][] rows, int run, int thrown,
                 String firstException, byte[] seen, List<Sampled> inputs, long compileNanos, long runNanos,
                 boolean compiled, int[] samples, long[][] ran, boolean reusedSiblings, List<Thrown> exceptions,
                 String stopped, List<String> dictionary, List<String> numbers) {
        static Reply failed(int reason, String message, boolean restart) {
            return new Reply(FAILED, reason, message, restart, new double[0][], 0, 0, null, new byte[0], List.of(),
                    0, 0, false, new int[0], new long[0][], false, List.of(), null, List.of(), List.of());
        }

        /** The same reply, asking the server to replace the worker after it. */
        Reply withRestart() {
            return new Reply(status, reason, message, true, rows, run, thrown, firstException, seen, inputs,
                    compileNanos, runNanos, compiled, samples, ran, reusedSiblings, exceptions, stopped, dictionary,
                    numbers);
        }
    }

    static void writeRequest(DataOutputStream out, Request r) throws IOException {
        out.writeInt(TRACE);
        writeString(out, r.key());
        out.writeInt(r.sources().size());
        for (SourceFile f : r.sources()) {
            writeString(out, f.path());
            writeString(out, f.text());
        }
        writeStrings(out, r.classpath());
        writeString(out, r.className());
        writeString(out, r.methodName());
        writeString(out, r.displayName());
        out.writeInt(r.copyStart());
        out.writeInt(r.copyEnd());
        out.writeInt(r.slots());
        writeBytes(out, r.kinds());
        out.writeInt(r.regions().length);
        for (int[] region : r.regions()) {
            out.writeInt(region.length);
            for (int x : region) {
                out.writeInt(x);
            }
        }
        out.writeInt(r.inputs().size());
        for (InputSpec in : r.inputs()) {
            writeString(out, in.column());
            writeString(out, in.name());
            out.writeBoolean(in.field());
            out.writeInt(in.parameterIndex());
            writeDoubles(out, in.numbers());
        }
        writeDoubles(out, r.numbers());
        writeStrings(out, r.strings());
        writeString(out, r.chars());
        out.writeInt(r.samples());
        out.writeLong(r.seed());
        writeInts(out, r.forcedSlots());
        writeInts(out, r.forcedParameters());
        out.writeInt(r.forceMode());
        out.writeDouble(r.forceAmount());
        out.writeInt(r.forceValues().length);
        for (double[] values : r.forceValues()) {
            writeDoubles(out, values);
        }
        writeStrings(out, r.project().sourcePath());
        out.writeInt(r.project().openSources().size());
        for (SourceFile f : r.project().openSources()) {
            writeString(out, f.path());
            writeString(out, f.text());
        }
        writeString(out, r.project().documentShape());
        out.writeInt(r.facts().size());
        for (Fact f : r.facts()) {
            out.writeInt(f.kind());
            out.writeInt(f.input());
            out.writeBoolean(f.inputLength());
            out.writeInt(f.other());
            out.writeBoolean(f.otherLength());
            out.writeInt(f.constant());
            out.writeDouble(f.value());
            out.writeBoolean(f.hard());
        }
        out.writeInt(r.constants());
        out.writeLong(r.budgetMillis());
        writeString(out, r.forceText());
    }

    /** Reads a request after its type has been read. */
    static Request readRequest(DataInputStream in) throws IOException {
        String key = readString(in);
        int n = in.readInt();
        List<SourceFile> sources = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sources.add(new SourceFile(readString(in), readString(in)));
        }
        List<String> classpath = readStrings(in);
        String className = readString(in);
        String methodName = readString(in);
        String displayName = readString(in);
        int copyStart = in.readInt();
        int copyEnd = in.readInt();
        int slots = in.readInt();
        byte[] kinds = readBytes(in);
        int[][] regions = new int[in.readInt()][];
        for (int i = 0; i < regions.length; i++) {
            regions[i] = new int[in.readInt()];
            for (int j = 0; j < regions[i].length; j++) {
                regions[i][j] = in.readInt();
            }
        }
        int inputs = in.readInt();
        List<InputSpec> specs = new ArrayList<>(inputs);
        for (int i = 0; i < inputs; i++) {
            specs.add(new InputSpec(readString(in), readString(in), in.readBoolean(), in.readInt(), readDoubles(in)));
        }
        double[] numbers = readDoubles(in);
        List<String> strings = readStrings(in);
        String chars = readString(in);
        int samples = in.readInt();
        long seed = in.readLong();
        int[] forcedSlots = readInts(in);
        int[] forcedParameters = readInts(in);
        int forceMode = in.readInt();
        double forceAmount = in.readDouble();
        int tables = in.readInt();
        if (tables < 0 || tables > forcedSlots.length + forcedParameters.length) {
            throw new IOException("a request with " + tables + " tables of values to force");
        }
        double[][] forceValues = new double[tables][];
        for (int k = 0; k < tables; k++) {
            forceValues[k] = readDoubles(in);
        }
        List<String> sourcePath = readStrings(in);
        int open = in.readInt();
        List<SourceFile> openSources = new ArrayList<>(open);
        for (int i = 0; i < open; i++) {
            openSources.add(new SourceFile(readString(in), readString(in)));
        }
        String documentShape = readString(in);
        int factCount = in.readInt();
        if (factCount < 0 || factCount > 1 << 16) {
            throw new IOException("a request with " + factCount + " facts");
        }
        List<Fact> facts = new ArrayList<>(factCount);
        for (int i = 0; i < factCount; i++) {
            Fact f = new Fact(in.readInt(), in.readInt(), in.readBoolean(), in.readInt(), in.readBoolean(),
                    in.readInt(), in.readDouble(), in.readBoolean());
            if (f.kind() < 0 || f.kind() >= FactKind.values().length || f.input() < 0 || f.input() >= inputs
                    || f.other() >= inputs) {
                throw new IOException("a request with a malformed fact: " + f);
            }
            facts.add(f);
        }
        int constants = in.readInt();
        long budgetMillis = in.readLong();
        String forceText = readString(in);
        return new Request(key, sources, classpath, className, methodName, displayName, copyStart, copyEnd,
                slots, kinds, regions, specs, numbers,
                strings, chars, samples, seed, forcedSlots, forcedParameters, forceMode, forceAmount, forceValues,
                new Project(sourcePath, openSources, documentShape), facts, constants, budgetMillis, forceText);
    }

    static void writeReply(DataOutputStream sink, Reply r) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(r.status());
        out.writeInt(r.reason());
        writeString(out, r.message());
        out.writeBoolean(r.restart());
        out.writeInt(r.rows().length);
        int width = r.rows().length == 0 ? 0 : r.rows()[0].length;
        out.writeInt(width);
        for (double[] row : r.rows()) {
            for (double v : row) {
                out.writeDouble(v);
            }
        }
        out.writeInt(r.run());
        out.writeInt(r.thrown());
        writeString(out, r.firstException());
        writeBytes(out, r.seen());
        out.writeInt(r.inputs().size());
        for (Sampled s : r.inputs()) {
            writeString(out, s.column());
            out.writeInt(s.columnType());
            out.writeDouble(s.low());
            out.writeDouble(s.high());
            writeStrings(out, s.categories());
            writeString(out, s.description());
        }
        out.writeLong(r.compileNanos());
        out.writeLong(r.runNanos());
        out.writeBoolean(r.compiled());
        writeInts(out, r.samples());
        out.writeInt(r.ran().length);
        for (long[] bits : r.ran()) {
            out.writeInt(bits.length);
            for (long b : bits) {
                out.writeLong(b);
            }
        }
        out.writeBoolean(r.reusedSiblings());
        out.writeInt(r.exceptions().size());
        for (Thrown t : r.exceptions()) {
            writeString(out, t.description());
            out.writeInt(t.count());
            writeString(out, t.inputs());
        }
        writeString(out, r.stopped());
        writeStrings(out, r.dictionary());
        writeStrings(out, r.numbers());
        out.flush();
        sink.writeInt(REPLY_MAGIC);
        sink.writeInt(bytes.size());
        bytes.writeTo(sink);
    }

    static Reply readReply(DataInputStream source) throws IOException {
        int magic = source.readInt();
        if (magic != REPLY_MAGIC) {
            throw new IOException("the worker wrote something that is not a reply");
        }
        int length = source.readInt();
        if (length < 0 || length > MAX_REPLY_BYTES) {
            throw new IOException("the worker announced a reply of " + length + " bytes");
        }
        byte[] payload = new byte[length];
        source.readFully(payload);
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        int status = in.readInt();
        int reason = in.readInt();
        String message = readString(in);
        boolean restart = in.readBoolean();
        int rows = in.readInt();
        int width = in.readInt();
        if (rows < 0 || width < 0 || (long) rows * width * 8 > in.available()) {
            throw new IOException("the worker's reply is malformed");
        }
        double[][] values = new double[rows][width];
        for (double[] row : values) {
            for (int j = 0; j < width; j++) {
                row[j] = in.readDouble();
            }
        }
        int run = in.readInt();
        int thrown = in.readInt();
        String first = readString(in);
        byte[] seen = readBytes(in);
        int n = in.readInt();
        List<Sampled> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            inputs.add(new Sampled(readString(in), in.readInt(), in.readDouble(), in.readDouble(), readStrings(in),
                    readString(in)));
        }
        long compileNanos = in.readLong();
        long runNanos = in.readLong();
        boolean compiled = in.readBoolean();
        int[] samples = readInts(in);
        if (samples.length != rows) {
            throw new IOException("the worker's reply is malformed: " + samples.length + " sample indexes for "
                    + rows + " rows");
        }
        int ranRows = in.readInt();
        if (ranRows != 0 && ranRows != rows) {
            throw new IOException("the worker's reply is malformed: " + ranRows + " sets of ran definitions for "
                    + rows + " rows");
        }
        long[][] ran = new long[ranRows][];
        for (int i = 0; i < ranRows; i++) {
            int words = in.readInt();
            if (words < 0 || (long) words * 8 > in.available()) {
                throw new IOException("the worker's reply is malformed");
            }
            ran[i] = new long[words];
            for (int w = 0; w < words; w++) {
                ran[i][w] = in.readLong();
            }
        }
        boolean reusedSiblings = in.readBoolean();
        int kinds = in.readInt();
        if (kinds < 0 || kinds > 1 << 16) {
            throw new IOException("the worker's reply is malformed: " + kinds + " kinds of exceptions");
        }
        List<Thrown> exceptions = new ArrayList<>(kinds);
        for (int i = 0; i < kinds; i++) {
            exceptions.add(new Thrown(readString(in), in.readInt(), readString(in)));
        }
        String stopped = readString(in);
        List<String> dictionary = readStrings(in);
        List<String> numbers = readStrings(in);
        return new Reply(status, reason, message, restart, values, run, thrown, first, seen, inputs, compileNanos,
                runNanos, compiled, samples, ran, reusedSiblings, exceptions, stopped, dictionary, numbers);
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        if (n > in.available() && n > (64 << 20)) {
            throw new IOException("a string of " + n + " bytes is announced");
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            writeString(out, s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readString(in));
        }
        return out;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || (n > in.available() && n > (64 << 20))) {
            throw new IOException("an array of " + n + " bytes is announced");
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * 4 > in.available() && n > (16 << 20)) {
            throw new IOException("an array of " + n + " ints is announced");
        }
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        double[] values = new double[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}
