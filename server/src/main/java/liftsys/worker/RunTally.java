package liftsys.worker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liftsys.wire.Wire;

/**
 * What the runs of one trace threw, by exception class: how often, the first of each as
 * {@code Class: message at where}, and the inputs it was thrown with, so a trace that fails can
 * name the exception and what provoked it.
 */
final class RunTally {
    /** Kinds of exceptions reported, most frequent first. */
    static final int KINDS = 4;

    private static final class Kind {
        final String description;
        final String inputs;
        int count;

        Kind(String description, String inputs) {
            this.description = description;
            this.inputs = inputs;
        }
    }

    private final Map<String, Kind> byClass = new LinkedHashMap<>();
    private int thrown;
    private String first;

    void threw(Throwable t, String description, String inputs) {
        thrown++;
        if (first == null) {
            first = description;
        }
        byClass.computeIfAbsent(kindOf(t), c -> new Kind(description, inputs)).count++;
    }

    /**
     * The class a throwable is counted under. A class whose static initialiser threw once is
     * "Could not initialize" (NoClassDefFoundError) ever after: those count with the
     * ExceptionInInitializerError that says why, when it was seen.
     */
    private String kindOf(Throwable t) {
        String initialiser = ExceptionInInitializerError.class.getName();
        if (t instanceof NoClassDefFoundError && String.valueOf(t.getMessage()).startsWith("Could not initialize class")
                && byClass.containsKey(initialiser)) {
            return initialiser;
        }
        return t.getClass().getName();
    }

    int thrown() {
        return thrown;
    }

    /** The first exception, described, or null. */
    String first() {
        return first;
    }

    /** The kinds thrown, most frequent first (the first met first among equals), at most {@link #KINDS}. */
    List<Wire.Thrown> kinds() {
        List<Kind> all = new ArrayList<>(byClass.values());
        all.sort(Comparator.comparingInt((Kind k) -> -k.count));
        List<Wire.Thrown> out = new ArrayList<>();
        for (Kind k : all.subList(0, Math.min(KINDS, all.size()))) {
            out.add(new Wire.Thrown(k.description, k.count, k.inputs));
        }
        return out;
    }
}
