package liftsys.analysis;

/**
 * A whole answer to {@code liftsys/causalImpact}: the structural part, always complete, and the
 * state of the quantitative part ({@code degradation} null when it was not asked for).
 */
public record ImpactAnswer(StructuralImpact structural, boolean quantifyAsked, Degradation degradation) {
}
