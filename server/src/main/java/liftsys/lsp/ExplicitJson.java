package liftsys.lsp;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.TypeAdapter;
import com.google.gson.internal.Streams;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * A JSON tree written with its nulls. The protocol's answers carry {@code "effect": null} and
 * {@code "degraded": null}, which LSP4J's Gson would otherwise drop; other LSP messages keep
 * Gson's usual omission of nulls, which some clients rely on.
 */
public record ExplicitJson(JsonElement json) {

    /** Registers the adapter that writes this type with nulls. */
    public static GsonBuilder register(GsonBuilder builder) {
        return builder.registerTypeAdapter(ExplicitJson.class, new Adapter());
    }

    public static Gson prettyGson() {
        return new GsonBuilder().serializeNulls().setPrettyPrinting().create();
    }

    private static final class Adapter extends TypeAdapter<ExplicitJson> {
        @Override
        public void write(JsonWriter out, ExplicitJson value) throws IOException {
            boolean before = out.getSerializeNulls();
            out.setSerializeNulls(true);
            try {
                Streams.write(value.json(), out);
            } finally {
                out.setSerializeNulls(before);
            }
        }

        @Override
        public ExplicitJson read(JsonReader in) throws IOException {
            return new ExplicitJson(Streams.parse(in));
        }
    }
}
