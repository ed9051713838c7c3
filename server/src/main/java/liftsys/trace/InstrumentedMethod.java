package liftsys.trace;

import java.util.List;
import java.util.Map;
import liftsys.wire.Wire;

/**
 * A document rewritten for tracing one method, with what the worker needs to run it and the
 * server needs to read its rows.
 *
 * @param key hash of the sources and class: the compile cache key (with the class path)
 * @param sources the instrumented document and the recorder
 * @param className binary name of the type that declares the method
 * @param methodName name of the traced copy
 * @param columns the graph's definition ids; column j is slot j
 * @param slotVariable the variable (index into the graph's variables) of each slot
 * @param staticKinds {@link ValueKind} of each variable from its declared type
 * @param regions per conditional region, (slot, variable) pairs to copy on entry
 * @param inputs the parameters and fields to sample
 * @param inputTypes declared type of each input, by column
 * @param numbers numeric literals of the method (sampling hints)
 * @param strings the Strings String inputs are drawn from: the method's literals, and numbers written out
 *     when it parses Strings ({@link StringHints})
 * @param chars char literals of the method
 * @param tracedSource the traced copy alone, for tests and diagnostics
 * @param copyStart offset in the instrumented document where the copy starts
 * @param copyEnd offset where it ends
 * @param hookTypes the definitions with an intervention hook, with their declared (primitive) types
 * @param facts what the code says of the inputs' values ({@link InputFacts})
 * @param constants how many constants the copy's constants method returns
 * @param stringLiterals the method's own String literals (what String nodes are compared with in the model)
 */
record InstrumentedMethod(String key, List<Wire.SourceFile> sources, String className, String methodName,
                          List<String> columns, int[] slotVariable, byte[] staticKinds, int[][] regions,
                          List<Wire.InputSpec> inputs, Map<String, String> inputTypes, double[] numbers,
                          List<String> strings, String chars, String tracedSource, int copyStart,
                          int copyEnd, Map<String, String> hookTypes, List<Wire.Fact> facts, int constants,
                          List<String> stringLiterals) {
}
