package liftsys.ir;

/** Why one definition depends on another: its value flows in, or it decides whether the definition runs. */
public enum EdgeKind {
    DATA("data"),
    CONTROL("control");

    private final String wireName;

    EdgeKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
