package liftsys.analysis;

/**
 * A whole answer to {@code liftsys/causalImpact}: the structural part, always complete, and the
 * quantitative part ({@code quantitative} null when it was not asked for).
 */
public record ImpactAnswer(StructuralImpact structural, QuantitativeAnswer quantitative) {
    public boolean quantifyAsked() {
        return quantitative != null;
    }

    public Degradation degradation() {
        return quantitative == null ? null : quantitative.degradation();
    }
}
