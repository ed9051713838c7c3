package liftsys.sidecar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records to protocol params and protocol results to records (see {@code dowhy/README.md}). A
 * result of the wrong shape is the sidecar misbehaving, so it surfaces as
 * {@link Reason#SIDECAR_UNAVAILABLE}, like any other garbage.
 */
final class WireFormat {
    private WireFormat() {}

    static Map<String, Object> fitParams(FitRequest request) {
        List<Object> nodes = new ArrayList<>();
        for (FitRequest.Node node : request.nodes()) {
            nodes.add(Map.of("id", node.id(), "kind", node.kind(), "type", node.type().wireName()));
        }
        List<Object> edges = new ArrayList<>();
        for (FitRequest.Edge edge : request.edges()) {
            edges.add(Map.of("from", edge.from(), "to", edge.to(), "kind", edge.kind()));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("graph", Map.of("nodes", nodes, "edges", edges));
        params.put("data", request.data());
        params.put("quality", request.quality());
        params.put("seed", request.seed());
        return params;
    }

    static Map<String, Object> effectParams(EffectRequest request) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("model", request.model());
        params.put("intervention", intervention(request.intervention()));
        if (!request.targets().isEmpty()) {
            params.put("targets", request.targets());
        }
        params.put("samples", request.samples());
        params.put("level", request.level());
        params.put("seed", request.seed());
        return params;
    }

    private static Map<String, Object> intervention(Intervention intervention) {
        if (intervention instanceof Intervention.Shift shift) {
            return Map.of("shift", shift.by());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        ((Intervention.SetTo) intervention).values()
                .forEach((node, v) -> values.put(node, Map.of("from", v.from(), "to", v.to())));
        return Map.of("set", values);
    }

    static Hello hello(Map<String, Object> result) {
        Map<String, String> versions = new LinkedHashMap<>();
        object(result, "versions").forEach((k, v) -> versions.put(k, String.valueOf(v)));
        return new Hello(
                Boolean.TRUE.equals(result.get("ready")),
                versions,
                (int) number(result, "protocol"),
                (long) number(result, "pid"));
    }

    static FitResult fitResult(Map<String, Object> result) {
        Map<String, Double> r2 = new LinkedHashMap<>();
        object(result, "r2").forEach((k, v) -> r2.put(k, asNumber(v, "r2." + k)));
        Map<String, String> mechanism = new LinkedHashMap<>();
        object(result, "mechanism").forEach((k, v) -> mechanism.put(k, String.valueOf(v)));
        return new FitResult(
                string(result, "model"),
                r2,
                mechanism,
                (long) number(result, "fitMillis"),
                Boolean.TRUE.equals(result.get("cached")));
    }

    static EffectResult effectResult(Map<String, Object> result) {
        Map<String, EffectResult.Effect> effects = new LinkedHashMap<>();
        object(result, "effects").forEach((target, raw) -> {
            Map<String, Object> e = asObject(raw, "effects." + target);
            effects.put(target, new EffectResult.Effect(number(e, "value"), number(e, "low"), number(e, "high")));
        });
        return new EffectResult(effects, number(result, "level"));
    }

    static boolean dropped(Map<String, Object> result) {
        return Boolean.TRUE.equals(result.get("dropped"));
    }

    private static Map<String, Object> object(Map<String, Object> map, String key) {
        return asObject(map.get(key), key);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw garbage(what + " is not an object");
    }

    private static double number(Map<String, Object> map, String key) {
        return asNumber(map.get(key), key);
    }

    private static double asNumber(Object value, String what) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw garbage(what + " is not a number");
    }

    private static String string(Map<String, Object> map, String key) {
        if (map.get(key) instanceof String s) {
            return s;
        }
        throw garbage(key + " is not a string");
    }

    private static SidecarException garbage(String what) {
        return new SidecarException(Reason.SIDECAR_UNAVAILABLE, "the sidecar answered in an unexpected shape: " + what);
    }
}
