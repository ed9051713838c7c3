package liftsys.wire;

import java.util.List;

/**
 * The messages between the server and a worker JVM, as records: what the server asks
 * ({@link Request}) and what the worker answers ({@link Reply}), with named enums where a field
 * takes one of a few values. {@link WorkerCodec} writes and reads them. One request at a time; the
 * worker answers each with one reply. The worker's classes and the server's meet here alone (the
 * server starts the worker by {@link #WORKER_MAIN} and never loads the worker's classes), so what
 * both must agree on is here too: the constants below and the recorder ({@link RecorderSource}).
 */
public final class Wire {
    /** Tells the worker its CPU-time limit, so it can ask to be replaced before reaching it. */
    public static final String CPU_SECONDS_PROPERTY = "liftsys.worker.cpuSeconds";
    /** The worker's entry point, which the server starts by name (it never loads the worker's classes). */
    public static final String WORKER_MAIN = "liftsys.worker.WorkerMain";
    /**
     * A constant beyond this (a type's limit in an overflow check, {@code Integer.MAX_VALUE / 2})
     * does not widen the range the worker draws an input from: the span it would need drowns every
     * other value the code compares with. The server sends no {@link FactKind#MARK} beyond it.
     */
    public static final double LARGEST_MARK = 1e6;
    /** Why drawing stopped before the planned runs completed ({@link Reply#stopped}). */
    public static final String STOPPED_ATTEMPTS = "attempts";
    public static final String STOPPED_TIME = "time";
    public static final String STOPPED_HOPELESS = "hopeless";

    /** The traced copy's constants method (the server's {@code InputFacts}): {@code static double $liftsys$k(int)}. */
    public static final String CONSTANTS_METHOD = "$liftsys$k";

    private Wire() {
    }

    /** A compilation unit: its path relative to the source root, and its text. */
    public record SourceFile(String path, String text) {
    }

    /**
     * An input to sample: a parameter (by index, not counting the recorder) or a field (by name).
     * {@code numbers} are constants that belong to this input alone (a field's initializer).
     */
    public record InputSpec(String column, String name, boolean field, int parameterIndex, double[] numbers) {
    }

    /**
     * What the code says of an input's values (the server's {@code InputFacts}):
     * {@code input OP other + value}, where {@code other} is another input (by index into
     * {@link Sampling#inputs}, or -1) or the constant {@code constant} of the traced class's
     * constants method (or -1: none), and {@code ...Length} compares an array's length instead of
     * its value. A {@code hard} fact comes from a guard clause (the code throws otherwise); a soft
     * one from a use (an array read, arrays indexed together).
     */
    public record Fact(FactKind kind, int input, boolean inputLength, int other, boolean otherLength, int constant,
                       double value, boolean hard) {
    }

    /** How a {@link Fact} relates its two sides. */
    public enum FactKind {
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
     * they are compiled once per shape and reused for every method (the worker's
     * {@code ProjectClasses}).
     */
    public record Project(List<String> sourcePath, List<SourceFile> openSources, String documentShape) {
        public static final Project NONE = new Project(List.of(), List.of(), "");

        public Project(List<String> sourcePath, List<SourceFile> openSources) {
            this(sourcePath, openSources, "");
        }
    }

    /**
     * Everything the worker needs to compile, sample and run one trace, in four parts: the code,
     * what to record, how to draw inputs, and what to force (the intervention).
     */
    public record Request(Code code, Recording recording, Sampling sampling, Forcing forcing) {
        /** The same request, with {@code millis} for the worker to draw and run in (measured from its arrival). */
        public Request withBudget(long millis) {
            return new Request(code, recording, sampling.withBudget(millis), forcing);
        }
    }

    /**
     * What to compile and which method to call: the traced copy is the characters
     * {@code copyStart..copyEnd} of the first source, so a compile error there is told apart from
     * one in the user's code. {@code key} names the sources' content, for the worker's compile cache.
     */
    public record Code(String key, List<SourceFile> sources, List<String> classpath, Project project,
                       String className, String methodName, String displayName, int copyStart, int copyEnd) {
    }

    /**
     * What the recorder keeps: {@code slots} definitions (a row has one value per slot), the static
     * kind code of each variable (the server's {@code ValueKind}, which the recorder's code switches
     * on), and the conditional regions as pairs of slots to copy on entry.
     */
    public record Recording(int slots, byte[] kinds, int[][] regions) {
    }

    /**
     * How to draw inputs: {@code samples} is the number of runs that should complete; the worker
     * draws until it has them, for at most {@code budgetMillis} (0: no limit) and ten times as many
     * attempts, learning from the {@code facts} and from which runs throw (the worker's
     * {@code FeedbackLoop}). {@code numbers}, {@code strings} and {@code chars} are the constants of
     * the code to draw near; {@code constants} is how many values the copy's constants method returns.
     */
    public record Sampling(List<InputSpec> inputs, double[] numbers, List<String> strings, String chars,
                           List<Fact> facts, int constants, int samples, long seed, long budgetMillis) {
        public Sampling withBudget(long millis) {
            return new Sampling(inputs, numbers, strings, chars, facts, constants, samples, seed, millis);
        }
    }

    /** An intervention's kind: none, {@code value + amount}, {@code amount}, or a table of values per execution. */
    public enum ForceMode {
        NONE,
        SHIFT,
        SET,
        VALUES;

        /** The number the recorder's constructor takes for the mode (its source is plain Java: no enum of ours there). */
        public int recorderCode() {
            return ordinal();
        }
    }

    /**
     * An intervention: it changes the parameters at {@code parameters} (indexes not counting the
     * recorder) before the call, and the hooked definitions at {@code slots} as they are made, by
     * {@code amount}; with {@link ForceMode#VALUES}, execution i takes {@code values[k][i % length]},
     * where k counts the forced slots, then the forced parameters (an experiment's independent
     * draws). A String subject is set to {@code text} instead of a number (null when the
     * intervention is a number).
     */
    public record Forcing(ForceMode mode, int[] slots, int[] parameters, double amount, double[][] values,
                          String text) {
        public static final Forcing NONE = new Forcing(ForceMode.NONE, new int[0], new int[0], 0, new double[0][],
                null);
    }

    /** How a sampled input's column is to be modelled (the server's {@code ColumnType} of the same name). */
    public enum InputModel {
        CONTINUOUS,
        BOOLEAN,
        CATEGORICAL
    }

    /** How the worker sampled one input. */
    public record Sampled(String column, InputModel model, double low, double high, List<String> categories,
                          String description) {
    }

    /** One kind of exception the traced runs threw: the first as {@code Class: message at where}, how often, with what inputs. */
    public record Thrown(String description, int count, String inputs) {
    }

    /** How a request ended: rows, or why there are none. */
    public enum Outcome {
        OK,
        /** The trace failed (the code does not compile, threw everywhere, a violation, ...). */
        FAILED,
        /** Something the worker cannot do (a parameter it cannot make or force). */
        UNSUPPORTED,
        TIMEOUT
    }

    /**
     * The worker's answer: either rows (executions that returned) or a failure with a message.
     * {@code restart} asks the server to replace the worker (a thread left running, ...).
     * {@code samples[i]} is the index of the execution (in draw order) that row i came from;
     * {@code ran[i]} is a bit set over the slots: bit j is set when slot j's definition ran in that
     * execution (a conditional definition that did not run keeps its variable's earlier value).
     * {@code run} counts the executions attempted, {@code exceptions} what they threw by class
     * (most frequent first), and {@code stopped} why drawing stopped before {@code samples} runs
     * completed (null when they did). {@code dictionary} lists the distinct Strings the run recorded,
     * by the code a String column holds; {@code numbers[v]} names the accessor whose number variable
     * v's objects were recorded as (the server's {@code ValueKind.PROPERTY}; null where none).
     */
    public record Reply(Outcome outcome, String message, boolean restart, double[][] rows, int run, int thrown,
                        String firstException, byte[] seen, List<Sampled> inputs, long compileNanos, long runNanos,
                        boolean compiled, int[] samples, long[][] ran, boolean reusedSiblings, List<Thrown> exceptions,
                        String stopped, List<String> dictionary, List<String> numbers) {
        public static Reply failed(Outcome outcome, String message, boolean restart) {
            return new Reply(outcome, message, restart, new double[0][], 0, 0, null, new byte[0], List.of(),
                    0, 0, false, new int[0], new long[0][], false, List.of(), null, List.of(), List.of());
        }

        /** The same reply, asking the server to replace the worker after it. */
        public Reply withRestart() {
            return new Reply(outcome, message, true, rows, run, thrown, firstException, seen, inputs,
                    compileNanos, runNanos, compiled, samples, ran, reusedSiblings, exceptions, stopped, dictionary,
                    numbers);
        }
    }
}
