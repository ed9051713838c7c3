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
 * normalised text, the declarations of the fields it uses, the code of its project it may reach
 * ({@link ReachedCode}: methods it may call transitively, the fields, constants and constructors
 * of the types it uses, in its file and in sibling files), the settings that change the answer,
 * and the analysis version. The class path's fingerprint is added by the caller, which knows the
 * project. Never a position: a method moved by an edit elsewhere keeps its key.
 */
public final class ContentKey {
    /** Bumped whenever tracing or fitting changes meaning, so old results are not reused. */
    static final String ANALYSIS_VERSION = "liftsys-quant-2";

    private ContentKey() {
    }

    public static String of(JavaDocument document, Member member, MethodGraph graph, Settings settings) {
        return of(document, member, graph, settings, ReachedCode.Sources.NONE);
    }

    /**
     * The key with everything the method may reach in its project's sources ({@link ReachedCode}):
     * the methods it may call transitively, in its file and in sibling files, and the shapes
     * (fields, constants, constructors, supertypes) of the types it uses, nested ones too.
     */
    static String of(JavaDocument document, Member member, MethodGraph graph, Settings settings,
                     ReachedCode.Sources sources) {
        StringBuilder key = new StringBuilder(ANALYSIS_VERSION).append('\n');
        key.append(SourceScanner.normalise(member.text())).append('\n');
        TreeSet<String> fields = new TreeSet<>();
        graph.variables().stream().filter(v -> v.kind() == NodeKind.FIELD).forEach(v ->
                document.field(member, v.name()).ifPresent(f -> fields.add(describe(f))));
        fields.forEach(f -> key.append("field ").append(f).append('\n'));
        key.append("reached\n").append(ReachedCode.of(document.text(), member.ownerType(), member.text(), sources))
                .append('\n');
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
