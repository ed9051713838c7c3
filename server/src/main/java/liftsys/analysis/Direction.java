package liftsys.analysis;

/** Which way an impact question looks: what the subject affects, what affects it, or both. */
public enum Direction {
    DOWNSTREAM("downstream"),
    UPSTREAM("upstream"),
    BOTH("both");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean includesDownstream() {
        return this != UPSTREAM;
    }

    public boolean includesUpstream() {
        return this != DOWNSTREAM;
    }

    /** The direction with this wire name, or null when there is none. */
    public static Direction fromWire(String name) {
        for (Direction d : values()) {
            if (d.wireName.equals(name)) {
                return d;
            }
        }
        return null;
    }
}
