package liftsys.ir;

import com.github.javaparser.ast.expr.Expression;
import java.util.Optional;
import liftsys.text.OffsetRange;

/**
 * A field declared in a type of the document: its name, the range of that name, its declared
 * type and its initializer's text (empty when there is none).
 */
public record FieldInfo(String ownerType, String name, OffsetRange nameRange, String type, boolean isStatic,
                        String initializer) {

    /**
     * The initializer as an expression (an array initializer, {@code {1, 2}}, included), parsed
     * from its text: the document keeps no syntax tree. Empty when there is none.
     */
    public Optional<Expression> initializerExpression() {
        if (initializer.isEmpty()) {
            return Optional.empty();
        }
        return DocumentParser.newParser().parseVariableDeclarationExpr("Object $ = " + initializer).getResult()
                .flatMap(d -> d.getVariable(0).getInitializer());
    }
}
