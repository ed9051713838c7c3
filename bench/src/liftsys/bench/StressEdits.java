package liftsys.bench;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Makes the stress run's random edits, one change at a time, from a document's current text.
 * Most edits fall inside method bodies and keep the syntax; episodes break it on purpose and
 * repair it a few edits later (an unbalanced brace, an unterminated string or comment, a
 * statement typed character by character, random garbage that is then undone). A document left
 * unparsable after an episode is brought back to its last parsable text by one replacement, so
 * that the method-local reparse keeps getting exercised. Deterministic for a given seed.
 */
final class StressEdits {
    /** Replace {@code start..end} of the current text with {@code text}. */
    record Change(int start, int end, String text) {
    }

    /** A run of edits to one document; {@code next} is null when it is over. */
    interface Episode {
        Change next(StressText t);
    }

    /** One open document as the client keeps it. */
    static final class DocState {
        final String uri;
        final StressText text;
        final int initialLength;
        int version = 1;
        Episode episode;
        String episodeKind;
        String lastGood;
        int sinceCheck;
        int reverts;

        DocState(String uri, String text) {
            this.uri = uri;
            this.text = new StressText(text);
            this.initialLength = text.length();
            this.lastGood = text;
        }
    }

    static final String[] NAMES = {"price", "count", "bonus", "base", "scaled", "steps", "acc", "level", "adjust",
        "rate", "total", "limit", "bönus", "𝑎𝑐𝑐", "𝑥", "tag", "prïce", "𝑘", "label"};
    private static final String[] RENAMES = {"price", "count", "bonus", "base", "scaled", "acc", "level", "x",
        "é", "𝑦𝑦", "naïve", "bönus", "𝑥", "q_1"};
    private static final String[] VARS = {"price", "count", "bonus", "base", "scaled", "steps", "acc", "level",
        "adjust", "rate", "total", "limit", "𝑥", "bönus"};
    private static final String[] STATEMENTS = {
        "double t{n} = {v} * {k};",
        "{v} = {v} + {k};",
        "acc += {v} / {k};",
        "if ({v} > {k}) { bonus = bonus + 1; }",
        "if ({v} < {k}) {v} = {k}; else {v} = {v} - 1;",
        "for (int k{n} = 0; k{n} < count; k{n}++) acc += k{n};",
        "while (acc > {k}00) { acc = acc / 2; }",
        "String s{n} = \"é😀 naïve\" + {v};",
        "double 𝑥{n} = {v} + price;",
        "int q{n} = steps /* 😀 */ + 1;",
        "{ double inner = acc; acc = inner + {v}; }",
        "try { acc = acc / count; } catch (ArithmeticException e) { acc = 0; }",
        "Runnable r{n} = () -> total++;",
        "double w{n} = switch (steps) { case 1 -> 2.0; default -> {v}; };",
        "do { level++; } while (level < {k});",
        "double é{n} = Math.min({v}, rate);",
        "var z{n} = new double[] { {v}, 1.0 };",
        "java.util.function.DoubleUnaryOperator f{n} = d -> d * {v};",
        "bonus = {v} > {k} ? bonus : {v};",
        "total += (long) ({v} * {k});",
    };
    private static final String[] DECOR = {"note", "é", "😀", "𝄞 κ", "日本", "✓", "x\uD83C\uDF89y"};
    private static final String[] GARBAGE = {"x", "1", " ", "\n", "\r\n", "\r", "😀", "é", "{", "}", "(", ")",
        ";", "\"", "'", "/*", "*/", "//", "int t = price * 2;\n", "if (price > 3) { acc = 1; }\n", "\"str\\\"ing\"",
        "/* c 😀 */", "// line\n", "return 0;", "double q = base + 𝑥;", "\n    ", "} void g() {", "class Z {",
        "\"\"\"\n", "@Override ", "<T>", "->", "::", "case 1 ->", "𝑦", "\r\n        acc = 2;\r\n"};
    private static final String[] TYPED_IDENTIFIER = {"x", "2", "é", "𝑦", "_"};
    private static final String[] TYPED_TEXT = {"a", "b", " ", "😀", "é", "日", "𝄞", "z"};

    private final Random random;
    private final JavaParser parser;
    private int counter;
    /** How many changes of each kind were made. */
    final Map<String, Integer> kinds = new TreeMap<>();

    StressEdits(Random random) {
        this.random = random;
        ParserConfiguration config = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        config.getProcessors().clear();
        this.parser = new JavaParser(config);
    }

    /** Whether the text parses as Java; only steers the generator, it checks nothing. */
    boolean parses(String text) {
        return parser.parse(text).isSuccessful();
    }

    /** The next change to a document (never null). */
    Change next(DocState d) {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (d.episode != null) {
                Change c = d.episode.next(d.text);
                if (c != null) {
                    kinds.merge(d.episodeKind, 1, Integer::sum);
                    return c;
                }
                d.episode = null;
                continue;
            }
            Change c = fresh(d);
            if (c != null) {
                kinds.merge(kind, 1, Integer::sum);
                return c;
            }
        }
        kinds.merge("fallback space", 1, Integer::sum);
        return new Change(0, 0, " ");
    }

    /** After a notification: checks now and then that the document parses, and reverts it if not. */
    void settle(DocState d) {
        if (d.episode != null || ++d.sinceCheck < 6) {
            return;
        }
        d.sinceCheck = 0;
        if (parses(d.text.text())) {
            d.lastGood = d.text.text();
        } else {
            d.episode = new Revert(d.lastGood);
            d.episodeKind = "revert to the last parsable text";
            d.reverts++;
        }
    }

    private String kind;

    private Change fresh(DocState d) {
        StressText t = d.text;
        boolean big = t.length() > d.initialLength * 1.4;
        boolean small = t.length() < d.initialLength * 0.7;
        double r = random.nextDouble();
        if (r < 0.62) {
            kind = "in a body, syntax kept";
            for (int attempt = 0; attempt < 10; attempt++) {
                Change c = safeBody(t, big, small);
                if (c != null) {
                    return c;
                }
            }
            return null;
        } else if (r < 0.70) {
            kind = "anywhere, syntax kept";
            for (int attempt = 0; attempt < 10; attempt++) {
                Change c = safeAnywhere(t, big, small);
                if (c != null) {
                    return c;
                }
            }
            return null;
        } else if (r < 0.78) {
            kind = "surrogate pairs";
            for (int attempt = 0; attempt < 10; attempt++) {
                Change c = surrogate(t);
                if (c != null) {
                    return c;
                }
            }
            return null;
        } else if (r < 0.83) {
            d.episode = breakAndRepair(t);
            d.episodeKind = "break, then repair";
        } else if (r < 0.87) {
            d.episode = new Garbage(1 + random.nextInt(4));
            d.episodeKind = "random text, then undo";
        } else if (r < 0.89) {
            d.episode = typeStatement(t);
            d.episodeKind = "statement typed char by char";
        } else if (r < 0.905) {
            d.episode = backspace(t);
            d.episodeKind = "statement backspaced";
        } else {
            d.episode = typeInPlace(t);
            d.episodeKind = "typing in a word, string or comment";
        }
        return null;
    }

    // ---- helpers over lines and words

    private <T> T pick(T[] a) {
        return a[random.nextInt(a.length)];
    }

    private <T> T pick(List<T> a) {
        return a.get(random.nextInt(a.size()));
    }

    /** Lines inside method bodies, by their indentation, whose first character is code. */
    static List<Integer> bodyLines(StressText t) {
        List<Integer> out = new ArrayList<>();
        for (int line = 0; line < t.lineCount(); line++) {
            int indent = t.indent(line);
            int first = t.lineStart(line) + indent;
            if (indent >= 8 && first < t.contentEnd(line) && t.isCode(first)) {
                out.add(line);
            }
        }
        return out;
    }

    /** A body line holding one simple statement: ends with ';' in code, no braces, not case/default/return. */
    static boolean statementLine(StressText t, int line) {
        if (line < 0 || line + 1 >= t.lineCount()) {
            return false;
        }
        int indent = t.indent(line);
        int first = t.lineStart(line) + indent;
        int last = t.contentEnd(line) - 1;
        if (indent < 8 || first > last || !t.isCode(first) || t.charAt(last) != ';' || !t.isCode(last)) {
            return false;
        }
        String s = t.content(line).trim();
        return s.indexOf('{') < 0 && s.indexOf('}') < 0 && !s.startsWith("case") && !s.startsWith("default")
                && !s.startsWith("return") && s.indexOf("//") < 0 && s.indexOf("/*") < 0;
    }

    /** A body line before which a statement may go: a simple statement or the start of a compound one. */
    static boolean statementStart(StressText t, int line) {
        if (statementLine(t, line)) {
            return true;
        }
        String s = t.content(line).trim();
        int first = t.lineStart(line) + t.indent(line);
        return t.indent(line) >= 8 && first < t.contentEnd(line) && t.isCode(first)
                && (s.startsWith("if (") || s.startsWith("for (") || s.startsWith("while (") || s.startsWith("return ")
                || s.startsWith("do {") || s.startsWith("try {"));
    }

    private Integer statementStartLine(StressText t) {
        List<Integer> lines = new ArrayList<>();
        for (int line : bodyLines(t)) {
            if (statementStart(t, line)) {
                lines.add(line);
            }
        }
        return lines.isEmpty() ? null : pick(lines);
    }

    private String lineBreak(StressText t, int line) {
        String b = t.breakAfter(line);
        return b.isEmpty() ? "\n" : b;
    }

    private String indentOf(StressText t, int line) {
        return t.text().substring(t.lineStart(line), t.lineStart(line) + t.indent(line));
    }

    private String statement() {
        int n = ++counter;
        String v = pick(VARS);
        return pick(STATEMENTS).replace("{n}", Integer.toString(n)).replace("{v}", v)
                .replace("{k}", Integer.toString(1 + random.nextInt(9)));
    }

    private static boolean isName(String word) {
        for (String n : NAMES) {
            if (n.equals(word)) {
                return true;
            }
        }
        return false;
    }

    /** Code word starts between the offsets whose word is one of {@link #NAMES}. */
    static List<Integer> names(StressText t, int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int w : t.codeWordStarts(from, to)) {
            if (isName(t.text().substring(w, t.wordEnd(w)))) {
                out.add(w);
            }
        }
        return out;
    }

    // ---- edits that keep the syntax

    private Change safeBody(StressText t, boolean big, boolean small) {
        List<Integer> body = bodyLines(t);
        if (body.isEmpty()) {
            return null;
        }
        int line = pick(body);
        int start = t.lineStart(line);
        int first = start + t.indent(line);
        int end = t.contentEnd(line);
        int kind = random.nextInt(11);
        if (big && random.nextBoolean()) {
            kind = 1;
        } else if (small && kind == 1) {
            kind = 0;
        }
        switch (kind) {
            case 0 -> {
                return statementStart(t, line)
                        ? new Change(start, start, indentOf(t, line) + statement() + lineBreak(t, line)) : null;
            }
            case 1 -> {
                return statementLine(t, line) ? new Change(start, t.lineStart(line + 1), "") : null;
            }
            case 2 -> {
                int last = line;
                while (last - line < 2 && statementLine(t, last + 1) && random.nextBoolean()) {
                    last++;
                }
                if (!statementLine(t, line)) {
                    return null;
                }
                String with = statement();
                if (random.nextBoolean()) {
                    with += lineBreak(t, line) + indentOf(t, line) + statement();
                }
                return new Change(first, t.contentEnd(last), with);
            }
            case 3 -> {
                List<Integer> words = names(t, first, end);
                if (words.isEmpty()) {
                    return null;
                }
                int w = pick(words);
                return new Change(w, t.wordEnd(w), pick(RENAMES));
            }
            case 4 -> {
                List<Integer> numbers = new ArrayList<>();
                for (int i = first; i < end; i++) {
                    if (t.isCode(i) && Character.isDigit(t.charAt(i))
                            && !Character.isJavaIdentifierPart(t.text().codePointBefore(i))) {
                        numbers.add(i);
                    }
                }
                if (numbers.isEmpty()) {
                    return null;
                }
                int n = pick(numbers);
                int e = n;
                while (e < end && (Character.isDigit(t.charAt(e)) || t.charAt(e) == '.')) {
                    e++;
                }
                return new Change(n, e, random.nextBoolean() ? Integer.toString(random.nextInt(1000))
                        : random.nextInt(100) + "." + random.nextInt(10));
            }
            case 5 -> {
                List<Integer> uses = new ArrayList<>();
                for (int w : names(t, first, end)) {
                    String before = t.text().substring(Math.max(0, w - 2), w);
                    if (before.equals("= ") || before.equals("* ") || before.equals("+ ") || before.equals("- ")
                            || before.equals("/ ") || before.endsWith("(")) {
                        uses.add(w);
                    }
                }
                if (uses.isEmpty()) {
                    return null;
                }
                int w = pick(uses);
                return new Change(w, t.wordEnd(w), "(" + t.text().substring(w, t.wordEnd(w)) + " + "
                        + (1 + random.nextInt(9)) + ")");
            }
            case 6 -> {
                List<Integer> words = t.codeWordStarts(first, end);
                return words.isEmpty() ? null : insert(pick(words), "/* " + pick(DECOR) + " */ ");
            }
            case 7 -> {
                return t.isCode(end - 1) ? insert(end, " // " + pick(DECOR)) : null;
            }
            case 8 -> {
                List<Integer> words = t.codeWordStarts(first + 1, end);
                return words.isEmpty() ? null : insert(pick(words), lineBreak(t, line) + indentOf(t, line) + "    ");
            }
            case 9 -> {
                if (!statementLine(t, line) || !statementLine(t, line + 1)) {
                    return null;
                }
                return new Change(end, t.lineStart(line + 1) + t.indent(line + 1), " ");
            }
            default -> {
                String[] styles = {"\n", "\r\n", "\r"};
                return line + 1 < t.lineCount() ? new Change(end, t.lineStart(line + 1), pick(styles)) : null;
            }
        }
    }

    private static Change insert(int at, String text) {
        return new Change(at, at, text);
    }

    /** Lines at member level (indent 4) that start a member: a field or a method. */
    private static List<Integer> memberLines(StressText t) {
        List<Integer> out = new ArrayList<>();
        for (int line = 0; line < t.lineCount(); line++) {
            int first = t.lineStart(line) + t.indent(line);
            if (t.indent(line) == 4 && first < t.contentEnd(line) && t.isCode(first)) {
                String s = t.content(line).trim();
                if (s.startsWith("double ") || s.startsWith("static ") || s.startsWith("private ")) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    private Change safeAnywhere(StressText t, boolean big, boolean small) {
        int kind = random.nextInt(10);
        if (big && random.nextBoolean()) {
            kind = 4;
        } else if (small && kind == 4) {
            kind = 3;
        }
        switch (kind) {
            case 0 -> {
                List<Integer> words = t.codeWordStarts(0, t.length());
                return words.isEmpty() ? null : insert(pick(words), "/* " + pick(DECOR) + " */ ");
            }
            case 1, 2 -> {
                List<Integer> words = new ArrayList<>();
                for (int w : t.codeWordStarts(0, t.length())) {
                    String word = t.text().substring(w, t.wordEnd(w));
                    if (isName(word) || word.matches("(compute|extra)\\d+")) {
                        words.add(w);
                    }
                }
                if (words.isEmpty()) {
                    return null;
                }
                int w = pick(words);
                String word = t.text().substring(w, t.wordEnd(w));
                String to = isName(word) ? pick(RENAMES) : (random.nextBoolean() ? "compute" : "extra")
                        + random.nextInt(40);
                return new Change(w, t.wordEnd(w), to);
            }
            case 3 -> {
                List<Integer> members = memberLines(t);
                if (members.isEmpty()) {
                    return null;
                }
                int line = pick(members);
                String br = lineBreak(t, line);
                int n = ++counter;
                String text = random.nextInt(3) == 0
                        ? "    private double ré" + n + " = 1.5; // 😀" + br
                        : "    double extra" + n + "(double price, int count) {" + br
                        + "        double base = price * count;" + br
                        + "        " + statement() + br
                        + "        return base + rate;" + br
                        + "    }" + br + br;
                return insert(t.lineStart(line), text);
            }
            case 4 -> {
                return deleteMethod(t);
            }
            case 9 -> {
                // At the very edges of a body: just inside its braces, or all of it.
                int[] method = methodLines(t);
                if (method == null) {
                    return null;
                }
                int open = t.contentEnd(method[0]) - 1;
                int close = t.lineStart(method[1]) + t.indent(method[1]);
                return switch (random.nextInt(4)) {
                    case 0 -> insert(open + 1, " total++;");
                    case 1 -> insert(close, "total--; ");
                    case 2 -> new Change(open + 1, close, lineBreak(t, method[0]) + "        return 0;"
                            + lineBreak(t, method[0]) + "    ");
                    default -> new Change(open + 1, close, "");
                };
            }
            case 8 -> {
                // The same method text twice: the server's graphs are shared by text, ranges by place.
                int[] method = methodLines(t);
                List<Integer> members = memberLines(t);
                if (method == null || members.isEmpty()) {
                    return null;
                }
                return insert(t.lineStart(pick(members)),
                        t.text().substring(t.lineStart(method[0]), t.lineStart(method[1] + 1)));
            }
            case 5 -> {
                List<Integer> members = memberLines(t);
                if (members.isEmpty()) {
                    return null;
                }
                int line = pick(members);
                int first = t.lineStart(line) + 4;
                if (t.text().startsWith("static ", first)) {
                    return new Change(first, first + 7, "");
                }
                return t.text().startsWith("double ", first) ? insert(first, "static ") : null;
            }
            case 6 -> {
                List<Integer> members = memberLines(t);
                return members.isEmpty() ? null : insert(t.lineStart(pick(members)), lineBreak(t, 0));
            }
            default -> {
                List<Integer> empty = new ArrayList<>();
                for (int line = 1; line + 1 < t.lineCount(); line++) {
                    if (t.lineStart(line) == t.contentEnd(line) && t.isCode(Math.max(0, t.lineStart(line) - 1))) {
                        empty.add(line);
                    }
                }
                if (empty.isEmpty()) {
                    return null;
                }
                int line = pick(empty);
                return new Change(t.lineStart(line), t.lineStart(line + 1), "");
            }
        }
    }

    private Change deleteMethod(StressText t) {
        if (signatureLines(t).size() < 3) {
            return null;
        }
        int[] method = methodLines(t);
        return method == null ? null : new Change(t.lineStart(method[0]), t.lineStart(method[1] + 1), "");
    }

    /** Member-level lines that open a method or constructor body. */
    private static List<Integer> signatureLines(StressText t) {
        List<Integer> signatures = new ArrayList<>();
        for (int line : memberLines(t)) {
            String s = t.content(line);
            if (s.contains("(") && s.endsWith("{")) {
                signatures.add(line);
            }
        }
        return signatures;
    }

    /** A random method's first and last lines (its signature and its closing brace alone), or null. */
    private int[] methodLines(StressText t) {
        List<Integer> signatures = signatureLines(t);
        if (signatures.isEmpty()) {
            return null;
        }
        int line = pick(signatures);
        int open = t.contentEnd(line) - 1;
        if (!t.isCode(open)) {
            return null;
        }
        int depth = 0;
        for (int i = open; i < t.length(); i++) {
            if (!t.isCode(i)) {
                continue;
            }
            char c = t.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                int closeLine = t.lineOf(i);
                if (!t.content(closeLine).trim().equals("}") || closeLine + 1 >= t.lineCount()) {
                    return null;
                }
                return new int[] {line, closeLine};
            }
        }
        return null;
    }

    private Change surrogate(StressText t) {
        int kind = random.nextInt(5);
        byte[] kinds = t.kinds();
        if (kind <= 1) {
            List<Integer> inside = interiors(t);
            if (inside.isEmpty()) {
                return null;
            }
            String[] emoji = {"😀", "𝄞", "🎉", "日本😀", "é😀é", "\uD835\uDC65"};
            return insert(pick(inside), pick(emoji));
        } else if (kind == 2) {
            List<Integer> pairs = new ArrayList<>();
            for (int i = 0; i + 1 < t.length(); i++) {
                if (kinds[i] != StressText.CODE && kinds[i + 1] != StressText.CODE
                        && Character.isHighSurrogate(t.charAt(i)) && Character.isLowSurrogate(t.charAt(i + 1))) {
                    pairs.add(i);
                }
            }
            if (pairs.isEmpty()) {
                return null;
            }
            int i = pick(pairs);
            return new Change(i, i + 2, random.nextBoolean() ? "" : "🎉");
        } else if (kind == 3) {
            Integer line = statementStartLine(t);
            if (line == null) {
                return null;
            }
            return insert(t.lineStart(line), indentOf(t, line) + "double 𝑦" + (++counter) + " = " + pick(VARS)
                    + " * 2; // 😀" + lineBreak(t, line));
        } else {
            List<Integer> body = bodyLines(t);
            if (body.isEmpty()) {
                return null;
            }
            int line = pick(body);
            List<Integer> words = names(t, t.lineStart(line), t.contentEnd(line));
            if (words.isEmpty()) {
                return null;
            }
            int w = pick(words);
            return new Change(w, t.wordEnd(w), random.nextBoolean() ? "𝑥" : "𝑎𝑐𝑐");
        }
    }

    /** Offsets strictly inside string literals and comments (not char literals), where any text but line breaks is safe. */
    private static List<Integer> interiors(StressText t) {
        byte[] kinds = t.kinds();
        List<Integer> out = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            if (kinds[i] == StressText.CODE) {
                i++;
                continue;
            }
            int start = i;
            while (i < t.length() && kinds[i] == kinds[start]) {
                i++;
            }
            char open = t.charAt(start);
            boolean comment = kinds[start] == StressText.COMMENT;
            if (!comment && open != '"') {
                continue;
            }
            int from = start + (comment ? 2 : 1);
            int to = i - (comment ? (t.text().startsWith("*/", i - 2) ? 2 : 0) : 1);
            for (int j = from; j <= to; j++) {
                if (t.expressible(j) && t.charAt(Math.min(j, t.length() - 1)) != '\\' && !after(t, j, '\\')) {
                    out.add(j);
                }
            }
        }
        return out;
    }

    private static boolean after(StressText t, int j, char c) {
        return j > 0 && t.charAt(j - 1) == c;
    }

    // ---- episodes that break the syntax and repair it

    private static final String[][] BREAKS = {
        {"{ /*ID*/ ", "} "},
        {"} /*ID*/ ", null},
        {"\"ID ", null},
        {"/* ID ", "*/ "},
        {"'ID ", null},
        {"( /*ID*/ ", null},
        {"\"\"\"\n ID ", null},
        {"int ID = ", "0; "},
        {"\"😀ID ", null},
        {"/** ID 😀 ", "*/ "},
        {"ID( ", null},
    };

    private Episode breakAndRepair(StressText t) {
        String[] b = pick(BREAKS);
        String id = "brk" + (++counter);
        String marker = b[0].replace("ID", id);
        String completion = b[1] != null && random.nextBoolean() ? b[1] : null;
        int at;
        if (random.nextInt(4) > 0) {
            List<Integer> body = bodyLines(t);
            if (body.isEmpty()) {
                return null;
            }
            int line = pick(body);
            at = t.lineStart(line) + t.indent(line);
        } else {
            List<Integer> words = t.codeWordStarts(0, t.length());
            if (words.isEmpty()) {
                return null;
            }
            at = pick(words);
        }
        int fill = 1 + random.nextInt(5);
        int insertAt = at;
        return new Episode() {
            boolean inserted;
            int filler = fill;
            boolean repaired;

            @Override
            public Change next(StressText text) {
                if (!inserted) {
                    inserted = true;
                    return insert(insertAt, marker);
                }
                if (repaired) {
                    return null;
                }
                int idx = text.text().indexOf(marker);
                if (idx < 0) {
                    throw new IllegalStateException("the stress generator lost its marker " + marker);
                }
                while (filler > 0) {
                    filler--;
                    for (int attempt = 0; attempt < 10; attempt++) {
                        Change c = random.nextInt(10) < 7 ? safeBody(text, false, false) : safeAnywhere(text, false, false);
                        if (c != null && !(c.start() < idx + marker.length() && c.end() > idx)
                                && !(c.start() > idx && c.start() < idx + marker.length())) {
                            return c;
                        }
                    }
                }
                repaired = true;
                return completion != null ? insert(idx + marker.length(), completion)
                        : new Change(idx, idx + marker.length(), "");
            }
        };
    }

    /** Random text anywhere (mostly in bodies), possibly across lines and members, then undone in reverse order. */
    private final class Garbage implements Episode {
        private int left;
        private final Deque<Change> undo = new ArrayDeque<>();

        Garbage(int count) {
            this.left = count;
        }

        @Override
        public Change next(StressText t) {
            while (left > 0) {
                left--;
                for (int attempt = 0; attempt < 10; attempt++) {
                    Change c = garbage(t);
                    String after = t.text().substring(0, c.start()) + c.text() + t.text().substring(c.end());
                    StressText a = new StressText(after);
                    if (a.expressible(c.start()) && a.expressible(c.start() + c.text().length())) {
                        undo.push(new Change(c.start(), c.start() + c.text().length(),
                                t.text().substring(c.start(), c.end())));
                        return c;
                    }
                }
            }
            return undo.poll();
        }
    }

    private Change garbage(StressText t) {
        int start;
        List<Integer> body = bodyLines(t);
        if (random.nextInt(10) < 7 && !body.isEmpty()) {
            int line = pick(body);
            start = t.lineStart(line) + random.nextInt(t.contentEnd(line) - t.lineStart(line) + 1);
        } else {
            start = random.nextInt(t.length() + 1);
        }
        start = t.snap(start);
        int maxLength = random.nextInt(4) == 0 ? 80 : 12;
        int end = Math.max(start, t.snap(Math.min(t.length(), start + random.nextInt(maxLength + 1))));
        int kind = random.nextInt(3);
        if (kind == 0) {
            end = start;
        }
        return new Change(start, end, kind == 1 ? "" : pick(GARBAGE));
    }

    /** Types a statement at the start of a body line, a character (or a few) per edit. */
    private Episode typeStatement(StressText t) {
        Integer line = statementStartLine(t);
        if (line == null) {
            return null;
        }
        return typing(t.lineStart(line) + t.indent(line), units(statement() + " "));
    }

    /** Types into an identifier, a number, a string or a comment: valid at every step. */
    private Episode typeInPlace(StressText t) {
        int kind = random.nextInt(3);
        int count = 1 + random.nextInt(5);
        List<String> units = new ArrayList<>();
        if (kind == 0) {
            List<Integer> body = bodyLines(t);
            if (body.isEmpty()) {
                return null;
            }
            int line = pick(body);
            List<Integer> words = names(t, t.lineStart(line), t.contentEnd(line));
            if (words.isEmpty()) {
                return null;
            }
            for (int i = 0; i < count; i++) {
                units.add(pick(TYPED_IDENTIFIER));
            }
            return typing(t.wordEnd(pick(words)), units);
        }
        if (kind == 1) {
            List<Integer> inside = interiors(t);
            if (inside.isEmpty()) {
                return null;
            }
            for (int i = 0; i < count; i++) {
                units.add(pick(TYPED_TEXT));
            }
            return typing(pick(inside), units);
        }
        List<Integer> ends = new ArrayList<>();
        for (int line : bodyLines(t)) {
            for (int i = t.lineStart(line) + 1; i < t.contentEnd(line); i++) {
                if (t.isCode(i - 1) && Character.isDigit(t.charAt(i - 1)) && !Character.isLetterOrDigit(t.charAt(i))
                        && t.charAt(i) != '.') {
                    ends.add(i);
                }
            }
        }
        if (ends.isEmpty()) {
            return null;
        }
        for (int i = 0; i < count; i++) {
            units.add(Integer.toString(random.nextInt(10)));
        }
        return typing(pick(ends), units);
    }

    private Episode typing(int at, List<String> units) {
        Deque<String> left = new ArrayDeque<>(units);
        int[] cursor = {at};
        return text -> {
            if (left.isEmpty()) {
                return null;
            }
            StringBuilder typed = new StringBuilder(left.poll());
            if (random.nextBoolean()) {
                for (int i = 1 + random.nextInt(4); i > 0 && !left.isEmpty(); i--) {
                    typed.append(left.poll());
                }
            }
            Change c = insert(cursor[0], typed.toString());
            cursor[0] += typed.length();
            return c;
        };
    }

    /** Code points, so that typing never splits a surrogate pair. */
    private static List<String> units(String s) {
        List<String> out = new ArrayList<>();
        s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    /** Deletes a statement from its end, a character (or a word) per edit, then its empty line. */
    private Episode backspace(StressText t) {
        List<Integer> candidates = new ArrayList<>();
        for (int line : bodyLines(t)) {
            if (statementLine(t, line)) {
                candidates.add(line);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        int line = pick(candidates);
        int from = t.lineStart(line) + t.indent(line);
        int[] to = {t.contentEnd(line)};
        boolean[] lineGone = {false};
        int lineStart = t.lineStart(line);
        return text -> {
            if (to[0] > from) {
                int len = to[0] - 2 >= from && Character.isLowSurrogate(text.charAt(to[0] - 1))
                        && Character.isHighSurrogate(text.charAt(to[0] - 2)) ? 2 : 1;
                int r = random.nextInt(4);
                if (r == 0) {
                    int w = to[0] - len;
                    while (w > from && Character.isLetterOrDigit(text.charAt(w - 1))) {
                        w--;
                    }
                    len = to[0] - w;
                } else if (r == 1) {
                    len = to[0] - text.snap(Math.max(from, to[0] - 2 - random.nextInt(3)));
                }
                to[0] -= len;
                return new Change(to[0], to[0] + len, "");
            }
            if (!lineGone[0] && lineStart > 0) {
                lineGone[0] = true;
                int before = text.lineOf(lineStart) - 1;
                return new Change(text.contentEnd(before), to[0], "");
            }
            return null;
        };
    }

    /** One replacement that brings the text back to its last parsable version (its differing middle only). */
    private record Revert(String good) implements Episode {
        @Override
        public Change next(StressText t) {
            String now = t.text();
            if (now.equals(good)) {
                return null;
            }
            int prefix = 0;
            int max = Math.min(now.length(), good.length());
            while (prefix < max && now.charAt(prefix) == good.charAt(prefix)) {
                prefix++;
            }
            int suffix = 0;
            while (suffix < max - prefix && now.charAt(now.length() - 1 - suffix) == good.charAt(good.length() - 1 - suffix)) {
                suffix++;
            }
            int start = t.snap(prefix);
            int end = now.length() - suffix;
            while (!t.expressible(end)) {
                end++;
            }
            int goodEnd = good.length() - (now.length() - end);
            return new Change(start, end, good.substring(start, goodEnd));
        }
    }
}
