package liftsys.trace;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import liftsys.ir.Member;
import liftsys.ir.MethodGraph;

/**
 * What to trace: one method of one version of a document, with the graph whose definitions
 * become the trace's columns.
 *
 * @param documentText the whole document (the method calls its neighbours, so all of it is compiled)
 * @param member the method, a member of that text
 * @param graph the method's dependence graph ({@code JavaDocument.graphOf(member)})
 * @param samples how many executions to run
 * @param seed input sampling seed: same seed and same document give the same trace
 * @param classpath extra class path entries to compile and run against (the {@code classpath} setting)
 * @param deadline the time the whole request may take, waiting for a worker included
 */
public record TraceRequest(String documentText, Member member, MethodGraph graph, int samples, long seed,
                           List<String> classpath, Duration deadline) {
    public TraceRequest {
        Objects.requireNonNull(documentText, "documentText");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(deadline, "deadline");
        classpath = List.copyOf(classpath);
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1: " + samples);
        }
    }
}
