package liftsys.ir;

import com.github.javaparser.ParseResult;
import com.github.javaparser.ParseStart;
import com.github.javaparser.Providers;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import java.util.Optional;
import liftsys.ir.flow.DependenceAnalysis;
import liftsys.ir.flow.MethodAnalysis;
import liftsys.ir.lower.Lowering;
import liftsys.text.LineIndex;

/**
 * Parses one member's text alone, as JavaParser can parse a body declaration by itself. Graphs are
 * built from this parse, so they depend on the member's text and nothing else.
 */
final class MemberParser {
    private MemberParser() {
    }

    /**
     * The member's declaration, when its whole text is exactly one method or constructor with a
     * body and nests no deeper than {@link SourceScanner#MAX_NESTING}. Parsed on a large stack;
     * a text that overflows even that is not a declaration.
     */
    static Optional<CallableDeclaration<?>> parse(String memberText) {
        if (SourceScanner.maxNesting(memberText, 0, memberText.length()) > SourceScanner.MAX_NESTING) {
            return Optional.empty();
        }
        try {
            return DeepStack.call(() -> parseHere(memberText));
        } catch (StackOverflowError e) {
            return Optional.empty();
        }
    }

    private static Optional<CallableDeclaration<?>> parseHere(String memberText) {
        ParseResult<BodyDeclaration<?>> result =
                DocumentParser.newParser().parse(ParseStart.CLASS_BODY, Providers.provider(memberText));
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            return Optional.empty();
        }
        BodyDeclaration<?> declaration = result.getResult().get();
        boolean callable = (declaration instanceof MethodDeclaration m && m.getBody().isPresent())
                || declaration instanceof ConstructorDeclaration;
        if (!callable) {
            return Optional.empty();
        }
        SourceFrame frame = new SourceFrame(LineIndex.of(memberText), 0);
        var range = frame.rangeOf(declaration);
        if (range.start() != 0 || range.end() != memberText.length()) {
            return Optional.empty();
        }
        return Optional.of((CallableDeclaration<?>) declaration);
    }

    /**
     * The member lowered once and analysed (its graph, sites and regions, over a syntax tree of its
     * own), parsed and built on a large stack.
     *
     * @throws UnreadableMemberException when the analysis overflows even that stack
     */
    static MethodAnalysis analysisOf(String memberText) {
        try {
            return DeepStack.call(() -> {
                CallableDeclaration<?> declaration = parse(memberText).orElseThrow(() ->
                        new IllegalStateException("a member's text does not parse alone as one method or constructor"));
                return DependenceAnalysis.analyse(Lowering.lower(declaration,
                        new SourceFrame(LineIndex.of(memberText), 0), 0));
            });
        } catch (StackOverflowError e) {
            throw new UnreadableMemberException("it nests too deeply to be analysed (its expressions or statements "
                    + "are nested thousands of levels deep)");
        }
    }
}
