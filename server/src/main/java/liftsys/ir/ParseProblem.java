package liftsys.ir;

/** A syntax problem found while parsing, with the offset it was found at (or -1 when unknown). */
public record ParseProblem(String message, int offset) {
}
