package liftsys.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import liftsys.project.ClassPathFingerprint;

/**
 * The fingerprint of the {@code classpath} setting's entries (each entry's path, size and
 * modification time, the files of a directory entry), for fit keys: a jar rebuilt in place
 * changes it. Taken again when the last one is older than a second, so hovers and lenses do not
 * stat the class path each time. Thread-safe.
 */
final class ClassPathStamp {
    private static final long TTL_NANOS = 1_000_000_000L;
    private static final Map<List<String>, Taken> TAKEN = new ConcurrentHashMap<>();

    private record Taken(long at, String value) {
    }

    private ClassPathStamp() {
    }

    static String of(List<String> entries) {
        long now = System.nanoTime();
        Taken taken = TAKEN.get(entries);
        if (taken == null || now - taken.at() > TTL_NANOS) {
            if (TAKEN.size() > 64) {
                TAKEN.clear();
            }
            taken = new Taken(now, ClassPathFingerprint.of(entries.stream().map(e -> Path.of(e).toAbsolutePath()
                    .normalize()).toList(), List.of()));
            TAKEN.put(List.copyOf(entries), taken);
        }
        return taken.value();
    }
}
