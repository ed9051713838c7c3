package liftsys.worker;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import liftsys.wire.RecorderSource;
import liftsys.wire.Wire;

/**
 * The executions of one request, run in the sandbox thread (issue 15): draw inputs
 * ({@link DrawPlan}), run the method, keep the runs that return; learn from the others; repeat
 * until {@code samples} runs returned with finite values, or {@value #ATTEMPTS_PER_SAMPLE} times
 * as many attempts were made, or the request's time budget is spent, or it is clear that not
 * even half of them can return.
 *
 * <p>Learning happens in a window at the start: at most half the planned runs (at least
 * {@value #SHORTEST_WINDOW}), and only {@value #QUIET_WINDOW} if none of those was rejected; after
 * it the arms are fixed, so the draws no longer depend on outcomes. With an intervention, each
 * attempt of the window runs twice, first as written (what is learned, so that traces with and
 * without the intervention draw the same inputs and their rows pair up by attempt), then with the
 * intervention (the row). Each attempt draws from a random generator seeded by the request's seed
 * and the attempt's index, so both runs of an attempt get the same inputs.
 */
final class FeedbackLoop implements Runnable {
    static final int ATTEMPTS_PER_SAMPLE = 10;
    static final int SHORTEST_WINDOW = 20;
    static final int QUIET_WINDOW = 50;


    /** What the loop works with, made by {@link WorkerMain} for one request. */
    record Setup(Wire.Request request, Method method, Class<?> owner, WorkerMain.Receiver receiver,
                 List<WorkerMain.Input> inputs, Object recorder, Object plainRecorder, double[] row,
                 double[] current, Set<String> userClasses, Sandbox sandbox, ThreadGroup group, long startNanos,
                 int[] execution, boolean[] wrote) {
    }

    private record Outcome(boolean returned, boolean finite) {
    }

    private final Setup setup;
    private final Wire.Request request;
    private final RunTally tally = new RunTally();
    final List<double[]> rows = new ArrayList<>();
    final List<Integer> samples = new ArrayList<>();
    /** For each kept row, the slots whose definitions ran ({@link WorkerMain#bits}). */
    final List<long[]> ran = new ArrayList<>();
    private DrawPlan plan;
    int run;
    String leftover;
    String stopped;
    private boolean aborted;

    FeedbackLoop(Setup setup) {
        this.setup = setup;
        this.request = setup.request();
    }

    @Override
    public void run() {
        try {
            plan = DrawPlan.of(setup.inputs(), request, constants());
        } catch (Throwable t) {
            // Nothing can be drawn (a class of the inputs failed to initialise): say what, as a run would.
            tally.threw(t, describe(t), "");
            run = 1;
            return;
        }
        boolean intervened = request.forcing().mode() != Wire.ForceMode.NONE;
        int planned = request.sampling().samples();
        long maxAttempts = (long) planned * ATTEMPTS_PER_SAMPLE;
        int window = Math.max(SHORTEST_WINDOW, planned / 2);
        long budget = request.sampling().budgetMillis() * 1_000_000L;
        boolean learning = true;
        int rejected = 0;
        int valid = 0;
        int returned = 0;
        for (int attempt = 0; valid < planned; attempt++) {
            if (attempt >= maxAttempts) {
                stopped = Wire.STOPPED_ATTEMPTS;
                break;
            }
            if (budget > 0 && attempt > 0 && System.nanoTime() - setup.startNanos() > budget) {
                stopped = Wire.STOPPED_TIME;
                break;
            }
            if (learning && (attempt >= window || (attempt >= QUIET_WINDOW && rejected == 0))) {
                learning = false;
            }
            if (!learning && hopeless(returned, attempt, maxAttempts, planned)) {
                stopped = Wire.STOPPED_HOPELESS;
                break;
            }
            run++;
            Outcome plain = null;
            if (learning && intervened) {
                plain = execute(attempt, false, false);
                if (aborted) {
                    return;
                }
            }
            // Both runs of an attempt draw before anything is learned from it, so they draw the same.
            Outcome outcome = execute(attempt, intervened, true);
            if (aborted) {
                return;
            }
            if (learning) {
                boolean accepted = (plain == null ? outcome : plain).finite();
                plan.learn(accepted);
                rejected += accepted ? 0 : 1;
            }
            valid += outcome.finite() ? 1 : 0;
            returned += outcome.returned() ? 1 : 0;
        }
    }

    /**
     * Whether even at the rate so far, the attempts left cannot make half the planned runs return
     * (then the trace fails, and more attempts are wasted). Runs that return values that are not
     * finite count here: they still fill the model, left out, until the attempts run out.
     */
    private static boolean hopeless(int returned, int attempt, long maxAttempts, int planned) {
        double rate = attempt == 0 ? 1 : (double) returned / attempt;
        return returned + rate * (maxAttempts - attempt) < planned / 2.0;
    }

    /** Runs one attempt's inputs; the row is kept when {@code keep}. Sets {@link #aborted} when the worker must stop. */
    private Outcome execute(int attempt, boolean force, boolean keep) {
        Object[] values = null;
        Outcome outcome;
        try {
            Random random = random(request.sampling().seed(), attempt);
            values = plan.draw(random);
            List<WorkerMain.Input> inputs = setup.inputs();
            Method method = setup.method();
            Object[] args = new Object[method.getParameterCount()];
            // The run learnt from in an intervention's window records nothing that is kept: no forcing.
            args[0] = keep ? setup.recorder() : setup.plainRecorder();
            Object[] fieldValues = new Object[inputs.size()];
            for (int k = 0; k < inputs.size(); k++) {
                if (inputs.get(k).field() == null) {
                    args[inputs.get(k).spec().parameterIndex() + 1] = values[k];
                } else {
                    fieldValues[k] = values[k];
                }
            }
            if (force) {
                Class<?>[] parameterTypes = method.getParameterTypes();
                int[] forcedParameters = request.forcing().parameters();
                for (int k = 0; k < forcedParameters.length; k++) {
                    int p = forcedParameters[k];
                    if (request.forcing().mode() == Wire.ForceMode.VALUES) {
                        // An experiment: this attempt's value from the parameter's table (set).
                        double[] drawn = request.forcing().values()[request.forcing().slots().length + k];
                        args[p + 1] = WorkerMain.force(args[p + 1], parameterTypes[p + 1], Wire.ForceMode.SET,
                                drawn[attempt % drawn.length], null);
                    } else {
                        args[p + 1] = WorkerMain.force(args[p + 1], parameterTypes[p + 1], request.forcing().mode(),
                                request.forcing().amount(), request.forcing().text());
                    }
                }
            }
            Object target = setup.receiver().make(random, fieldValues);
            for (int k = 0; k < inputs.size(); k++) {
                Field field = inputs.get(k).field();
                if (field == null) {
                    continue;
                }
                if (Modifier.isStatic(field.getModifiers())) {
                    field.set(null, fieldValues[k]);
                } else if (!field.getDeclaringClass().isRecord()) {
                    Object holder = WorkerMain.holder(target, field);
                    if (holder != null) {
                        field.set(holder, fieldValues[k]);
                    }
                }
            }
            double[] row = setup.row();
            Arrays.fill(row, 0);
            Arrays.fill(setup.current(), 0);
            Arrays.fill(setup.wrote(), false);
            setup.execution()[0] = attempt;
            method.invoke(target, args);
            double[] kept = Arrays.copyOf(row, request.recording().slots());
            boolean finite = true;
            for (double v : kept) {
                finite &= Double.isFinite(v);
            }
            if (keep) {
                rows.add(kept);
                samples.add(attempt);
                ran.add(WorkerMain.bits(setup.wrote(), request.recording().slots()));
            }
            outcome = new Outcome(true, finite);
        } catch (InvocationTargetException e) {
            outcome = threw(e.getCause() == null ? e : e.getCause(), values, keep);
        } catch (Throwable t) {
            outcome = threw(t, values, keep);
        }
        Sandbox sandbox = setup.sandbox();
        if (sandbox != null && sandbox.violation() != null) {
            aborted = true;
        } else {
            leftover = leftoverThread();
            aborted = leftover != null;
        }
        return outcome;
    }

    private Outcome threw(Throwable t, Object[] values, boolean keep) {
        if (keep) {
            tally.threw(t, describe(t), values == null ? "" : plan.format(values));
        }
        return new Outcome(false, false);
    }

    /** The generator of one attempt: the seed and the attempt's index, mixed (SplitMix64's finaliser). */
    static Random random(long seed, int attempt) {
        long z = seed * 0x9E3779B97F4A7C15L + (attempt + 1L) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    /**
     * The values of the traced copy's constants method ({@link InputFacts}), NaN for each that
     * cannot be had. Called here, in the sandbox thread, since it initialises the classes it reads.
     */
    private double[] constants() {
        double[] values = new double[Math.max(0, request.sampling().constants())];
        Arrays.fill(values, Double.NaN);
        if (values.length == 0) {
            return values;
        }
        Method k;
        try {
            k = setup.owner().getDeclaredMethod(Wire.CONSTANTS_METHOD, int.class);
            k.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return values;
        }
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = ((Number) k.invoke(null, i)).doubleValue();
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // This constant is unknown; the facts that use it are left out.
            }
        }
        return values;
    }

    RunTally tally() {
        return tally;
    }

    /** How each input was drawn, with what was learned. */
    List<Wire.Sampled> describeInputs() {
        return plan == null ? List.of() : plan.describe();
    }

    private String describe(Throwable t) {
        StringBuilder s = new StringBuilder(t.getClass().getName());
        if (t instanceof ExceptionInInitializerError && t.getCause() != null) {
            // What the initialiser threw is the story: the class is unusable in every later run.
            Throwable cause = t.getCause();
            String initialised = java.util.Arrays.stream(cause.getStackTrace())
                    .filter(e -> e.getMethodName().equals("<clinit>")).map(StackTraceElement::getClassName)
                    .findFirst().orElse("a class");
            s.append(": the static initialiser of ").append(initialised).append(" threw ")
                    .append(cause.getClass().getName());
            if (cause.getMessage() != null) {
                s.append(": ").append(cause.getMessage());
            }
            return WorkerMain.clip(s.toString());
        }
        if (t.getMessage() != null) {
            s.append(": ").append(t.getMessage());
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (setup.userClasses().contains(e.getClassName()) && !e.getClassName().equals(RecorderSource.CLASS)) {
                String className = e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1);
                boolean traced = e.getMethodName().equals(request.code().methodName());
                s.append(" at ").append(traced ? request.code().displayName()
                        : className.replace('$', '.') + "." + e.getMethodName());
                if (!traced && e.getLineNumber() > 0) {
                    s.append('(').append(e.getFileName()).append(':').append(e.getLineNumber()).append(')');
                }
                break;
            }
        }
        return WorkerMain.clip(s.toString());
    }

    /** A thread the traced code started that is still alive 100 ms after the execution, or null. */
    private String leftoverThread() {
        ThreadGroup group = setup.group();
        if (group.activeCount() <= 1) {
            return null;
        }
        Thread[] threads = new Thread[group.activeCount() + 8];
        int n = group.enumerate(threads, true);
        for (int k = 0; k < n; k++) {
            Thread t = threads[k];
            if (t == Thread.currentThread()) {
                continue;
            }
            try {
                t.join(100);
            } catch (InterruptedException e) {
                return t.getName();
            }
            if (t.isAlive()) {
                return t.getName();
            }
        }
        return null;
    }
}
