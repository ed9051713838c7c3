package liftsys.trace;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liftsys.ir.Definition;
import liftsys.ir.NodeKind;
import liftsys.ir.Variable;
import liftsys.ir.lower.Site;
import liftsys.wire.Wire;

/**
 * What the traced copy records on entry: each parameter, and each field it reads or writes (its
 * value on entry, or into a scratch slot when the method only writes it, so its kind is still
 * seen); and the inputs the worker samples: the parameters, and the fields read before written.
 */
final class EntryRecords {
    private final List<Statement> statements = new ArrayList<>();
    private final List<Wire.InputSpec> inputs = new ArrayList<>();
    private final Map<String, String> inputTypes = new LinkedHashMap<>();

    private EntryRecords() {
    }

    static EntryRecords of(Slots slots, FieldLookup fields) {
        EntryRecords out = new EntryRecords();
        CallableDeclaration<?> method = slots.analysis().lowering().declaration();
        NodeList<Parameter> parameters = method.getParameters();
        for (Site.Entry site : slots.analysis().lowering().parameters()) {
            Parameter p = site.node();
            int slot = slots.slot(site);
            out.statements.add(Rewrites.recordStatement(slot, slots.variable(site), new NameExpr(p.getNameAsString())));
            String column = slots.graph().definitions().get(slot).id();
            int index = Rewrites.indexOfIdentity(parameters, p);
            out.inputs.add(new Wire.InputSpec(column, p.getNameAsString(), false, index, new double[0]));
            out.inputTypes.put(column, p.getType().asString() + (p.isVarArgs() ? "..." : ""));
        }
        int scratch = slots.count();
        for (Variable v : slots.graph().variables()) {
            if (v.kind() != NodeKind.FIELD) {
                continue;
            }
            Optional<FieldLookup.Declared> declared = fields.find(v.name());
            if (declared.isEmpty() && onlyQualifierUses(method, v)) {
                continue;
            }
            Optional<Definition> entry = slots.analysis().entryOf(v);
            out.statements.add(new ExpressionStmt(Rewrites.record("a", entry.map(slots::slot).orElse(scratch),
                    slots.variable(v), fieldRead(method, v.name(), declared))));
            if (entry.isPresent()) {
                double[] own = declared.map(FieldLookup.Declared::numbers).orElse(new double[0]);
                String column = entry.get().id();
                out.inputs.add(new Wire.InputSpec(column, v.name(), true, -1, own));
                out.inputTypes.put(column, declared.map(FieldLookup.Declared::type).orElse("?"));
            }
        }
        return out;
    }

    List<Statement> statements() {
        return statements;
    }

    List<Wire.InputSpec> inputs() {
        return inputs;
    }

    Map<String, String> inputTypes() {
        return inputTypes;
    }

    /**
     * True when every use of a name the graph took for a field qualifies something: no variable
     * the document declares (an inherited field, or a package the lowering took for one), so it
     * is not read.
     */
    private static boolean onlyQualifierUses(CallableDeclaration<?> method, Variable v) {
        boolean any = false;
        for (NameExpr n : method.findAll(NameExpr.class, n -> n.getNameAsString().equals(v.name()))) {
            any = true;
            if (!(n.getParentNode().orElse(null) instanceof FieldAccessExpr fa && fa.getScope() == n)) {
                return false;
            }
        }
        return any;
    }

    /** The field's value at the method's start: its bare name, unless a parameter hides it. */
    private static Expression fieldRead(CallableDeclaration<?> method, String name,
                                        Optional<FieldLookup.Declared> declared) {
        boolean hidden = method.getParameters().stream().anyMatch(p -> p.getNameAsString().equals(name));
        if (!hidden || declared.isEmpty()) {
            return new NameExpr(name);
        }
        FieldLookup.Declared field = declared.get();
        if (field.isStatic()) {
            return new FieldAccessExpr(new NameExpr(field.ownerPath()), name);
        }
        return new FieldAccessExpr(field.own() ? new ThisExpr() : new ThisExpr(new Name(field.ownerPath())), name);
    }
}
