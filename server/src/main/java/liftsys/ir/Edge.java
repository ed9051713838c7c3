package liftsys.ir;

/** {@code to} depends on {@code from}: data flows from it, or it controls whether {@code to} runs. */
public record Edge(String from, String to, EdgeKind kind) {
}
