package liftsys.bench;

import java.util.regex.Pattern;

/**
 * What one quantified question on real code came to, and the cause a failure is counted under.
 * The causes are read from the answer's {@code degraded} reason and message: they follow the
 * server's messages, so a new message lands in "other" (with its reason) until it gets a cause.
 */
record RealCodeOutcome(String status, String reason, String cause, String message, double millis) {
    private static final Pattern MISSING_CLASSES = Pattern.compile(
            "does not exist|cannot find symbol|cannot access|package [\\w.]+ is not visible");

    static RealCodeOutcome fitted(double millis) {
        return new RealCodeOutcome("fitted", "", "fitted", "", millis);
    }

    static RealCodeOutcome degraded(String reason, String message, double millis) {
        String first = message.lines().findFirst().orElse("");
        return new RealCodeOutcome("degraded", reason, causeOf(reason, message), first, millis);
    }

    static RealCodeOutcome error(String message, double millis) {
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        return new RealCodeOutcome("error", "", "error: " + (first.length() > 80 ? first.substring(0, 80) : first),
                first, millis);
    }

    /** The failure cause a degraded answer is counted under. */
    static String causeOf(String reason, String message) {
        if (reason.equals("timeout")) {
            return message.contains("sidecar") ? "timeout (fitting)" : "timeout (tracing)";
        }
        if (reason.equals("circuit-open")) {
            return "sidecar paused after failures";
        }
        if (message.contains("IllegalAccessError")) {
            return "IllegalAccessError";
        }
        if (message.contains("does not compile")) {
            if (message.contains("instrumented copy")) {
                return "instrumented copy does not compile";
            }
            return MISSING_CLASSES.matcher(message).find() ? "missing project classes" : "compile error (other)";
        }
        if (message.contains("categorical")) {
            return "categorical String";
        }
        if (message.contains("executions threw") || message.contains("the first threw")) {
            return "throws on inputs";
        }
        if (message.contains("of the abstract type")) {
            return "abstract receiver";
        }
        if (message.contains("sandbox denied")) {
            return "sandbox denied";
        }
        if (message.contains("cannot be sampled") || message.contains("could not be built")
                || message.contains("it cannot be")) {
            return "unsupported type";
        }
        if (message.contains("not a finite number")) {
            return "non-finite values";
        }
        if (message.contains("could not be fitted")) {
            return "fit failed";
        }
        return "other (" + reason + ")";
    }
}
