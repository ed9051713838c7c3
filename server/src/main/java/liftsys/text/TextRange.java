package liftsys.text;

/** A half-open range of positions: {@code start} inclusive, {@code end} exclusive. */
public record TextRange(Position start, Position end) {
    public boolean contains(Position p) {
        return start.compareTo(p) <= 0 && p.compareTo(end) <= 0;
    }
}
