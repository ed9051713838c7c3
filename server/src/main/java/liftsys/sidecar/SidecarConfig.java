package liftsys.sidecar;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the sidecar and how patient to be with it.
 *
 * @param python the interpreter (a path, or a name looked up on PATH); it needs DoWhy, but not
 *     this package: {@code sourceDir} is put on its PYTHONPATH
 * @param sourceDir the directory holding the {@code liftsys_dowhy} package ({@code dowhy/src})
 * @param startTimeout how long a starting process may take to answer {@code hello} before it is
 *     killed as unavailable; independent of call budgets, so a slow start survives short calls
 * @param cooldown how long the breaker stays open before it lets a trial call through
 * @param failureThreshold consecutive failures (timeouts, crashes, garbage) that open the breaker
 * @param environment extra environment variables for the process
 */
public record SidecarConfig(
        String python,
        Path sourceDir,
        Duration startTimeout,
        Duration cooldown,
        int failureThreshold,
        Map<String, String> environment) {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;

    public SidecarConfig {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(sourceDir, "sourceDir");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(cooldown, "cooldown");
        environment = Map.copyOf(environment);
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be positive: " + failureThreshold);
        }
    }

    /**
     * The set-up defaults for a checkout: the environment {@code ./liftsys setup} makes at
     * {@code <root>/.liftsys/dowhy-env} and the package in {@code <root>/dowhy/src}.
     */
    public static SidecarConfig forRepository(Path root) {
        return new SidecarConfig(
                defaultPython(root).toString(),
                root.resolve("dowhy").resolve("src"),
                DEFAULT_START_TIMEOUT,
                DEFAULT_COOLDOWN,
                DEFAULT_FAILURE_THRESHOLD,
                Map.of());
    }

    /**
     * The interpreter of the set-up environment under {@code root}, unless the system property
     * {@code liftsys.python} names one: the installed distribution's launcher makes its environment
     * in the user's data directory, not under the (read-only) distribution, and passes it there.
     */
    public static Path defaultPython(Path root) {
        String launcherChoice = System.getProperty("liftsys.python");
        if (launcherChoice != null && !launcherChoice.isBlank()) {
            return Path.of(launcherChoice);
        }
        return root.resolve(".liftsys").resolve("dowhy-env").resolve("bin").resolve("python");
    }

    public SidecarConfig withPython(String python) {
        return new SidecarConfig(python, sourceDir, startTimeout, cooldown, failureThreshold, environment);
    }

    public SidecarConfig withSourceDir(Path sourceDir) {
        return new SidecarConfig(python, sourceDir, startTimeout, cooldown, failureThreshold, environment);
    }

    public SidecarConfig withStartTimeout(Duration startTimeout) {
        return new SidecarConfig(python, sourceDir, startTimeout, cooldown, failureThreshold, environment);
    }

    public SidecarConfig withCooldown(Duration cooldown) {
        return new SidecarConfig(python, sourceDir, startTimeout, cooldown, failureThreshold, environment);
    }

    public SidecarConfig withEnvironment(Map<String, String> environment) {
        return new SidecarConfig(python, sourceDir, startTimeout, cooldown, failureThreshold, environment);
    }
}
