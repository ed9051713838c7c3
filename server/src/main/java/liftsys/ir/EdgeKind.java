package liftsys.ir;

/**
 * Why one definition depends on another: its value flows in, or it decides whether the definition
 * runs. A fallback edge goes from the definitions of the same variable that reach a conditional
 * definition: when the definition does not run, the variable keeps their value. Structural answers
 * ignore fallback edges (they say what a definition computes); the causal model needs them, so that
 * every node's traced value is a function of its parents.
 */
public enum EdgeKind {
    DATA("data"),
    CONTROL("control"),
    FALLBACK("fallback");

    private final String wireName;

    EdgeKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
