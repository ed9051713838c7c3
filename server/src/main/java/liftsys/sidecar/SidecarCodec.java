package liftsys.sidecar;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.annotations.SerializedName;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one codec of the sidecar boundary (dowhy/README.md, Protocol): every request and result is a
 * record, written and read by Gson. Stateless and thread-safe.
 *
 * <p>What Gson does not do by itself, and is set here:
 * <ul>
 *   <li>Numbers keep every bit: doubles are written as the shortest text that reads back to the
 *       same double (both here and in Python). NaN and the infinities, which JSON has no numbers
 *       for, travel as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} in
 *       place of the number; the sidecar reads and writes the same three strings. Lines stay
 *       strict JSON, read strictly: a bare {@code NaN}, a single quote or trailing text is garbage.
 *   <li>Unknown fields are ignored both ways (the sidecar may add fields to its results, and
 *       ignores the ones it does not know), but a field a result record needs and does not get is
 *       the sidecar misbehaving, not a zero: every record component is required unless marked
 *       {@link MayBeAbsent}.
 * </ul>
 * A line or result of the wrong shape surfaces as {@link SidecarFailure#SIDECAR_UNAVAILABLE}, like any
 * other garbage.
 */
final class SidecarCodec {
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(double.class, new NonFiniteAsString())
            .registerTypeAdapter(Double.class, new NonFiniteAsString().nullSafe())
            .registerTypeAdapterFactory(new EveryComponentRequired())
            .disableHtmlEscaping()
            .setStrictness(Strictness.STRICT)
            .create();

    private SidecarCodec() {}

    /** A component a read record may go without. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
    @interface MayBeAbsent {}

    /** A component a read record must have, but whose value may be {@code null}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
    @interface MayBeNull {}

    /** One request line: {@code params} is one of the params records below. */
    record Request(long id, String method, Object params) {}

    /** One response line: a {@code result} or an {@code error}; {@code id} is null for a line the sidecar could not read. */
    record Response(@MayBeAbsent Long id, @MayBeAbsent JsonElement result, @MayBeAbsent ErrorBody error) {}

    /** An error answer: one of the protocol's codes, and what was wrong. */
    record ErrorBody(String code, String message) {}

    /** {@code hello} takes nothing. */
    record NoParams() {}

    /** {@code drop}: the key of the model to forget. */
    record ModelParams(String model) {}

    /** {@code drop}'s result. */
    record Dropped(boolean dropped) {}

    /** {@code intervened} and {@code runs} are left out when the request has none. */
    record FitParams(Graph graph, Map<String, List<Double>> data, String quality, long seed,
                     @MayBeAbsent List<List<String>> intervened, @MayBeAbsent FitRequest.Runs runs) {}

    record Graph(List<FitRequest.Node> nodes, List<FitRequest.Edge> edges) {}

    /** {@code targets} is left out when empty (the sidecar then reports every downstream node). */
    record EffectParams(String model, InterventionParams intervention, @MayBeAbsent List<String> targets,
                        int samples, double level, long seed, double minQuality) {}

    /** {@code drivers}' params, as {@link DriversRequest}. */
    record DriversParams(String model, String target, double level, long seed, int bootstrap, int samples) {}

    /** {@code counterfactual}'s params: a row of the fit request and one of {@code set}/{@code shift}. */
    record CounterfactualParams(String model, int row, CounterfactualIntervention intervention,
                                @MayBeAbsent List<String> targets) {}

    /** Exactly one of the two is present on the wire. */
    record CounterfactualIntervention(@MayBeAbsent Map<String, Double> set, @MayBeAbsent Map<String, Double> shift) {}

    /** Exactly one of the two is present on the wire. */
    record InterventionParams(@MayBeAbsent Map<String, Double> shift,
                              @MayBeAbsent Map<String, NodeIntervention.FromTo> set) {}

    static String requestLine(long id, String method, Object params) {
        return GSON.toJson(new Request(id, method, params));
    }

    static FitParams fitParams(FitRequest request) {
        return new FitParams(new Graph(request.nodes(), request.edges()), request.data(), request.quality(),
                request.seed(), request.intervened(), request.runs());
    }

    static DriversParams driversParams(DriversRequest request) {
        return new DriversParams(request.model(), request.target(), request.level(), request.seed(),
                request.bootstrap(), request.samples());
    }

    static CounterfactualParams counterfactualParams(CounterfactualRequest request) {
        CounterfactualIntervention intervention = request.set().isEmpty()
                ? new CounterfactualIntervention(null, request.shift())
                : new CounterfactualIntervention(request.set(), null);
        return new CounterfactualParams(request.model(), request.row(), intervention,
                request.targets().isEmpty() ? null : request.targets());
    }

    static EffectParams effectParams(EffectRequest request) {
        InterventionParams intervention = request.intervention() instanceof NodeIntervention.Shift shift
                ? new InterventionParams(shift.by(), null)
                : new InterventionParams(null, ((NodeIntervention.SetTo) request.intervention()).values());
        return new EffectParams(request.model(), intervention,
                request.targets().isEmpty() ? null : request.targets(), request.samples(), request.level(),
                request.seed(), request.minQuality());
    }

    /** A fit request as the sidecar's {@code fit} params, in JSON; for benchmarks that replay it elsewhere. */
    static String fitParamsJson(FitRequest request) {
        return GSON.toJson(fitParams(request));
    }

    /** Reads one line of the sidecar's output. */
    static Response response(String line) {
        try {
            Response response = GSON.fromJson(line, Response.class);
            if (response == null) {
                throw new JsonParseException("an empty line");
            }
            return response;
        } catch (RuntimeException e) {
            throw new SidecarException(SidecarFailure.SIDECAR_UNAVAILABLE,
                    "the sidecar wrote a line that is not a protocol response (" + e.getMessage() + "): "
                            + abbreviate(line), e);
        }
    }

    /** Reads a {@code result} as the record the request expects. */
    static <T> T result(JsonElement result, Class<T> type) {
        try {
            return GSON.fromJson(result, type);
        } catch (RuntimeException e) {
            String why = e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof NullPointerException
                    ? e.getCause().getMessage() : e.getMessage();
            throw new SidecarException(SidecarFailure.SIDECAR_UNAVAILABLE,
                    "the sidecar answered in an unexpected shape: " + why, e);
        }
    }

    /** Any value as JSON, for tests. */
    static String toJson(Object value) {
        return GSON.toJson(value);
    }

    /** Any JSON text as a value of {@code type}, for tests; throws Gson's exceptions. */
    static <T> T fromJson(String json, TypeToken<T> type) {
        return GSON.fromJson(json, type);
    }

    static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    /** Doubles with NaN and the infinities as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. */
    private static final class NonFiniteAsString extends TypeAdapter<Double> {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            double d = value;
            if (Double.isFinite(d)) {
                out.value(d);
            } else {
                out.value(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            }
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.STRING) {
                String text = in.nextString();
                return switch (text) {
                    case "NaN" -> Double.NaN;
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> throw new JsonParseException("expected a number at " + in.getPreviousPath()
                            + ", got the string '" + text + "'");
                };
            }
            return in.nextDouble();
        }
    }

    /** Wraps each record's adapter so that a read object missing a required component is refused, by name. */
    private static final class EveryComponentRequired implements TypeAdapterFactory {
        @Override
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            Class<? super T> raw = type.getRawType();
            if (!raw.isRecord()) {
                return null;
            }
            TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
            TypeAdapter<JsonElement> tree = gson.getAdapter(JsonElement.class);
            List<String> required = new ArrayList<>();
            List<String> nullable = new ArrayList<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                Field field = field(raw, component.getName());
                if (!field.isAnnotationPresent(MayBeAbsent.class)) {
                    SerializedName renamed = field.getAnnotation(SerializedName.class);
                    String name = renamed == null ? component.getName() : renamed.value();
                    required.add(name);
                    if (field.isAnnotationPresent(MayBeNull.class)) {
                        nullable.add(name);
                    }
                }
            }
            return new TypeAdapter<>() {
                @Override
                public void write(JsonWriter out, T value) throws IOException {
                    delegate.write(out, value);
                }

                @Override
                public T read(JsonReader in) throws IOException {
                    String path = in.getPath();
                    JsonElement element = tree.read(in);
                    if (element.isJsonObject()) {
                        JsonObject object = element.getAsJsonObject();
                        for (String name : required) {
                            if (!object.has(name) || (object.get(name).isJsonNull() && !nullable.contains(name))) {
                                throw new JsonParseException(
                                        "'" + name + "' is missing at " + path + " (" + raw.getSimpleName() + ")");
                            }
                        }
                    }
                    return delegate.fromJsonTree(element);
                }
            };
        }

        private static Field field(Class<?> record, String name) {
            try {
                return record.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("a record component without its field: " + name, e);
            }
        }
    }
}
