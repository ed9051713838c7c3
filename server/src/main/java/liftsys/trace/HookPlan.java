package liftsys.trace;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liftsys.ir.Definition;
import liftsys.ir.NodeKind;
import liftsys.ir.Variable;
import liftsys.ir.lower.Site;
import liftsys.ir.lower.SiteVisitor;

/**
 * Where interventions go in the code: an intervention hook ({@code $ls.x}) changes a definition's
 * value as it is made. A definition can be hooked at its one site when that site is a plain
 * declaration with an initializer or a plain assignment or increment statement of a local or
 * parameter of a primitive number, char, boolean or String type; a parameter's value on entry is changed by the
 * worker instead. Each kind of site says whether it can take a hook ({@link HookableType}).
 */
final class HookPlan {
    private static final Set<String> HOOK_TYPES = Set.of("byte", "short", "int", "long", "float", "double",
            "boolean", "char", "String");

    private final Set<Integer> slots = new HashSet<>();
    private final Map<String, String> types = new LinkedHashMap<>();

    private HookPlan() {
    }

    /**
     * The hooks for the definitions {@code hooked}, by id.
     *
     * @throws TraceException UNSUPPORTED, saying why, when one of them cannot be hooked
     */
    static HookPlan of(Set<String> hooked, Slots slots, TypeKinds kinds, String methodName) throws TraceException {
        HookPlan plan = new HookPlan();
        for (String id : hooked) {
            Definition d = slots.graph().definition(id);
            if (d == null) {
                throw unsupported("no definition " + id + " in " + methodName);
            }
            Variable v = slots.graph().variableOf(d);
            String name = v.name();
            if (d.loopSummary()) {
                throw unsupported("`" + name + "` there stands for its value after a loop, which the code never "
                        + "sets in one place");
            }
            if (v.kind() == NodeKind.RETURN) {
                throw unsupported("the return value is not a variable the code sets in one place");
            }
            if (v.kind() != NodeKind.LOCAL && v.kind() != NodeKind.PARAMETER) {
                throw unsupported("`" + name + "` is a " + v.kind().wireName()
                        + "; only parameters and locals are changed in the code");
            }
            int slot = slots.slot(d);
            List<Site> at = slots.sites().stream().filter(s -> slots.slot(s) == slot).toList();
            if (at.size() != 1) {
                throw unsupported("`" + name + "` is defined in " + at.size() + " places there");
            }
            String type = at.get(0).accept(new HookableType(name, kinds.declaredType(v)));
            if (!HOOK_TYPES.contains(type)) {
                throw unsupported("`" + name + "` has type " + (type.isEmpty() ? "var" : type)
                        + "; only primitive numbers, chars, booleans and Strings are changed in the code");
            }
            plan.slots.add(slot);
            plan.types.put(id, type);
        }
        return plan;
    }

    boolean hooks(int slot) {
        return slots.contains(slot);
    }

    /** The hooked definitions with their declared (primitive) types. */
    Map<String, String> types() {
        return types;
    }

    private static TraceException unsupported(String message) {
        return new TraceException(TraceException.Reason.UNSUPPORTED, message);
    }

    /** The declared type a hook at the site would change, or why the site cannot take one. */
    private record HookableType(String name, String variableType) implements SiteVisitor<String, TraceException> {
        @Override
        public String visit(Site.Declarator site) throws TraceException {
            Node context = site.node().getParentNode().flatMap(Node::getParentNode).orElse(null);
            if (site.node().getInitializer().isEmpty()
                    || !(context instanceof ExpressionStmt || context instanceof ForStmt)) {
                throw notPlain();
            }
            return site.node().getType().asString();
        }

        @Override
        public String visit(Site.Write site) throws TraceException {
            Node parent = site.defining().getParentNode().orElse(null);
            if (!site.direct() || !(site.base() instanceof NameExpr)
                    || !(parent instanceof ExpressionStmt es) || Rewrites.isSwitchExpressionValue(es)) {
                throw notPlain();
            }
            return variableType;
        }

        @Override
        public String visit(Site.Entry site) throws TraceException {
            throw notPlain();
        }

        @Override
        public String visit(Site.CatchParameter site) throws TraceException {
            throw notPlain();
        }

        @Override
        public String visit(Site.PatternVariable site) throws TraceException {
            throw notPlain();
        }

        @Override
        public String visit(Site.ReturnValue site) throws TraceException {
            throw notPlain();
        }

        private TraceException notPlain() {
            return unsupported("`" + name + "` is not defined there by a plain declaration or assignment statement");
        }
    }
}
