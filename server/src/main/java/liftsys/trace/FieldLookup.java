package liftsys.trace;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import liftsys.ir.FieldInfo;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.SourceFrame;
import liftsys.text.LineIndex;

/**
 * The declaration of a field the method reads by name: in the method's own type first, else the
 * first one in the document, counting the fields of the anonymous and local classes the method
 * itself declares (a lambda or anonymous class body reads them by bare name too).
 */
final class FieldLookup {
    /**
     * What the tracer needs of a field: its type, how to reach it ({@code own} when the method's
     * type declares it), and its initializer's numbers.
     */
    record Declared(String type, boolean isStatic, String ownerPath, boolean own, double[] numbers) {
    }

    private record Candidate(int position, String name, Declared declared) {
    }

    private final JavaDocument document;
    private final Member member;
    private final List<Candidate> insideMethod = new ArrayList<>();

    FieldLookup(JavaDocument document, Member member, CallableDeclaration<?> method) {
        this.document = document;
        this.member = member;
        // The method was parsed from its own text: positions there are relative to its start.
        SourceFrame frame = new SourceFrame(LineIndex.of(member.text()), member.range().start());
        for (FieldDeclaration f : method.findAll(FieldDeclaration.class)) {
            for (VariableDeclarator v : f.getVariables()) {
                double[] numbers = v.getInitializer().map(i -> SamplingHints.of(i).numbers()).orElse(new double[0]);
                insideMethod.add(new Candidate(frame.rangeOf(v.getName()).start(), v.getNameAsString(),
                        new Declared(v.getTypeAsString(), f.isStatic(), ownerPath(f), false, numbers)));
            }
        }
    }

    Optional<Declared> find(String name) {
        Optional<FieldInfo> own = document.fields().stream()
                .filter(f -> f.name().equals(name) && f.ownerType().equals(member.ownerType())).findFirst();
        if (own.isPresent()) {
            return own.map(f -> declared(f, true));
        }
        List<Candidate> all = new ArrayList<>(insideMethod);
        document.fields().stream().filter(f -> f.name().equals(name))
                .forEach(f -> all.add(new Candidate(f.nameRange().start(), f.name(), declared(f, false))));
        return all.stream().filter(c -> c.name().equals(name)).min(Comparator.comparingInt(Candidate::position))
                .map(Candidate::declared);
    }

    private static Declared declared(FieldInfo f, boolean own) {
        double[] numbers = f.initializerExpression().map(i -> SamplingHints.of(i).numbers()).orElse(new double[0]);
        return new Declared(f.type(), f.isStatic(), f.ownerType(), own, numbers);
    }

    /** The dotted path of the named types around a field declared inside the method. */
    private String ownerPath(Node field) {
        List<String> names = new ArrayList<>();
        for (Node n = field.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof TypeDeclaration<?> t) {
                names.add(0, t.getNameAsString());
            }
        }
        names.add(0, member.ownerType());
        return String.join(".", names);
    }
}
