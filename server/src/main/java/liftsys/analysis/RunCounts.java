package liftsys.analysis;

import java.util.Map;
import liftsys.ir.Definition;
import liftsys.ir.MethodGraph;
import liftsys.trace.Trace;

/**
 * What became of the runs a model was fitted on, for the answer's {@code model.runs}: how many
 * were planned (the {@code samples} setting), attempted, completed, and kept (completed with finite
 * values: the rows of the model), what the others threw by exception class, and how many recorded
 * NaN or an infinity (in which variable first).
 */
public record RunCounts(int planned, int attempted, int completed, int kept, Map<String, Integer> threw,
                        int nonFinite, String nonFiniteIn) {
    public RunCounts {
        threw = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(threw));
    }

    static RunCounts of(Trace trace, MethodGraph graph) {
        Trace.Runs runs = trace.runs();
        String in = null;
        if (runs.nonFiniteIn() != null) {
            Definition d = graph.definition(runs.nonFiniteIn());
            in = d == null ? runs.nonFiniteIn() : graph.variableOf(d).name();
        }
        return new RunCounts(runs.planned(), trace.run(), trace.rowCount() + trace.dropped(), trace.rowCount(),
                runs.threw(), trace.dropped(), in);
    }

    /** Whether the model was fitted on fewer than half of the planned runs: its effects are then unreliable. */
    boolean few() {
        return kept * 2 < planned;
    }

    /** The notes the answer carries about the runs: values left out, and a fit on too few runs. */
    java.util.List<String> notes() {
        java.util.List<String> notes = new java.util.ArrayList<>();
        if (nonFinite > 0) {
            notes.add(nonFinite + " of the " + completed + " completed runs recorded NaN or an infinity"
                    + (nonFiniteIn == null ? "" : " (first in " + nonFiniteIn + ")") + " and were left out of the model.");
        }
        if (few()) {
            notes.add("The model was fitted on " + kept + " of " + planned + " planned runs, fewer than half: its "
                    + "effects may not hold for the inputs left out, so every effect is marked unreliable.");
        }
        return notes;
    }
}
