package liftsys.trace;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Strings a method's String inputs are drawn from, beyond its literals: when the method turns
 * Strings into numbers ({@code Integer.parseInt(s)}, {@code Double.valueOf(s)},
 * {@code new BigDecimal(s)}, {@code new Fraction(s)}, {@code NumberUtils.toInt(s)}, ...), Strings
 * that parse as numbers: its own numeric literals written out, a few fixed integers, decimals in
 * the usual notations when it reads decimals, and fractions when it splits on {@code '/'}.
 * Otherwise a method that parses would only ever see "abc" and throw on every run. Likewise, when
 * it hands a String to a JDK lookup by name (a charset: {@code getBytes(name)},
 * {@code Charset.forName}, {@code new String(bytes, name)}; an algorithm:
 * {@code MessageDigest.getInstance}; a locale, a time zone), names that lookup knows. Stateless.
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

    /** Names the JDK knows, by the kind of lookup. */
    private static final List<String> CHARSETS = List.of("UTF-8", "US-ASCII", "ISO-8859-1", "UTF-16");
    private static final List<String> ALGORITHMS = List.of("MD5", "SHA-1", "SHA-256", "SHA-512");
    private static final List<String> LOCALES = List.of("en", "en_US", "fr_FR", "de");
    private static final List<String> ZONES = List.of("UTC", "Europe/Paris", "America/New_York");
    /** Calls that look a charset up by name, by method name (the receiver is not resolved). */
    private static final Set<String> CHARSET_CALLS = Set.of("getBytes", "forName", "isSupported", "toCharset",
            "newEncoder", "getBytesUnchecked", "newString");
    /** Constructors that take a charset name beside their data. */
    private static final Set<String> CHARSET_TYPES = Set.of("String", "InputStreamReader", "OutputStreamWriter",
            "PrintStream", "PrintWriter", "Scanner");
    /** Types whose {@code getInstance(name)} looks an algorithm up. */
    private static final Set<String> ALGORITHM_TYPES = Set.of("MessageDigest", "Mac", "Signature", "KeyGenerator",
            "KeyFactory", "Cipher", "SecureRandom", "KeyPairGenerator");
    private static final Map<String, List<String>> LOCALE_AND_ZONE_CALLS = Map.of("forLanguageTag", LOCALES,
            "toLocale", LOCALES, "getTimeZone", ZONES);

    private StringHints() {
    }

    /** The method's String literals, then, when it parses Strings as numbers, Strings that parse. */
    static List<String> pool(Node method, SamplingHints literals) {
        List<String> names = namesLookedUp(method);
        if (!parsesNumbers(method)) {
            if (names.isEmpty()) {
                return literals.strings();
            }
            LinkedHashSet<String> pool = new LinkedHashSet<>(literals.strings());
            pool.addAll(names);
            return List.copyOf(pool);
        }
        LinkedHashSet<String> pool = new LinkedHashSet<>(literals.strings());
        pool.addAll(names);
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

    /** The names of the JDK lookups the method makes with a String it is given (none when it makes none). */
    static List<String> namesLookedUp(Node method) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (MethodCallExpr call : method.findAll(MethodCallExpr.class)) {
            String name = call.getNameAsString();
            String scope = call.getScope().map(Object::toString).orElse("");
            scope = scope.substring(scope.lastIndexOf('.') + 1); // java.security.MessageDigest as MessageDigest
            if (call.getArguments().isEmpty()) {
                continue;
            }
            if (CHARSET_CALLS.contains(name)) {
                names.addAll(CHARSETS);
            } else if (name.equals("getInstance") && ALGORITHM_TYPES.contains(scope)) {
                names.addAll(ALGORITHMS);
            } else if (name.equals("of") && scope.equals("ZoneId")) {
                names.addAll(ZONES);
            } else if (LOCALE_AND_ZONE_CALLS.containsKey(name)) {
                names.addAll(LOCALE_AND_ZONE_CALLS.get(name));
            }
        }
        for (ObjectCreationExpr created : method.findAll(ObjectCreationExpr.class)) {
            if (CHARSET_TYPES.contains(created.getType().getNameAsString()) && created.getArguments().size() >= 2) {
                names.addAll(CHARSETS);
            }
        }
        return List.copyOf(names);
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
