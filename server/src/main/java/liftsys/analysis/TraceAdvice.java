package liftsys.analysis;

/**
 * What to do about a trace that failed, chosen by its cause (issue 14: never advice that does
 * not fit): a class missing at run time is the build's or the class path's business, a method
 * that throws on most inputs is about that exception, a sandbox denial about what the code tried,
 * a worker that died about its resources, an instrumented copy that does not compile is ours.
 */
final class TraceAdvice {
    private TraceAdvice() {
    }

    /**
     * The advice for a TRACE_FAILED message of the tracer; {@code buildNote} says why the build's
     * class path is missing ("" when it is not), {@code buildFile} names the build ("" for none).
     */
    static String forFailure(String message, String buildNote, String buildFile) {
        String m = message == null ? "" : message;
        if (m.contains("ExceptionInInitializerError") || m.contains("Could not initialize class")) {
            return "A class failed to initialise in the worker: its static initialiser threw, often because a "
                    + "resource, file or setting it reads at start-up is not there (the worker sees the module's "
                    + "sources, resources and class path only).";
        }
        boolean missingClass = m.contains("NoClassDefFoundError") || m.contains("ClassNotFoundException")
                || m.contains("does not exist") || m.contains("cannot find symbol");
        if (missingClass) {
            if (!buildNote.isEmpty()) {
                return buildNote;
            }
            return buildFile.isEmpty()
                    ? "Add the library that provides it to liftsys.classpath, then quantify again."
                    : "Declare the dependency that provides it in " + buildFile
                            + " (or add it to liftsys.classpath), then quantify again.";
        }
        if (m.startsWith("more than half of the executions threw")) {
            return "The method rejects most sampled inputs with that exception: guard or document the inputs it "
                    + "accepts (liftsys learns ranges from guard clauses and constants), or quantify a caller that "
                    + "passes valid ones.";
        }
        if (m.startsWith("no execution returned")) {
            return "Make the method run on sampled inputs: every run threw.";
        }
        if (m.startsWith("every execution recorded a value that is not a finite number")) {
            return "The method computes infinities or NaN on the sampled inputs; effect sizes need finite values.";
        }
        if (m.startsWith("the traced code tried to") || m.contains("started a thread")) {
            return "Traced code runs in a sandbox without files, network, processes or lasting threads; quantify a "
                    + "method that computes without them.";
        }
        if (m.startsWith("the instrumented copy")) {
            return "";
        }
        if (m.startsWith("the worker JVM") || m.startsWith("cannot start a worker")) {
            return "The server log (stderr) has the worker's output; a method that needs more than the worker's "
                    + "memory or CPU limits cannot be traced.";
        }
        return "Make the method run on sampled inputs, or add what it needs to liftsys.classpath.";
    }
}
