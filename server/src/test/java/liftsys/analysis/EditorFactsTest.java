package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liftsys.text.DocumentSnapshot;
import liftsys.text.DocumentStore;
import liftsys.trace.Tracer;
import org.junit.jupiter.api.Test;

/** The editor's facade: what lenses, hints and diagnostics get, as plain records, for a document known by hand. */
class EditorFactsTest {
    private static final String TEXT = """
            class A {
                static double total(double price, int quantity, double shipping) {
                    double subtotal = price * quantity;
                    double discount = 0.0;
                    if (subtotal > 100) {
                        discount = subtotal * 0.05;
                    }
                    double net = subtotal - discount;
                    return net + shipping;
                }

                static int broken(int x) {
                    return x +;
                }
            }
            """;

    @Test
    void theOutlineTheLensesAndTheHintsOfADocument() throws Exception {
        DocumentStore store = new DocumentStore();
        store.open("file:///A.java", 1, TEXT);
        try (Tracer tracer = new Tracer(); SidecarHolder sidecar = new SidecarHolder(Path.of("."))) {
            EditorFacts editor = AnalysisWiring.of(store, tracer, sidecar, AnalysisWiring.Sizes.SMALL).editor();
            DocumentSnapshot snapshot = store.get("file:///A.java").orElseThrow();

            EditorFacts.Outline outline = editor.outline(snapshot);
            assertEquals(List.of("total"), outline.methods().stream().map(EditorFacts.Method::name).toList());
            EditorFacts.Method total = outline.methods().get(0);
            assertEquals("total", TEXT.substring(total.nameRange().start(), total.nameRange().end()));
            assertEquals(1, outline.unparsed().size());
            EditorFacts.Unparsed broken = outline.unparsed().get(0);
            assertEquals("broken", broken.name());
            assertTrue(broken.problemOffset() > TEXT.indexOf("broken") && !broken.tooDeep(), broken.toString());

            assertEquals(Optional.of(total), editor.methodAt(snapshot, TEXT.indexOf("price *")));
            assertEquals(Optional.empty(), editor.methodAt(snapshot, 0));

            // price and quantity reach subtotal, discount, net and the return value; shipping only the return value.
            EditorFacts.Lens lens = editor.lens(snapshot, total, Settings.DEFAULTS);
            assertEquals(List.of(Map.entry("price", 4), Map.entry("quantity", 4), Map.entry("shipping", 1)),
                    lens.reach());
            assertNull(lens.unreadable());
            assertEquals(Optional.empty(), lens.recent(), "nothing was quantified");
            assertEquals(List.of(), editor.hints(snapshot, 0, TEXT.length(), Settings.DEFAULTS));
        }
    }
}
