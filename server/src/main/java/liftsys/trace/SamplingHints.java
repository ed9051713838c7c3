package liftsys.trace;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The literals a piece of code uses: the values sampling centres on, so branches are taken both
 * ways. Numbers keep a leading minus; at most 64 numbers and 32 strings, in order of appearance.
 */
record SamplingHints(double[] numbers, List<String> strings, String chars) {
    private static final int MAX_NUMBERS = 64;
    private static final int MAX_STRINGS = 32;

    static SamplingHints of(Node node) {
        LinkedHashSet<Double> numbers = new LinkedHashSet<>();
        LinkedHashSet<String> strings = new LinkedHashSet<>();
        StringBuilder chars = new StringBuilder();
        for (LiteralStringValueExpr literal : node.findAll(LiteralStringValueExpr.class)) {
            double sign = literal.getParentNode().orElse(null) instanceof UnaryExpr u
                    && u.getOperator() == UnaryExpr.Operator.MINUS ? -1 : 1;
            try {
                if (literal instanceof IntegerLiteralExpr i) {
                    numbers.add(sign * i.asNumber().doubleValue());
                } else if (literal instanceof LongLiteralExpr l) {
                    numbers.add(sign * l.asNumber().doubleValue());
                } else if (literal instanceof DoubleLiteralExpr d) {
                    numbers.add(sign * d.asDouble());
                } else if (literal instanceof CharLiteralExpr c) {
                    if (chars.indexOf(String.valueOf(c.asChar())) < 0) {
                        chars.append(c.asChar());
                    }
                } else if (literal instanceof StringLiteralExpr s) {
                    strings.add(s.asString());
                } else if (literal instanceof TextBlockLiteralExpr tb) {
                    strings.add(tb.asString());
                }
            } catch (RuntimeException malformed) {
                // A literal JavaParser cannot evaluate is simply not a sampling hint.
            }
        }
        double[] n = numbers.stream().filter(Double::isFinite).limit(MAX_NUMBERS)
                .mapToDouble(Double::doubleValue).toArray();
        return new SamplingHints(n, strings.stream().limit(MAX_STRINGS).toList(), chars.toString());
    }
}
