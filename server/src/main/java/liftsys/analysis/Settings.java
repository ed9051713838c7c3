package liftsys.analysis;

import java.util.List;

/**
 * The user's settings (protocol.md, Configuration, plus the added keys of DESIGN.md and the
 * README). {@code python} is null when the project's own DoWhy environment is meant.
 */
public record Settings(String python, long timeoutMs, int samples, boolean executeCode, List<String> classpath,
                       long seed, String quality, double minQuality, boolean codeLens, boolean inlayHints,
                       boolean warmUp) {

    public static final Settings DEFAULTS =
            new Settings(null, 30_000, 500, true, List.of(), 0, "GOOD", 0.7, true, true, true);

    public Settings {
        classpath = List.copyOf(classpath);
    }
}
