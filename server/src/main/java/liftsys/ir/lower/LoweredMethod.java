package liftsys.ir.lower;

import com.github.javaparser.ast.body.CallableDeclaration;
import java.util.List;

/**
 * One method or constructor, lowered once: the syntax tree it was lowered from (whose nodes the
 * sites hold), its parameters' entry sites, its body, every site where a variable may get a
 * value (in source order; the dependence analysis says which of them define something) and its
 * return statements with a value. Ranges are relative to the method's start.
 */
public record LoweredMethod(CallableDeclaration<?> declaration, List<Site.Entry> parameters, Stmt.Block body,
                            List<Site> sites, List<Site.ReturnValue> returns) {
    public String name() {
        return declaration.getNameAsString();
    }
}
