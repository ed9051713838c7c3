package liftsys.ir.flow;

import java.util.List;
import liftsys.ir.lower.Site;
import liftsys.ir.lower.Stmt;

/**
 * A point after which some definitions may not run: they sit in a conditional statement (an
 * {@code if}, a switch, a loop, a {@code try} with handlers, or a statement holding {@code ?:},
 * {@code &&}, {@code ||} or a switch expression), or after a statement that may jump away. A
 * definition that does not run leaves its variable's value as it was at that point, which is
 * what a trace records for it. {@code sites} are the sites of those definitions, one per
 * definition, in source order.
 */
public record Region(Placement placement, Stmt anchor, List<Site> sites) {
    /** Where the region starts relative to its anchor statement. */
    public enum Placement {
        /** Before the anchor statement. */
        BEFORE,
        /** Before a {@code for} loop, after its initialization (whose definitions always run). */
        AFTER_FOR_INIT,
        /** Before a switch statement, after its selector, which itself defines variables. */
        AFTER_SELECTOR,
        /** At the start of each branch of an {@code if} whose condition itself defines variables. */
        AT_BRANCH_STARTS
    }
}
