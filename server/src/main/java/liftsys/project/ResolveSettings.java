package liftsys.project;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How build tools are run.
 *
 * @param timeout    bound on one run of the build tool; past it the process tree is killed
 * @param online     whether a failed offline resolve is retried online (downloading what is missing)
 * @param cacheDir   where resolved class paths are kept between runs of the server
 * @param searchPath the directories searched for {@code mvn} and {@code gradle} (PATH's syntax)
 */
public record ResolveSettings(Duration timeout, boolean online, Path cacheDir, String searchPath) {
    /** Three minutes: a first online resolve of a large build downloads many jars. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    public ResolveSettings {
        searchPath = searchPath == null ? "" : searchPath;
    }

    /** The defaults, with the cache under the user's cache directory ($XDG_CACHE_HOME or ~/.cache). */
    public static ResolveSettings defaults() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new ResolveSettings(DEFAULT_TIMEOUT, true, base.resolve("liftsys/projects"), System.getenv("PATH"));
    }

    public ResolveSettings withTimeout(Duration time) {
        return new ResolveSettings(time, online, cacheDir, searchPath);
    }

    public ResolveSettings withOnline(boolean allowed) {
        return new ResolveSettings(timeout, allowed, cacheDir, searchPath);
    }

    public ResolveSettings withCacheDir(Path dir) {
        return new ResolveSettings(timeout, online, dir, searchPath);
    }

    public ResolveSettings withSearchPath(String path) {
        return new ResolveSettings(timeout, online, cacheDir, path);
    }
}
