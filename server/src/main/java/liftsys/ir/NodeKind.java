package liftsys.ir;

/** What a graph node stands for; the wire names are the protocol's {@code kind} values. */
public enum NodeKind {
    PARAMETER("parameter"),
    LOCAL("local"),
    FIELD("field"),
    RETURN("return");

    private final String wireName;

    NodeKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
