package liftsys.trace;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.type.Type;
import java.util.List;

/**
 * The syntax the traced copy is rewritten with: calls of the recorder ({@code $ls}, see
 * {@link RecorderSource}) and the edits that put statements before or after others.
 */
final class Rewrites {
    static final String REC = "$ls";

    private Rewrites() {
    }

    /** {@code $ls.name(slot, variable, values...)}: records values into a slot. */
    static MethodCallExpr record(String name, int slot, int variable, Expression... values) {
        NodeList<Expression> args = NodeList.nodeList(intLiteral(slot), intLiteral(variable));
        for (Expression v : values) {
            args.add(v);
        }
        return new MethodCallExpr(new NameExpr(REC), name, args);
    }

    static ExpressionStmt recordStatement(int slot, int variable, Expression value) {
        return new ExpressionStmt(record("a", slot, variable, value));
    }

    /** {@code $ls.x(slot, value)}: the value with the intervention on that slot applied. */
    static MethodCallExpr hook(int slot, Expression value) {
        return new MethodCallExpr(new NameExpr(REC), "x", NodeList.nodeList(intLiteral(slot), value));
    }

    /** {@code $ls.e(region)}: copies the variables' current values into the region's slots. */
    static ExpressionStmt copyStatement(int region) {
        return new ExpressionStmt(new MethodCallExpr(new NameExpr(REC), "e", NodeList.nodeList(intLiteral(region))));
    }

    static IntegerLiteralExpr intLiteral(int value) {
        return new IntegerLiteralExpr(Integer.toString(value));
    }

    /** The value cast back to a primitive declared type, which a recorder call would have widened. */
    static Expression castIfPrimitive(Type type, Expression value) {
        if (type.isPrimitiveType()) {
            return new CastExpr(type.clone(), new EnclosedExpr(value));
        }
        return value;
    }

    static boolean isSwitchExpressionValue(ExpressionStmt es) {
        return es.getParentNode().orElse(null) instanceof SwitchEntry e && e.getType() == SwitchEntry.Type.EXPRESSION
                && e.getParentNode().orElse(null) instanceof SwitchExpr;
    }

    /** The body of an enhanced for as a block, made one if it is a single statement. */
    static BlockStmt blockBody(ForEachStmt fe) {
        if (fe.getBody() instanceof BlockStmt b) {
            return b;
        }
        BlockStmt block = new BlockStmt();
        Statement body = fe.getBody();
        fe.setBody(block);
        block.addStatement(body);
        return block;
    }

    /** Puts statements right after {@code s}, wrapping it in a block where it sits alone. */
    static void insertAfter(Statement s, List<Statement> records) {
        Node parent = s.getParentNode().orElseThrow();
        NodeList<Statement> list = statementList(parent);
        if (list != null && !(parent instanceof SwitchEntry e && e.getType() == SwitchEntry.Type.EXPRESSION)) {
            list.addAll(indexOfIdentity(list, s) + 1, records);
            return;
        }
        BlockStmt block = new BlockStmt();
        if (parent instanceof SwitchEntry e) {
            e.setType(SwitchEntry.Type.BLOCK);
            e.setStatements(NodeList.nodeList(block));
        } else {
            s.replace(block);
        }
        block.addStatement(s);
        records.forEach(block::addStatement);
    }

    static void insertBefore(Statement s, Statement record) {
        NodeList<Statement> list = statementList(s.getParentNode().orElseThrow());
        list.add(indexOfIdentity(list, s), record);
    }

    private static NodeList<Statement> statementList(Node parent) {
        if (parent instanceof BlockStmt b) {
            return b.getStatements();
        }
        if (parent instanceof SwitchEntry e) {
            return e.getStatements();
        }
        return null;
    }

    static <T extends Node> int indexOfIdentity(NodeList<T> list, Node node) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == node) {
                return i;
            }
        }
        throw new IllegalStateException("node not in its parent's list: " + node);
    }
}
