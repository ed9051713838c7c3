package liftsys.ir;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A problem found while parsing, with the offset it was found at (or -1 when unknown): a syntax
 * error, or text nested too deeply to be parsed at all.
 */
public record ParseProblem(String message, int offset, boolean tooDeep) {

    /** A syntax error, in JavaParser's words. */
    public ParseProblem(String message, int offset) {
        this(message, offset, false);
    }

    static ParseProblem tooDeep(String why, int offset) {
        return new ParseProblem(why, offset, true);
    }

    private static final Pattern FOUND = Pattern.compile(
            "^Parse error\\. Found (.+?),? expected (?:one of )?(.*)$", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|<[A-Z_]+>");

    /**
     * The problem in a few words for people. JavaParser lists every token it could have taken
     * (sixty of them after an expression); that list helps no one past three.
     */
    public String summary() {
        Matcher m = FOUND.matcher(message.strip());
        if (!m.matches()) {
            int line = message.indexOf('\n');
            return line < 0 ? message.strip() : message.substring(0, line).strip();
        }
        String found = m.group(1).strip();
        java.util.List<String> expected = new java.util.ArrayList<>();
        Matcher token = TOKEN.matcher(m.group(2));
        while (token.find()) {
            expected.add(token.group());
        }
        if (expected.isEmpty() || expected.size() > 3) {
            return "unexpected " + found;
        }
        String list = expected.size() == 1 ? expected.get(0)
                : String.join(", ", expected.subList(0, expected.size() - 1)) + " or " + expected.get(expected.size() - 1);
        return "found " + found + " where " + list + " was expected";
    }
}
