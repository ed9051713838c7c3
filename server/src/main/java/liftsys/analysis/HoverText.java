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

    private static String list(List<ImpactEntry> entries, String none) {
        if (entries.isEmpty()) {
            return none;
        }
        return entries.stream().map(e -> "`" + e.name() + "` (" + e.distance() + ")").collect(Collectors.joining(", "));
    }
}
