package liftsys.ir;

import liftsys.text.OffsetRange;

/**
 * A node of the dependence graph: one place where a variable gets a value (a parameter on entry,
 * a declaration, an assignment, a loop's summary of all assignments in it, a field's value on
 * entry, the return value). {@code range} is relative to the start of the method's text.
 * {@code loopSummary} marks a node that stands for a variable's value after a loop.
 */
public record Definition(String id, String variableId, OffsetRange range, boolean loopSummary) {
}
