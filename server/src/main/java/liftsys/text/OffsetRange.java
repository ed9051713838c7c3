package liftsys.text;

/** A half-open range of UTF-16 offsets into a text. */
public record OffsetRange(int start, int end) {
    public OffsetRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad offset range " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }

    public boolean contains(int offset) {
        return start <= offset && offset <= end;
    }

    public OffsetRange shift(int delta) {
        return new OffsetRange(start + delta, end + delta);
    }
}
