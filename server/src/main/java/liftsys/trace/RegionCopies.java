package liftsys.trace;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.type.VarType;
import java.util.ArrayList;
import java.util.List;
import liftsys.ir.flow.Region;
import liftsys.ir.lower.Site;

/**
 * The lowering's conditional regions in the traced copy: where each region starts, the recorder
 * copies the current values of its definitions' variables into their slots ({@code $ls.e(n)}),
 * so a definition that does not run records the value its variable kept. Region n is the
 * analysis' region n; the worker gets each as (slot, variable) pairs.
 */
final class RegionCopies {
    private final List<Region> regions;
    private final int[][] pairs;

    RegionCopies(List<Region> regions, Slots slots) {
        this.regions = regions;
        this.pairs = new int[regions.size()][];
        for (int r = 0; r < regions.size(); r++) {
            List<Site> sites = regions.get(r).sites();
            int[] region = new int[sites.size() * 2];
            for (int k = 0; k < sites.size(); k++) {
                region[2 * k] = slots.slot(sites.get(k));
                region[2 * k + 1] = slots.variable(sites.get(k));
            }
            pairs[r] = region;
        }
    }

    int[][] pairs() {
        return pairs;
    }

    /** Puts the copies in place; after the sites are rewritten, as some copies move statements. */
    void apply() {
        List<Integer> branchRegions = new ArrayList<>();
        for (int r = 0; r < regions.size(); r++) {
            Region region = regions.get(r);
            if (region.placement() == Region.Placement.AT_BRANCH_STARTS) {
                branchRegions.add(r);
            } else {
                before(region, r);
            }
        }
        for (int r : branchRegions) {
            atBranchStarts((IfStmt) regions.get(r).anchor().node(), r);
        }
    }

    private static void before(Region region, int r) {
        Statement statement = region.anchor().node();
        Statement core = statement;
        while (core instanceof LabeledStmt l) {
            core = l.getStatement();
        }
        switch (region.placement()) {
            case AFTER_FOR_INIT -> {
                // The loop's definitions must start from the values after the initialization.
                ForStmt f = (ForStmt) core;
                BlockStmt block = new BlockStmt();
                List<Expression> init = new ArrayList<>(f.getInitialization());
                f.getInitialization().clear();
                statement.replace(block);
                init.forEach(e -> block.addStatement(new ExpressionStmt(e)));
                block.addStatement(Rewrites.copyStatement(r));
                block.addStatement(statement);
            }
            case AFTER_SELECTOR -> {
                SwitchStmt sw = (SwitchStmt) core;
                String name = "$lsSelector" + r;
                BlockStmt block = new BlockStmt();
                Expression selector = sw.getSelector();
                sw.setSelector(new NameExpr(name));
                statement.replace(block);
                block.addStatement(new ExpressionStmt(new VariableDeclarationExpr(
                        new VariableDeclarator(new VarType(), name, selector))));
                block.addStatement(Rewrites.copyStatement(r));
                block.addStatement(statement);
            }
            default -> Rewrites.insertBefore(statement, Rewrites.copyStatement(r));
        }
    }

    private static void atBranchStarts(IfStmt i, int region) {
        Statement then = i.getThenStmt();
        if (then instanceof BlockStmt b) {
            b.getStatements().addFirst(Rewrites.copyStatement(region));
        } else {
            BlockStmt block = new BlockStmt();
            i.setThenStmt(block);
            block.addStatement(Rewrites.copyStatement(region));
            block.addStatement(then);
        }
        Statement otherwise = i.getElseStmt().orElse(null);
        if (otherwise instanceof BlockStmt b) {
            b.getStatements().addFirst(Rewrites.copyStatement(region));
        } else {
            BlockStmt block = new BlockStmt();
            i.setElseStmt(block);
            block.addStatement(Rewrites.copyStatement(region));
            if (otherwise != null) {
                block.addStatement(otherwise);
            }
        }
    }
}
