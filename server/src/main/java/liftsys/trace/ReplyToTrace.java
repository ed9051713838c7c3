package liftsys.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liftsys.wire.Wire;

/**
 * The worker's reply made into a {@link Trace}: a failure into its {@link TraceException}, too
 * few completed runs into a report of what the others threw, rows with a value that is not a
 * finite number dropped (and counted), each column's type from the kinds the recorder saw, and
 * String columns turned into their lengths with the Strings kept.
 */
final class ReplyToTrace {
    private ReplyToTrace() {
    }

    static Trace toTrace(InstrumentedMethod method, Wire.Reply reply, int planned, String name, double seconds)
            throws TraceException {
        if (reply.outcome() != Wire.Outcome.OK) {
            TraceException.Reason reason = switch (reply.outcome()) {
                case TIMEOUT -> TraceException.Reason.TIMEOUT;
                case UNSUPPORTED -> TraceException.Reason.UNSUPPORTED;
                default -> TraceException.Reason.TRACE_FAILED;
            };
            throw new TraceException(reason, reply.message());
        }
        if (reply.rows().length * 2 < planned) {
            // Never fit on a remnant: say what the other runs threw, and with what.
            throw RunsReport.tooFew(name, planned, reply, seconds);
        }
        List<String> columns = method.columns();
        List<double[]> kept = new ArrayList<>();
        List<Integer> keptSamples = new ArrayList<>();
        List<long[]> keptRan = new ArrayList<>();
        int dropped = 0;
        String firstNonFinite = null;
        double[][] replyRows = reply.rows();
        boolean hasRan = replyRows.length > 0 && reply.ran().length == replyRows.length;
        for (int r = 0; r < replyRows.length; r++) {
            double[] row = replyRows[r];
            int bad = -1;
            for (int j = 0; j < row.length && bad < 0; j++) {
                if (!Double.isFinite(row[j])) {
                    bad = j;
                }
            }
            if (bad < 0) {
                kept.add(row);
                keptSamples.add(reply.samples()[r]);
                if (hasRan) {
                    keptRan.add(reply.ran()[r]);
                }
            } else {
                dropped++;
                if (firstNonFinite == null) {
                    firstNonFinite = columns.get(bad);
                }
            }
        }
        if (kept.isEmpty()) {
            throw new TraceException(TraceException.Reason.TRACE_FAILED, reply.rows().length == 0
                    ? "no execution returned" + (reply.firstException() == null ? "" : "; the first threw "
                    + reply.firstException())
                    : "every execution recorded a value that is not a finite number (first in " + firstNonFinite + ")");
        }
        Map<String, ColumnType> types = new LinkedHashMap<>();
        Map<String, String> measures = new LinkedHashMap<>();
        Map<String, int[]> codes = new LinkedHashMap<>();
        for (int j = 0; j < columns.size(); j++) {
            int variable = method.slotVariable()[j];
            byte seen = variable < reply.seen().length ? reply.seen()[variable] : 0;
            byte kind = seen != 0 ? seen : method.staticKinds()[variable];
            types.put(columns.get(j), ValueKind.columnType(kind));
            String measure = kind == ValueKind.PROPERTY && variable < reply.numbers().size()
                    && reply.numbers().get(variable) != null ? reply.numbers().get(variable) + "()"
                    : ValueKind.measure(kind);
            if (measure != null) {
                measures.put(columns.get(j), measure);
            }
            if (kind == ValueKind.STRING) {
                codes.put(columns.get(j), stringLengths(kept, j, reply.dictionary()));
            }
        }
        Map<String, InputRange> inputs = new LinkedHashMap<>();
        for (Wire.Sampled s : reply.inputs()) {
            inputs.put(s.column(), new InputRange(method.inputTypes().getOrDefault(s.column(), "?"),
                    ColumnType.valueOf(s.model().name()), s.low(), s.high(), s.categories(), s.description()));
        }
        return new Trace(columns, types, kept.toArray(new double[0][]), inputs, reply.run(), reply.thrown(), dropped,
                reply.firstException(), keptSamples.stream().mapToInt(Integer::intValue).toArray(),
                hasRan ? keptRan.toArray(new long[0][]) : null,
                new Trace.Runs(planned, RunsReport.threwByClass(reply.exceptions()), reply.stopped(), firstNonFinite),
                measures, new TraceStrings(reply.dictionary(), method.stringLiterals(), codes));
    }

    /**
     * Replaces a String column's codes by the Strings' lengths (a null String: 0), in place, and
     * returns the codes, so the model sees a number that means something and the Strings stay known.
     */
    private static int[] stringLengths(List<double[]> rows, int column, List<String> dictionary) {
        int[] codes = new int[rows.size()];
        for (int r = 0; r < codes.length; r++) {
            double[] row = rows.get(r);
            int code = (int) row[column];
            codes[r] = code >= 0 && code < dictionary.size() ? code : -1;
            row[column] = codes[r] < 0 ? 0 : dictionary.get(codes[r]).length();
        }
        return codes;
    }
}
