package liftsys.trace;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A server stand-in for {@link WorkerLifetimeTest}, run as its own JVM: it traces an endless loop
 * with a deadline far away, says {@code TRACING} once its worker has run the loop for a while,
 * and then waits to be killed. Arguments: the workers' directory, and whether the OS sandbox is on.
 */
public final class OrphanParent {
    private OrphanParent() {
    }

    public static void main(String[] args) throws Exception {
        TracerConfig defaults = TracerConfig.defaults();
        Tracer tracer = new Tracer(new TracerConfig(defaults.javaCommand(), 128, 1, Path.of(args[0]), true,
                Boolean.parseBoolean(args[1])));
        Thread trace = new Thread(() -> {
            try {
                tracer.trace(HostileTraceTest.request(TraceFixtureTest.resource("/trace/Hostile.java"), "spin", 10, 1,
                        Duration.ofMinutes(10)));
            } catch (TraceException e) {
                System.out.println("ENDED " + e.getMessage());
            }
        }, "orphan-parent-trace");
        trace.setDaemon(true);
        trace.start();
        while (tracer.workerProcesses().isEmpty()) {
            Thread.sleep(10);
        }
        // The worker starts, compiles and enters the loop within this time on a loaded machine.
        Thread.sleep(2_000);
        System.out.println("TRACING");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
