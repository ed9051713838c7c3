package liftsys.analysis;

import liftsys.sidecar.SidecarException;
import liftsys.sidecar.SidecarRejectedException;
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

    static DegradedException timeout(long timeoutMs, String phase) {
        return new DegradedException(Degradation.Reason.TIMEOUT, "The quantitative analysis ran out of its "
                + timeoutMs + " ms while " + phase + ". Raise liftsys.timeoutMs, or lower liftsys.samples.");
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
