package liftsys.analysis;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an effect reads in the editor and the terminal (hover, code lenses, inlay hints, the CLI):
 * DoWhy's estimate, and beside it, whenever the two differ, the effect measured by running the
 * code, always saying which is which. An effect with no estimate shows the measured one alone,
 * or says why there is none. Stateless.
 */
public final class EffectText {
    private EffectText() {
    }

    /** A short form for lenses and inlay hints: {@code +4.00}, {@code -1.00 (measured -0.512)}, {@code measured -0.512}. */
    public static String brief(QuantEffect e) {
        if (!e.estimated()) {
            return e.observed() != null ? "measured " + signed3(e.observed().value()) : "no estimate";
        }
        String text = signed3(e.estimate().value());
        if (e.showMeasured()) {
            text += " (measured " + signed3(e.observed().value()) + ")";
        }
        return text;
    }

    /**
     * The long form, one line: {@code +2.000 [+1.950, +2.050] estimated by DoWhy; measured by
     * running the code: +1.800 [+1.800, +1.800]; unreliable: ...} with the reasons' codes.
     */
    public static String line(QuantEffect e) {
        StringBuilder b = new StringBuilder();
        if (e.estimated()) {
            b.append(interval(e.estimate().value(), e.estimate().low(), e.estimate().high()));
            if (e.showMeasured()) {
                b.append(" estimated by DoWhy; measured by running the code: ")
                        .append(interval(e.observed().value(), e.observed().low(), e.observed().high()));
            }
        } else {
            b.append("no estimate");
            if (e.observed() != null) {
                b.append("; measured by running the code: ")
                        .append(interval(e.observed().value(), e.observed().low(), e.observed().high()));
            }
        }
        if (!e.randomised().isEmpty()) {
            b.append(" (with runs where ").append(String.join(", ", e.randomised())).append(" was drawn at random)");
        }
        if (e.unreliable()) {
            b.append(e.estimated() ? "; unreliable: " : "; ")
                    .append(e.reasons().stream().map(EffectReason::code).distinct().collect(Collectors.joining(", ")));
        }
        return b.toString();
    }

    /** {@code +2.000 [+1.950, +2.050]}, four significant digits. */
    public static String interval(double value, double low, double high) {
        return signed4(value) + " [" + signed4(low) + ", " + signed4(high) + "]";
    }

    static String signed3(double v) {
        return String.format(Locale.ROOT, "%+.3g", v);
    }

    static String signed4(double v) {
        return String.format(Locale.ROOT, "%+.4g", v);
    }
}
