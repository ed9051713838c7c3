package liftsys.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data-driven fixtures: a file of cases, each a Java source with a cursor marker {@code $0}
 * before the subject and expectation lines. Format:
 * <pre>
 * === case name
 * --- downstream: subtotal 1, discount 2
 * --- upstream: (none)
 * --- path return: price subtotal net return
 * class C { ... $0price ... }
 * </pre>
 */
public final class Fixtures {
    public static final String CURSOR = "$0";

    /** One case: the source without the marker, the marker's offset and the expectations by key. */
    public record Case(String name, String source, int cursor, Map<String, String> expectations) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Fixtures() {
    }

    public static List<Case> load(String resource) {
        String text = read(resource);
        List<Case> cases = new ArrayList<>();
        String name = null;
        Map<String, String> expectations = new LinkedHashMap<>();
        StringBuilder source = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("=== ")) {
                if (name != null) {
                    cases.add(build(name, source.toString(), expectations));
                }
                name = line.substring(4).trim();
                expectations = new LinkedHashMap<>();
                source = new StringBuilder();
            } else if (line.startsWith("--- ") && name != null) {
                int colon = line.indexOf(':');
                expectations.put(line.substring(4, colon).trim(), line.substring(colon + 1).trim());
            } else if (name != null) {
                source.append(line).append('\n');
            }
        }
        if (name != null) {
            cases.add(build(name, source.toString(), expectations));
        }
        return cases;
    }

    private static Case build(String name, String source, Map<String, String> expectations) {
        int cursor = source.indexOf(CURSOR);
        if (cursor < 0) {
            throw new IllegalArgumentException("fixture " + name + " has no cursor marker " + CURSOR);
        }
        String clean = source.substring(0, cursor) + source.substring(cursor + CURSOR.length());
        return new Case(name, clean, cursor, expectations);
    }

    public static String read(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
