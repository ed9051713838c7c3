package liftsys.analysis;

import java.util.List;
import java.util.Locale;
import liftsys.ir.JavaDocument;
import liftsys.ir.NodeKind;
import liftsys.text.TextRange;

/**
 * What drives a variable, strongest first (DoWhy's {@code gcm.arrow_strength} for its direct
 * inputs, {@code gcm.intrinsic_causal_influence} for everything upstream), with intervals at
 * {@code level} from {@code bootstrap} resamples of the traced runs.
 *
 * @param targetName the variable whose drivers these are
 * @param targetNode the graph definition ranked
 * @param parents the direct inputs, by how much the variable's variance changes when that input's edge is cut
 * @param ancestors every upstream variable, by its own contribution to the variable's variance
 *     (values computed exactly from other variables contribute nothing of their own)
 * @param notes sentences about how the ranking was made
 */
public record DriverRanking(String targetName, String targetNode, List<Driver> parents, List<Driver> ancestors,
                            double level, int bootstrap, List<String> notes) {
    public DriverRanking {
        parents = List.copyOf(parents);
        ancestors = List.copyOf(ancestors);
        notes = List.copyOf(notes);
    }

    /**
     * One driver: a variable (its graph node, its name as the code writes it, where it is declared
     * in the current text), its measure in the target's squared units, the interval, and its share
     * of the sum of the positive measures.
     */
    public record Driver(String name, String variableId, String node, NodeKind kind, TextRange range, double value,
                         double low, double high, double share) {
        Driver at(TextRange declared) {
            return new Driver(name, variableId, node, kind, declared, value, low, high, share);
        }
    }

    /** The same ranking with each driver's declaration located in the impact's text (rankings are kept by content). */
    DriverRanking locatedIn(StructuralImpact impact, JavaDocument document) {
        return new DriverRanking(targetName, targetNode, located(parents, impact, document),
                located(ancestors, impact, document), level, bootstrap, notes);
    }

    private static List<Driver> located(List<Driver> drivers, StructuralImpact impact, JavaDocument document) {
        return drivers.stream().map(d -> {
            var v = impact.graph().variable(d.variableId());
            return v == null ? d : d.at(StructuralAnalyzer.declarationRange(impact.snapshot(), document,
                    impact.member(), impact.graph(), v));
        }).toList();
    }

    /** What the numbers are, for people. */
    public String measureDescription() {
        return "share of its variance, " + String.format(Locale.ROOT, "%.0f%%", level * 100) + " intervals over "
                + bootstrap + " resamples of the runs";
    }
}
