package liftsys.trace;

/**
 * How a value is summarised as a double (the README's value-summary rules). The codes are shared
 * by the instrumenter (static kinds from declared types), the recorder compiled into the traced
 * code, and the server (column types).
 */
final class ValueKind {
    /** Not known from the declared type ({@code var}, type variables, Object): decided per value at run time. */
    static final byte UNKNOWN = 0;
    /** Numeric primitives, their boxes and other {@link Number}s: the value; a null number is NaN (row dropped). */
    static final byte NUMBER = 1;
    /** boolean and Boolean: 0/1; null is NaN. */
    static final byte BOOLEAN = 2;
    /** char and Character: the UTF-16 code, a number ('a' + 1 is 'b'); null is -1. */
    static final byte CHAR = 3;
    /** String: index of the distinct value in the trace's dictionary (the sampled pool first); null is -1. */
    static final byte STRING = 4;
    /** Enums: the ordinal; null is -1. */
    static final byte ENUM = 5;
    /** Arrays and char sequences other than String: length; null is -1. */
    static final byte LENGTH = 6;
    /** Any other object (one with no number to offer): 1 when present, 0 when null. */
    static final byte PRESENCE = 7;
    /** Collections and maps: size; null is -1. */
    static final byte SIZE = 8;
    /**
     * Other objects that offer a number (their value, {@code getValue()}, or their size,
     * {@code getDimension()}, ...): that number, named per variable by the recorder; null is NaN.
     */
    static final byte PROPERTY = 9;

    private ValueKind() {
    }

    static ColumnType columnType(byte kind) {
        return switch (kind) {
            case BOOLEAN, PRESENCE -> ColumnType.BOOLEAN;
            case ENUM -> ColumnType.CATEGORICAL;
            default -> ColumnType.CONTINUOUS;
        };
    }

    /**
     * What a column of this kind measures, as the answer says it ({@code measures}); null for plain
     * numbers. A String column holds its length once the server has read it ({@link Tracer}).
     */
    static String measure(byte kind) {
        return switch (kind) {
            case BOOLEAN -> "share true";
            case CHAR -> "char code";
            case STRING, LENGTH -> "length";
            case SIZE -> "size";
            case ENUM -> "ordinal";
            case PRESENCE -> "non-null";
            default -> null;
        };
    }
}
