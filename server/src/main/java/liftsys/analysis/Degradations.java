package liftsys.analysis;

import liftsys.ir.JavaDocument;
import liftsys.ir.ParseProblem;
import liftsys.sidecar.SidecarException;
import liftsys.sidecar.SidecarRejectedException;
import liftsys.text.DocumentSnapshot;
import liftsys.trace.TraceException;

/** Turns failures of tracing and of the sidecar into degradations whose message says what to do. */
final class Degradations {
    private Degradations() {
    }

    static DegradedException executionDisabled() {
        return new DegradedException(Degradation.Reason.EXECUTION_DISABLED,
                "Effect sizes need the method to run on sampled inputs, and liftsys.executeCode is false. "
                        + "Set liftsys.executeCode to true (in a trusted workspace) to quantify.");
    }

    /**
     * The document does not parse, so it cannot be compiled to run the method: where (1-based),
     * what, and in which method, in a few words. Advice about the class path would not fit.
     */
    static DegradedException fileDoesNotParse(DocumentSnapshot snapshot, JavaDocument document, String method) {
        ParseProblem first = document.problems().get(0);
        int at = first.offset();
        String where = at < 0 ? "" : " at " + Readable.position(snapshot, at) + inMember(document, at);
        if (first.tooDeep()) {
            return fileDoesNotCompile(method + " cannot be run because the file holds a method liftsys cannot read"
                    + where + ": " + first.summary() + ".");
        }
        return fileDoesNotCompile(method + " cannot be run because the file does not parse: " + first.summary()
                + where + ". Fix it, then quantify again.");
    }

    /**
     * The worker could not compile the document: the first error javac finds in the text the user
     * sees, with its 1-based position and the method it is in, when the server's own check finds it.
     */
    static DegradedException fileDoesNotCompile(DocumentSnapshot snapshot, JavaDocument document, String method,
                                                CompileCheck.Error error) {
        return fileDoesNotCompile(snapshot, document, method, error, liftsys.trace.TraceProject.NONE);
    }

    /**
     * The same in a project: an error in another file of the project is named by its file and
     * 1-based line; a missing package or class is the build's to provide when there is one.
     */
    static DegradedException fileDoesNotCompile(DocumentSnapshot snapshot, JavaDocument document, String method,
                                                CompileCheck.Error error, liftsys.trace.TraceProject project) {
        boolean missing = (error.message().startsWith("package ") && error.message().endsWith(" does not exist"))
                || error.message().startsWith("cannot find symbol: class");
        String advice = missing ? TraceAdvice.forFailure("does not exist", project.buildNote(), project.buildFile())
                : "Fix it, then quantify again.";
        if (error.file() != null) {
            return fileDoesNotCompile(method + " cannot be run because " + error.file() + " does not compile: "
                    + error.message() + " at line " + error.line() + ". " + advice);
        }
        int at = (int) Math.max(0, error.offset());
        return fileDoesNotCompile(method + " cannot be run because the file does not compile: "
                + error.message() + " at " + Readable.position(snapshot, at) + inMember(document, at) + ". " + advice);
    }

    private static DegradedException fileDoesNotCompile(String message) {
        return new DegradedException(new Degradation(Degradation.Reason.TRACE_FAILED, message, true));
    }

    private static String inMember(JavaDocument document, int offset) {
        return document.memberAt(offset).map(m -> " (in " + m.name() + ")")
                .or(() -> document.unparsedAt(offset).map(u -> " (in " + u.name() + ")"))
                .orElse("");
    }

    static DegradedException timeout(long timeoutMs, String phase) {
        return new DegradedException(Degradation.Reason.TIMEOUT, "The quantitative analysis ran out of its "
                + timeoutMs + " ms while " + phase + ". Raise liftsys.timeoutMs, or lower liftsys.samples.");
    }

    /**
     * A tracing failure; when the worker says the document does not compile, the server's own
     * check of the text the user sees says where and why (the worker's lines are those of an
     * instrumented copy).
     */
    static DegradedException of(TraceException e, long timeoutMs, StructuralImpact impact, JavaDocument document,
                                Settings settings, CompileCheck compile) {
        return of(e, timeoutMs, impact, document, settings, compile, liftsys.trace.TraceProject.NONE);
    }

    /** The same for a document of a project, compiled with its sources and class path. */
    static DegradedException of(TraceException e, long timeoutMs, StructuralImpact impact, JavaDocument document,
                                Settings settings, CompileCheck compile, liftsys.trace.TraceProject project) {
        if (e.reason() == TraceException.Reason.TRACE_FAILED && e.getMessage() != null
                && e.getMessage().startsWith("the document does not compile")) {
            var error = compile.firstError(impact.snapshot().text(), settings.classpath(), project);
            if (error.isPresent()) {
                return fileDoesNotCompile(impact.snapshot(), document, impact.methodName(), error.get(), project);
            }
        }
        if (e.reason() == TraceException.Reason.TRACE_FAILED) {
            String advice = TraceAdvice.forFailure(e.getMessage(), project.buildNote(), project.buildFile());
            return new DegradedException(Degradation.Reason.TRACE_FAILED, sentence(e.getMessage())
                    + (advice.isEmpty() ? "" : " " + advice));
        }
        return of(e, timeoutMs);
    }

    static DegradedException of(TraceException e, long timeoutMs) {
        return switch (e.reason()) {
            case TIMEOUT -> new DegradedException(Degradation.Reason.TIMEOUT, e.getMessage()
                    + " Raise liftsys.timeoutMs (now " + timeoutMs + " ms) if the method is just slow.");
            case TRACE_FAILED -> new DegradedException(Degradation.Reason.TRACE_FAILED, e.getMessage()
                    + " Add missing dependencies to liftsys.classpath, or make the method run on sampled inputs.");
            case UNSUPPORTED -> new DegradedException(Degradation.Reason.UNSUPPORTED, e.getMessage());
        };
    }

    static DegradedException of(SidecarException e, long timeoutMs) {
        return switch (e.reason()) {
            case SIDECAR_UNAVAILABLE -> new DegradedException(Degradation.Reason.SIDECAR_UNAVAILABLE,
                    "The DoWhy sidecar is unavailable: " + e.getMessage() + " Run ./liftsys setup to make the "
                            + "DoWhy environment, or point liftsys.python at an interpreter with the packages of "
                            + "dowhy/requirements.txt.");
            case TIMEOUT -> e.duringStart()
                    ? new DegradedException(Degradation.Reason.TIMEOUT, "The DoWhy sidecar did not answer in time: "
                            + sentence(e.getMessage()) + " A start takes a few seconds, and the next request finds it "
                            + "ready or starts it again. If it stays silent, it may be stopped or starved of CPU: the "
                            + "server log (stderr) has its output.")
                    : new DegradedException(Degradation.Reason.TIMEOUT, "The DoWhy sidecar did not answer "
                            + "within the budget: " + e.getMessage() + " Raise liftsys.timeoutMs (now " + timeoutMs
                            + " ms).");
            case CIRCUIT_OPEN -> new DegradedException(Degradation.Reason.CIRCUIT_OPEN, "Calls to the DoWhy sidecar "
                    + "are paused after repeated failures: " + e.getMessage() + " They resume by themselves after "
                    + "a cooldown; the server log (stderr) has the failures.");
        };
    }

    private static String sentence(String message) {
        return message.endsWith(".") ? message : message + ".";
    }

    static DegradedException of(SidecarRejectedException e) {
        return new DegradedException(Degradation.Reason.UNSUPPORTED,
                "The causal model could not be fitted to this method's traces: " + e.getMessage());
    }
}
