package liftsys.analysis;

/** Where a long analysis says what it is doing ("tracing 500 runs", "fitting", "estimating"). */
public interface ProgressSink {
    ProgressSink NONE = (message, percent) -> { };

    void report(String message, int percent);
}
