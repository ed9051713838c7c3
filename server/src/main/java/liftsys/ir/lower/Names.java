package liftsys.ir.lower;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves names while the lowering walks the method: a stack of scopes of parameters and
 * locals, and the rules for a name no scope declares. Scopes open where the analysis has always
 * opened them: a block, a loop (its header's variables), a {@code try} (its resources), a catch
 * clause, a switch arm; a pattern variable goes into the innermost open scope.
 */
final class Names {
    private final Deque<Map<String, Local>> scopes = new ArrayDeque<>();

    void open() {
        scopes.push(new HashMap<>());
    }

    void close() {
        scopes.pop();
    }

    void declare(Local local) {
        scopes.peek().put(local.name(), local);
    }

    /** The parameter or local the name stands for here, or null. */
    Local local(String name) {
        for (Map<String, Local> scope : scopes) {
            Local l = scope.get(name);
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    /**
     * What a name stands for: a parameter or local in scope, else a field; null when it names a
     * type (an upper-case name qualifying a call or member, {@code Math.max}) or a package
     * ({@code java} in {@code java.util.List.of}).
     */
    VarRef resolve(NameExpr n) {
        String name = n.getNameAsString();
        Local local = local(name);
        if (local != null) {
            return local;
        }
        Node parent = n.getParentNode().orElse(null);
        boolean isScope = (parent instanceof MethodCallExpr m && m.getScope().orElse(null) == n)
                || (parent instanceof FieldAccessExpr f && f.getScope() == n);
        if (isScope && Character.isUpperCase(name.charAt(0))) {
            return null;
        }
        if (qualifiesPackage(n)) {
            return null;
        }
        return new FieldRef(name);
    }

    /**
     * Whether the name starts a package-qualified name: followed by one or more lower-case
     * segments and then an upper-case one ({@code java.util.List}, {@code org.acme.Util.f()}).
     * Package names are lower case and type names upper case by convention; a field whose member
     * is a constant ({@code helper.MAX}) has no lower-case segment between them and stays a field.
     */
    static boolean qualifiesPackage(NameExpr n) {
        boolean lowerSegment = false;
        Node current = n;
        while (current.getParentNode().orElse(null) instanceof FieldAccessExpr fa && fa.getScope() == current) {
            if (Character.isUpperCase(fa.getNameAsString().charAt(0))) {
                return lowerSegment;
            }
            lowerSegment = true;
            current = fa;
        }
        return false;
    }
}
