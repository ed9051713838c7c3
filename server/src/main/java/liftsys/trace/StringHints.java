package liftsys.trace;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Strings a method's String inputs are drawn from, beyond its literals: when the method turns
 * Strings into numbers ({@code Integer.parseInt(s)}, {@code Double.valueOf(s)},
 * {@code new BigDecimal(s)}, {@code new Fraction(s)}, {@code NumberUtils.toInt(s)}, ...), Strings
 * that parse as numbers: its own numeric literals written out, a few fixed integers, decimals in
 * the usual notations when it reads decimals, and fractions when it splits on {@code '/'}.
 * Otherwise a method that parses would only ever see "abc" and throw on every run. Stateless.
 */
final class StringHints {
    /** Calls and constructors that parse a String as a number (by name; the receiver is not resolved). */
    private static final Set<String> PARSING_CALLS = Set.of("parseInt", "parseLong", "parseDouble", "parseFloat",
            "parseShort", "parseByte", "valueOf", "decode", "createNumber", "createInteger", "createLong",
            "createDouble", "createFloat", "createBigDecimal", "createBigInteger", "toInt", "toLong", "toDouble",
            "toFloat", "toShort", "toByte", "isNumber", "isCreatable", "isParsable", "isDigits", "getFraction",
            "parse", "parseNumber");
    private static final Set<String> PARSING_TYPES = Set.of("BigDecimal", "BigInteger", "Fraction", "BigFraction",
            "Integer", "Long", "Double", "Float", "Short", "Byte", "Dfp");
    /** Calls that read a fraction or a decimal, not only an integer. */
    private static final Set<String> DECIMAL_CALLS = Set.of("parseDouble", "parseFloat", "createNumber", "createDouble",
            "createFloat", "createBigDecimal", "toDouble", "toFloat", "isNumber", "isCreatable", "getFraction",
            "parse", "parseNumber");
    private static final Set<String> DECIMAL_TYPES = Set.of("BigDecimal", "Fraction", "BigFraction", "Double", "Float",
            "Dfp");
    private static final List<String> INTEGERS = List.of("0", "1", "-1", "2", "42", "-7", "100", "007");
    private static final List<String> DECIMALS = List.of("3.5", "-0.25", "1e3");
    private static final List<String> FRACTIONS = List.of("3/4", "-2/3", "1 1/2");
    private static final int MAX_FROM_LITERALS = 6;

    private StringHints() {
    }

    /** The method's String literals, then, when it parses Strings as numbers, Strings that parse. */
    static List<String> pool(Node method, SamplingHints literals) {
        if (!parsesNumbers(method)) {
            return literals.strings();
        }
        LinkedHashSet<String> pool = new LinkedHashSet<>(literals.strings());
        int fromLiterals = 0;
        boolean decimals = parsesDecimals(method);
        for (double n : literals.numbers()) {
            if (fromLiterals++ >= MAX_FROM_LITERALS) {
                break;
            }
            if (!decimals && n != Math.rint(n)) {
                continue;
            }
            pool.add(n == Math.rint(n) && Math.abs(n) < 1e15 ? Long.toString((long) n)
                    : String.format(Locale.ROOT, "%s", n));
        }
        pool.addAll(INTEGERS);
        if (parsesDecimals(method)) {
            pool.addAll(DECIMALS);
        }
        if (literals.chars().indexOf('/') >= 0 || literals.strings().stream().anyMatch(s -> s.contains("/"))) {
            pool.addAll(FRACTIONS);
        }
        return List.copyOf(pool);
    }

    private static boolean parsesDecimals(Node method) {
        return method.findAll(MethodCallExpr.class).stream().anyMatch(c -> DECIMAL_CALLS.contains(c.getNameAsString())
                || (c.getNameAsString().equals("valueOf") && c.getScope().map(Object::toString)
                .filter(DECIMAL_TYPES::contains).isPresent()))
                || method.findAll(ObjectCreationExpr.class).stream()
                .anyMatch(o -> DECIMAL_TYPES.contains(o.getType().getNameAsString()));
    }

    /** Whether the method calls something that reads a number from a String. */
    static boolean parsesNumbers(Node method) {
        for (MethodCallExpr call : method.findAll(MethodCallExpr.class)) {
            if (PARSING_CALLS.contains(call.getNameAsString()) && call.getArguments().size() >= 1) {
                return true;
            }
        }
        for (ObjectCreationExpr created : method.findAll(ObjectCreationExpr.class)) {
            if (PARSING_TYPES.contains(created.getType().getNameAsString()) && created.getArguments().size() == 1) {
                return true;
            }
        }
        return false;
    }
}
