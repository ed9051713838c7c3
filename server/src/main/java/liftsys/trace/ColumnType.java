package liftsys.trace;

/**
 * How a trace column's values are to be modelled, so the causal model can pick a mechanism:
 * regression for continuous values, classification for booleans and categories.
 */
public enum ColumnType {
    /** Numbers, and lengths or sizes of arrays, collections and strings builders. */
    CONTINUOUS("continuous"),
    /** {@code boolean}s as 0/1, and presence (non-null) of other objects as 0/1. */
    BOOLEAN("boolean"),
    /** {@code char} codes, enum ordinals and codes of distinct strings; null is -1. */
    CATEGORICAL("categorical");

    private final String wireName;

    ColumnType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
