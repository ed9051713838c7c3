package liftsys.analysis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;
import liftsys.ir.FieldInfo;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.MethodGraph;
import liftsys.ir.NodeKind;
import liftsys.ir.SourceScanner;

/**
 * The key of a method's quantitative results (DESIGN.md invariant 4): a hash of the method's
 * normalised text, the declarations of the fields it uses, the normalised text of the same-file
 * methods it may call, the settings that change the answer, and the analysis version. Never a
 * position: a method moved by an edit elsewhere keeps its key.
 */
public final class ContentKey {
    /** Bumped whenever tracing or fitting changes meaning, so old results are not reused. */
    static final String ANALYSIS_VERSION = "liftsys-quant-1";

    private ContentKey() {
    }

    public static String of(JavaDocument document, Member member, MethodGraph graph, Settings settings) {
        StringBuilder key = new StringBuilder(ANALYSIS_VERSION).append('\n');
        key.append(SourceScanner.normalise(member.text())).append('\n');
        TreeSet<String> fields = new TreeSet<>();
        graph.variables().stream().filter(v -> v.kind() == NodeKind.FIELD).forEach(v ->
                document.field(member, v.name()).ifPresent(f -> fields.add(describe(f))));
        fields.forEach(f -> key.append("field ").append(f).append('\n'));
        TreeSet<String> callees = new TreeSet<>();
        String body = member.text();
        for (Member other : document.members()) {
            if (other != member && other.ownerType().equals(member.ownerType())
                    && body.contains(other.name() + "(")) {
                callees.add(SourceScanner.normalise(other.text()));
            }
        }
        callees.forEach(c -> key.append("callee ").append(c).append('\n'));
        key.append("settings ").append(settings.samples()).append(' ').append(settings.seed()).append(' ')
                .append(settings.quality()).append(' ').append(String.join(":", settings.classpath()));
        return sha256(key.toString());
    }

    private static String describe(FieldInfo f) {
        return (f.isStatic() ? "static " : "") + f.type() + " " + f.name() + " = " + f.initializer();
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
