package liftsys.analysis;

import liftsys.trace.Trace;
import liftsys.trace.TraceException;
import liftsys.trace.TraceRequest;
import liftsys.trace.Tracer;

/** Runs a method on sampled inputs and records its graph's nodes (the tracing layer, seen from here). */
public interface MethodTracer {
    Trace trace(TraceRequest request) throws TraceException;

    /** Whether any user code was ever compiled or run; {@code executeCode: false} must keep this false. */
    boolean anyWorkerStarted();

    /** Why traced code runs without the operating system's sandbox, for the answer's notes; empty inside it. */
    default java.util.Optional<String> containmentNote() {
        return java.util.Optional.empty();
    }

    /** The tracing layer's worker pool, seen through this interface. */
    static MethodTracer of(Tracer tracer) {
        return new MethodTracer() {
            @Override
            public Trace trace(TraceRequest request) throws TraceException {
                return tracer.trace(request);
            }

            @Override
            public boolean anyWorkerStarted() {
                return tracer.anyWorkerStarted();
            }

            @Override
            public java.util.Optional<String> containmentNote() {
                return tracer.containmentNote();
            }
        };
    }
}
