package liftsys.analysis;

import java.util.Set;

/** Java's reserved and contextual keywords, to name what a position is on in error messages. */
final class JavaKeywords {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "var", "record", "yield", "sealed", "permits");

    private JavaKeywords() {
    }

    static boolean isKeyword(String word) {
        return KEYWORDS.contains(word);
    }
}
