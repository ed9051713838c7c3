package liftsys.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * Numbers in the answers editors read. A finite double is written as itself, every bit kept and
 * no magnitude capped (Gson writes the shortest text that reads back to the same double:
 * {@code 1.0E50}, {@code -1.0E-300}). JSON has no NaN or infinities (and LSP4J's Gson refuses to
 * write them), so such a number is written as {@code null}, and a sentence saying what it was goes
 * to the notes the caller keeps. Stateless.
 */
final class WireNumbers {
    private WireNumbers() {
    }

    /** Writes {@code value} under {@code key}; a value that is not finite becomes null and a note about {@code what}. */
    static void put(JsonObject o, String key, double value, List<String> notes, String what) {
        if (Double.isFinite(value)) {
            o.addProperty(key, value);
            return;
        }
        o.add(key, JsonNull.INSTANCE);
        notes.add(capitalised(what) + " is " + describe(value) + ", which JSON cannot carry: it is written as null.");
    }

    /** Adds {@code notes} to the object when there are any. */
    static void notes(JsonObject o, List<String> notes) {
        if (!notes.isEmpty()) {
            JsonArray array = new JsonArray();
            notes.forEach(array::add);
            o.add("notes", array);
        }
    }

    static String describe(double value) {
        return Double.isNaN(value) ? "not a number (NaN)" : value > 0 ? "infinite (+∞)" : "infinite (−∞)";
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
