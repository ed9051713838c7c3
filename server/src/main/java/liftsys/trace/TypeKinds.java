package liftsys.trace;

import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import liftsys.ir.JavaDocument;
import liftsys.ir.Member;
import liftsys.ir.TypeInfo;
import liftsys.ir.Variable;
import liftsys.ir.flow.MethodAnalysis;
import liftsys.ir.lower.Local;

/**
 * The {@link ValueKind} of each variable from its declared type: what the worker records of a
 * value (a number, a length, an enum constant, ...) before it has seen one. Types of the document
 * are known by name: the document's own types and the ones the method declares locally.
 */
final class TypeKinds {
    private static final Set<String> NUMBER_TYPES = Set.of("byte", "short", "int", "long", "float", "double",
            "Byte", "Short", "Integer", "Long", "Float", "Double", "BigDecimal", "BigInteger", "Number",
            "AtomicInteger", "AtomicLong");
    private static final Set<String> SIZE_TYPES = Set.of("List", "ArrayList", "LinkedList", "Collection", "Set",
            "HashSet", "LinkedHashSet", "TreeSet", "SortedSet", "NavigableSet", "Queue", "Deque", "ArrayDeque",
            "PriorityQueue", "Map", "HashMap", "LinkedHashMap", "TreeMap", "SortedMap", "NavigableMap",
            "Vector", "Stack", "EnumSet", "EnumMap");
    private static final Set<String> LENGTH_TYPES = Set.of("StringBuilder", "StringBuffer", "CharSequence");

    private final Member member;
    private final MethodAnalysis analysis;
    private final FieldLookup fields;
    private final Set<String> enums = new LinkedHashSet<>();
    private final Set<String> types = new LinkedHashSet<>();

    TypeKinds(JavaDocument document, Member member, MethodAnalysis analysis, FieldLookup fields) {
        this.member = member;
        this.analysis = analysis;
        this.fields = fields;
        for (TypeInfo t : document.outline().types()) {
            types.add(t.name());
            if (t.isEnum()) {
                enums.add(t.name());
            }
        }
        var declaration = analysis.lowering().declaration();
        declaration.findAll(EnumDeclaration.class).forEach(e -> enums.add(e.getNameAsString()));
        declaration.findAll(TypeDeclaration.class).forEach(t -> types.add(t.getNameAsString()));
    }

    /** Per variable of the graph, in order, the kind its declared type says. */
    byte[] staticKinds() {
        List<Variable> variables = analysis.graph().variables();
        byte[] kinds = new byte[variables.size()];
        for (int i = 0; i < variables.size(); i++) {
            Variable v = variables.get(i);
            String type = switch (v.kind()) {
                case RETURN -> member.returnType();
                case FIELD -> fields.find(v.name()).map(FieldLookup.Declared::type).orElse("");
                default -> declaredType(v);
            };
            kinds[i] = kindOf(type);
        }
        return kinds;
    }

    /** A parameter's or local's declared type as written ({@code []} for a variable-arity parameter); else "". */
    String declaredType(Variable v) {
        if (analysis.reference(v).orElse(null) instanceof Local local) {
            return local.declaredType() + (local.varArgs() ? "[]" : "");
        }
        return "";
    }

    private byte kindOf(String type) {
        String t = type.trim();
        if (t.endsWith("]") || t.endsWith("...")) {
            return ValueKind.LENGTH;
        }
        int generic = t.indexOf('<');
        if (generic >= 0) {
            t = t.substring(0, generic);
        }
        t = t.substring(t.lastIndexOf('.') + 1);
        if (NUMBER_TYPES.contains(t)) {
            return ValueKind.NUMBER;
        }
        if (t.equals("boolean") || t.equals("Boolean")) {
            return ValueKind.BOOLEAN;
        }
        if (t.equals("char") || t.equals("Character")) {
            return ValueKind.CHAR;
        }
        if (t.equals("String")) {
            return ValueKind.STRING;
        }
        if (SIZE_TYPES.contains(t)) {
            return ValueKind.SIZE;
        }
        if (LENGTH_TYPES.contains(t)) {
            return ValueKind.LENGTH;
        }
        if (enums.contains(t)) {
            return ValueKind.ENUM;
        }
        if (types.contains(t)) {
            return ValueKind.PRESENCE;
        }
        return ValueKind.UNKNOWN;
    }
}
