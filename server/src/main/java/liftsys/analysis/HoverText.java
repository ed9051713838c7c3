package liftsys.analysis;

import java.util.List;
import java.util.stream.Collectors;

/** The Markdown a hover shows for a variable: what it depends on and what it affects, nearest first. */
public final class HoverText {
    private HoverText() {
    }

    public static String of(StructuralImpact impact, String quantities) {
        ImpactSubject s = impact.subject();
        StringBuilder md = new StringBuilder();
        md.append("**").append(s.name()).append("** ")
                .append(s.isMethod() ? "(all parameters)" : "(" + s.kind().wireName() + ")")
                .append(" in `").append(impact.methodName()).append("`\n\n");
        md.append("Depends on: ").append(list(impact.upstream(), "nothing (an input or a constant)")).append("\n\n");
        md.append("Affects: ").append(list(impact.downstream(), "nothing")).append("\n\n");
        md.append(quantities);
        return md.toString();
    }

    /**
     * The effects of a unit shift of the subject, from a cached model: DoWhy's estimate, the effect
     * measured by running the code beside it whenever they differ, and why an effect is not to be trusted.
     */
    public static String effects(StructuralImpact impact, QuantitativeAnswer q) {
        StringBuilder md = new StringBuilder();
        md.append("Effect of +1 on `").append(impact.subject().name()).append("` (")
                .append(q.model().engine()).append(", ").append(q.model().samples()).append(" runs):\n\n");
        for (ImpactEntry e : impact.downstream()) {
            QuantEffect effect = q.effects().get(e.variableId());
            if (effect == null) {
                continue;
            }
            String measure = q.measures().get(e.variableId());
            md.append("- `").append(e.name()).append("`").append(measure == null ? "" : " (" + measure + ")")
                    .append(' ').append(EffectText.line(effect)).append('\n');
            for (EffectReason r : effect.reasons()) {
                md.append("  - ").append(r.message()).append('\n');
            }
        }
        return md.toString();
    }

    /** What drives the variable, from a cached ranking: strongest first, with intervals. */
    public static String drivers(DriverRanking ranking) {
        StringBuilder md = new StringBuilder("What drives `").append(ranking.targetName()).append("` (")
                .append(ranking.measureDescription()).append("):\n\n");
        for (DriverRanking.Driver d : ranking.ancestors()) {
            md.append(String.format(java.util.Locale.ROOT, "- `%s` %.0f%% [%s, %s]%n", d.name(), d.share() * 100,
                    Extrapolation.number(d.low()), Extrapolation.number(d.high())));
        }
        return md.toString();
    }

    private static String list(List<ImpactEntry> entries, String none) {
        if (entries.isEmpty()) {
            return none;
        }
        return entries.stream().map(e -> "`" + e.name() + "` (" + e.distance() + ")").collect(Collectors.joining(", "));
    }
}
