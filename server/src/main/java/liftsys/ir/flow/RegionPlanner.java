package liftsys.ir.flow;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import liftsys.ir.Definition;
import liftsys.ir.lower.Site;
import liftsys.ir.lower.Sites;
import liftsys.ir.lower.Stmt;

/**
 * Plans the {@link Region}s of a method, statement list by statement list: before a conditional
 * statement, its definitions; before a statement that may jump (return, throw, break, continue,
 * yield, also inside a lambda it holds), the definitions of the statements after it in its list.
 * Not inside loops: there every definition is a loop summary, whose value before the region is
 * its variable's current value anyway. Only sites that define something count.
 */
final class RegionPlanner {
    private final MethodAnalysis analysis;
    private final List<Region> regions = new ArrayList<>();

    private RegionPlanner(MethodAnalysis analysis) {
        this.analysis = analysis;
    }

    static List<Region> plan(MethodAnalysis analysis) {
        RegionPlanner planner = new RegionPlanner(analysis);
        if (analysis.lowering().body() != null) {
            planner.list(analysis.lowering().body().statements());
        }
        return List.copyOf(planner.regions);
    }

    private void list(List<Stmt> list) {
        for (int i = 0; i < list.size(); i++) {
            Stmt s = list.get(i);
            Statement node = s.node();
            if (node.isLocalClassDeclarationStmt() || node.isLocalRecordDeclarationStmt()) {
                continue;
            }
            Stmt core = unlabeled(s);
            Collected copy = new Collected();
            if (isConditional(core) || holdsChoice(node)) {
                copy.addAll(Sites.within(s));
            }
            if (mayJump(node)) {
                for (int j = i + 1; j < list.size(); j++) {
                    copy.addAll(Sites.within(list.get(j)));
                }
            }
            if (!copy.sites.isEmpty()) {
                regions.add(new Region(placement(core), s, List.copyOf(copy.sites)));
            }
            if (core instanceof Stmt.If branch && defines(Sites.within(branch.condition()))) {
                // A condition that itself defines variables: the definitions it controls must get
                // the values after it, so the region starts again in each branch.
                Collected inCondition = new Collected();
                inCondition.addAll(Sites.within(branch.condition()));
                Collected branches = new Collected();
                branches.seen.addAll(inCondition.seen);
                branches.addAll(Sites.within(branch));
                if (!branches.sites.isEmpty()) {
                    regions.add(new Region(Region.Placement.AT_BRANCH_STARTS, branch, List.copyOf(branches.sites)));
                }
            }
            if (!(core instanceof Stmt.Loop)) {
                descend(core);
            }
        }
    }

    private Region.Placement placement(Stmt core) {
        if (core instanceof Stmt.Loop loop && loop.kind() == Stmt.Loop.Kind.FOR && !loop.init().isEmpty()) {
            return Region.Placement.AFTER_FOR_INIT;
        }
        if (core instanceof Stmt.Switch sw && defines(Sites.within(sw.selector()))) {
            return Region.Placement.AFTER_SELECTOR;
        }
        return Region.Placement.BEFORE;
    }

    /** The statement lists inside a statement that is not a loop. */
    private void descend(Stmt s) {
        if (s instanceof Stmt.Block b) {
            list(b.statements());
        } else if (s instanceof Stmt.If i) {
            child(i.then());
            child(i.otherwise());
        } else if (s instanceof Stmt.Switch sw) {
            for (Stmt.Arm arm : sw.arms()) {
                SwitchEntry.Type type = arm.node().getType();
                if (type == SwitchEntry.Type.STATEMENT_GROUP) {
                    list(arm.statements());
                } else if (type == SwitchEntry.Type.BLOCK && arm.statements().get(0) instanceof Stmt.Block b) {
                    list(b.statements());
                }
            }
        } else if (s instanceof Stmt.Try t) {
            list(t.body().statements());
            t.catches().forEach(c -> list(c.body().statements()));
            if (t.finallyBlock() != null) {
                list(t.finallyBlock().statements());
            }
        } else if (s instanceof Stmt.Labeled l) {
            child(l.body());
        } else if (s instanceof Stmt.Synchronized sy) {
            child(sy.body());
        }
    }

    private void child(Stmt s) {
        if (s instanceof Stmt.Block b) {
            list(b.statements());
        } else if (s != null && !(s instanceof Stmt.Loop)) {
            descend(s);
        }
    }

    private static Stmt unlabeled(Stmt s) {
        Stmt core = s;
        while (core instanceof Stmt.Labeled l) {
            core = l.body();
        }
        return core;
    }

    private static boolean isConditional(Stmt core) {
        return core instanceof Stmt.If || core instanceof Stmt.Switch || core instanceof Stmt.Loop
                || (core instanceof Stmt.Try t && !t.catches().isEmpty());
    }

    /** Whether the statement holds {@code ?:}, {@code &&}, {@code ||} or a switch expression anywhere. */
    private static boolean holdsChoice(Statement s) {
        return s.findFirst(ConditionalExpr.class).isPresent() || s.findFirst(SwitchExpr.class).isPresent()
                || s.findFirst(BinaryExpr.class, b -> b.getOperator() == BinaryExpr.Operator.AND
                || b.getOperator() == BinaryExpr.Operator.OR).isPresent();
    }

    /** Whether the statement holds a jump anywhere (also in a lambda or a nested loop: the plan stays conservative). */
    private static boolean mayJump(Statement s) {
        return s.findFirst(ReturnStmt.class).isPresent() || s.findFirst(ThrowStmt.class).isPresent()
                || s.findFirst(BreakStmt.class).isPresent() || s.findFirst(ContinueStmt.class).isPresent()
                || s.findFirst(YieldStmt.class).isPresent();
    }

    private boolean defines(List<Site> sites) {
        return sites.stream().anyMatch(site -> analysis.definitionAt(site).isPresent());
    }

    /** Sites that define something, one per definition, in the order added. */
    private final class Collected {
        final List<Site> sites = new ArrayList<>();
        final Set<Definition> seen = new HashSet<>();

        void addAll(List<Site> candidates) {
            for (Site site : candidates) {
                analysis.definitionAt(site).ifPresent(d -> {
                    if (seen.add(d)) {
                        sites.add(site);
                    }
                });
            }
        }
    }
}
