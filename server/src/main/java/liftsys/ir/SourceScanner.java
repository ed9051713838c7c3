package liftsys.ir;

import java.util.ArrayList;
import java.util.List;
import liftsys.text.OffsetRange;

/**
 * A lexical pass over Java text that knows comments, strings, text blocks and char literals,
 * and nothing else. It finds member spans when the file does not parse as a whole, and makes the
 * normalised text that content keys hash.
 */
public final class SourceScanner {
    /**
     * The deepest nesting of parentheses, brackets and braces a member may have to be parsed.
     * Real code stays below a hundred; deeper text is generated or hostile, and parsing it costs
     * time linear in its depth on a stack that grows with it (about 0.2 s and a few MB at 1,000).
     */
    public static final int MAX_NESTING = 1000;

    private SourceScanner() {
    }

    /** The deepest nesting of ( [ { in text[start, end), outside comments and literals. */
    public static int maxNesting(CharSequence text, int start, int end) {
        int depth = 0;
        int deepest = 0;
        for (int i = codeAt(text, start); i < end; i = codeAt(text, i + 1)) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return deepest;
    }

    /** The first index at or after i that holds code: not whitespace, a comment or a literal. */
    private static int codeAt(CharSequence text, int i) {
        while (i < text.length()) {
            int skip = skipCommentOrSpace(text, i);
            int next = skip > i ? skip : literalEnd(text, i);
            if (next == i) {
                return i;
            }
            i = next;
        }
        return i;
    }

    /**
     * The text without comments and with every run of whitespace outside literals folded into
     * one space (dropped where it separates no two word characters), so that edits of layout or
     * comments leave it unchanged.
     */
    public static String normalise(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int skip = skipCommentOrSpace(text, i);
            if (skip > i) {
                pendingSpace = true;
                i = skip;
                continue;
            }
            int literalEnd = literalEnd(text, i);
            if (pendingSpace && out.length() > 0 && isWordChar(out.charAt(out.length() - 1)) && isWordChar(c)) {
                out.append(' ');
            }
            pendingSpace = false;
            if (literalEnd > i) {
                out.append(text, i, literalEnd);
                i = literalEnd;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Spans of the members of every type body at nesting depth one (the file's top-level types),
     * each from the end of the previous member to the end of its own ({@code ;} or closing brace).
     */
    public static List<OffsetRange> memberSpans(CharSequence text) {
        List<OffsetRange> spans = new ArrayList<>();
        int depth = 0;
        int memberStart = -1;
        int n = text.length();
        for (int i = codeAt(text, 0); i < n; i = codeAt(text, i + 1)) {
            char c = text.charAt(i);
            if (depth == 1 && memberStart < 0 && c != '}') {
                memberStart = i;
            }
            if (c == '{') {
                depth++;
                if (depth == 1) {
                    memberStart = -1;
                }
            } else if (c == '}') {
                depth--;
                if (depth == 1 && memberStart >= 0) {
                    spans.add(new OffsetRange(memberStart, i + 1));
                    memberStart = -1;
                } else if (depth <= 0) {
                    depth = 0;
                    memberStart = -1;
                }
            } else if (c == ';' && depth == 1 && memberStart >= 0) {
                spans.add(new OffsetRange(memberStart, i + 1));
                memberStart = -1;
            }
        }
        return spans;
    }

    private static boolean isWordChar(char c) {
        return Character.isJavaIdentifierPart(c);
    }

    /** The end of the comment or whitespace run starting at i, or i when there is none. */
    static int skipCommentOrSpace(CharSequence text, int i) {
        int n = text.length();
        int j = i;
        while (j < n) {
            char c = text.charAt(j);
            if (Character.isWhitespace(c)) {
                j++;
            } else if (c == '/' && j + 1 < n && text.charAt(j + 1) == '/') {
                while (j < n && text.charAt(j) != '\n' && text.charAt(j) != '\r') {
                    j++;
                }
            } else if (c == '/' && j + 1 < n && text.charAt(j + 1) == '*') {
                int close = indexOf(text, "*/", j + 2);
                j = close < 0 ? n : close + 2;
            } else {
                break;
            }
        }
        return j;
    }

    /** The end of the string, text block or char literal starting at i, or i when none starts there. */
    static int literalEnd(CharSequence text, int i) {
        int n = text.length();
        char c = text.charAt(i);
        if (c == '"' && i + 2 < n && text.charAt(i + 1) == '"' && text.charAt(i + 2) == '"') {
            int j = i + 3;
            while (j < n) {
                if (text.charAt(j) == '\\') {
                    j += 2;
                } else if (text.charAt(j) == '"' && j + 2 < n && text.charAt(j + 1) == '"' && text.charAt(j + 2) == '"') {
                    return j + 3;
                } else {
                    j++;
                }
            }
            return n;
        }
        if (c == '"' || c == '\'') {
            int j = i + 1;
            while (j < n) {
                char d = text.charAt(j);
                if (d == '\\') {
                    j += 2;
                } else if (d == c) {
                    return j + 1;
                } else if (d == '\n' || d == '\r') {
                    return j;
                } else {
                    j++;
                }
            }
            return n;
        }
        return i;
    }

    private static int indexOf(CharSequence text, String needle, int from) {
        int n = text.length() - needle.length();
        outer:
        for (int i = from; i <= n; i++) {
            for (int k = 0; k < needle.length(); k++) {
                if (text.charAt(i + k) != needle.charAt(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
