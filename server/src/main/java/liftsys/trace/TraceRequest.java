package liftsys.trace;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.MethodGraph;

/**
 * What to trace: one method of one version of a document, with the graph whose definitions
 * become the trace's columns.
 *
 * @param document the whole document (the method calls its neighbours, so all of it is compiled), as parsed
 * @param member the method, a member of that document
 * @param graph the method's dependence graph ({@code JavaDocument.graphOf(member)})
 * @param samples how many executions to run
 * @param seed input sampling seed: same seed and same document give the same trace
 * @param classpath extra class path entries to compile and run against (the {@code classpath} setting)
 * @param deadline the time the whole request may take, waiting for a worker included
 * @param intervention applied in the code on every execution, or null for the method as written; the same
 *     seed draws the same inputs either way, so rows of the two traces pair up by {@link Trace#sample}
 * @param cancelled asked while the trace runs: when it says true (or throws a
 *     {@link java.util.concurrent.CancellationException}), the worker is killed at once and the trace
 *     ends with a {@code CancellationException}
 * @param project the document's project: its class path comes before {@code classpath}, its sources
 *     compile with the document ({@link TraceProject#NONE} for none)
 */
public record TraceRequest(JavaDocument document, Member member, MethodGraph graph, int samples, long seed,
                           List<String> classpath, Duration deadline, TraceIntervention intervention,
                           BooleanSupplier cancelled, TraceProject project) {
    private static final BooleanSupplier NEVER = () -> false;

    /** The method as written, with no intervention, outside any project. */
    public TraceRequest(JavaDocument document, Member member, MethodGraph graph, int samples, long seed,
                        List<String> classpath, Duration deadline) {
        this(document, member, graph, samples, seed, classpath, deadline, null, NEVER, TraceProject.NONE);
    }

    /** A request that is never cancelled, outside any project. */
    public TraceRequest(JavaDocument document, Member member, MethodGraph graph, int samples, long seed,
                        List<String> classpath, Duration deadline, TraceIntervention intervention) {
        this(document, member, graph, samples, seed, classpath, deadline, intervention, NEVER, TraceProject.NONE);
    }

    public TraceRequest {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(cancelled, "cancelled");
        classpath = List.copyOf(classpath);
        project = project == null ? TraceProject.NONE : project;
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1: " + samples);
        }
    }

    /** The same request with an intervention applied in the code (null: none). */
    public TraceRequest with(TraceIntervention applied) {
        return new TraceRequest(document, member, graph, samples, seed, classpath, deadline, applied, cancelled,
                project);
    }

    /** The same request in a project (its class path and sources). */
    public TraceRequest inProject(TraceProject in) {
        return new TraceRequest(document, member, graph, samples, seed, classpath, deadline, intervention,
                cancelled, in);
    }

    /** The same request with another deadline. */
    public TraceRequest within(Duration time) {
        return new TraceRequest(document, member, graph, samples, seed, classpath, time, intervention, cancelled,
                project);
    }

    /** The same request, stopped (its worker killed) as soon as {@code whenCancelled} says so. */
    public TraceRequest cancellable(BooleanSupplier whenCancelled) {
        return new TraceRequest(document, member, graph, samples, seed, classpath, deadline, intervention,
                whenCancelled, project);
    }

    /** The whole document's text. */
    public String documentText() {
        return document.text();
    }
}
