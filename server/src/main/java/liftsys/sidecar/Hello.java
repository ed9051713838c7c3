package liftsys.sidecar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sidecar's greeting: it is ready, what it runs on (for the answer's {@code engine}), and the
 * protocol version it speaks.
 *
 * @param versions {@code python}, {@code dowhy}, {@code numpy} and the other libraries that decide
 *     the numbers
 * @param pid the interpreter's process id
 */
public record Hello(boolean ready, Map<String, String> versions, int protocol, long pid) {
    public Hello {
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }
}
