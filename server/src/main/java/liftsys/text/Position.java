package liftsys.text;

/** A zero-based line and a UTF-16 column within it, as LSP counts them. */
public record Position(int line, int character) implements Comparable<Position> {
    @Override
    public int compareTo(Position other) {
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(character, other.character);
    }
}
