package liftsys.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import liftsys.wire.Wire;

/**
 * Says what became of a trace's runs when fewer than half of the planned ones completed: which
 * exception most executions threw, with the inputs of one that threw it, and how many completed;
 * or, when the time ran out first, that the method is slow. A fit on such a remnant would describe
 * the few inputs the method accepted, not the method.
 */
final class RunsReport {
    private RunsReport() {
    }

    static TraceException tooFew(String method, int planned, Wire.Reply reply, double seconds) {
        int completed = reply.rows().length;
        String counts = completed + " of the " + planned + " planned runs of " + method + " completed ("
                + reply.run() + " attempts)";
        List<Wire.Thrown> kinds = reply.exceptions();
        boolean mostlyThrew = !kinds.isEmpty() && reply.thrown() * 2 >= reply.run();
        if (!mostlyThrew && Wire.STOPPED_TIME.equals(reply.stopped())) {
            return new TraceException(TraceException.Reason.TIMEOUT, "Only " + counts + " within "
                    + String.format(Locale.ROOT, "%.1f s", seconds) + " (a very slow method, or one that loops on "
                    + "some inputs)");
        }
        if (kinds.isEmpty()) {
            return new TraceException(TraceException.Reason.TRACE_FAILED, "Only " + counts);
        }
        Wire.Thrown top = kinds.get(0);
        StringBuilder s = new StringBuilder("Only ").append(counts).append(": most executions threw ")
                .append(top.description()).append(" (").append(top.count()).append(" times");
        if (top.inputs() != null && !top.inputs().isEmpty()) {
            s.append(", first with ").append(top.inputs());
        }
        s.append(')');
        for (int k = 1; k < kinds.size(); k++) {
            s.append(k == 1 ? "; also " : ", ").append(simpleName(kinds.get(k).description())).append(" (")
                    .append(kinds.get(k).count()).append(')');
        }
        return new TraceException(TraceException.Reason.TRACE_FAILED, s.toString());
    }

    /** Counts by exception class (simple name), most frequent first. */
    static Map<String, Integer> threwByClass(List<Wire.Thrown> kinds) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Wire.Thrown k : kinds) {
            out.merge(simpleName(k.description()), k.count(), Integer::sum);
        }
        return out;
    }

    /** The simple name of the exception a description ({@code java.lang.Foo$Bar: message at ...}) starts with. */
    static String simpleName(String description) {
        int end = description.length();
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (c == ':' || c == ' ') {
                end = i;
                break;
            }
        }
        String name = description.substring(0, end);
        return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
    }
}
