package liftsys.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import liftsys.project.BuildResolution;
import liftsys.project.ProjectListener;
import liftsys.project.ProjectModel;
import liftsys.project.ResolveSettings;
import org.eclipse.lsp4j.Position;

/**
 * The real-project row (issue 14): the sample Maven project of bench/inputs/shop (four classes
 * that call each other, one dependency in its pom), copied to a fresh directory. Measures the
 * class path resolution by the project model (Maven cold, then from the on-disk cache), and in
 * a fresh server with the project as workspace root and no settings: open a file, the first
 * quantified answer, then warm (a method of another file in the same server); twice, first with
 * the server's class path cache empty, then in a second fresh server with it filled.
 */
final class ProjectBench {
    private ProjectBench() {
    }

    static Map<String, Object> run(Path root) throws Exception {
        Path project = Files.createTempDirectory("liftsys-shop").resolve("shop");
        copy(root.resolve("bench/inputs/shop"), project);
        Map<String, Object> out = new LinkedHashMap<>();
        Path checkout = project.resolve("src/main/java/shop/Checkout.java");
        Path cache = Files.createTempDirectory("liftsys-resolve-cache");
        for (String run : List.of("resolveColdMs", "resolveCachedMs")) {
            try (ProjectModel model = new ProjectModel(ResolveSettings.defaults().withCacheDir(cache),
                    ProjectListener.NONE)) {
                model.setWorkspaceRoots(List.of(project));
                long t = System.nanoTime();
                BuildResolution resolution = model.resolution(checkout).get(5, TimeUnit.MINUTES);
                out.put(run, Stats.round((System.nanoTime() - t) / 1e6));
                out.put(run.replace("Ms", "Problem"), resolution.problem() == null ? "" : resolution.problem().summary());
            }
        }
        // The server's own class path cache (XDG_CACHE_HOME) starts empty: the first server resolves
        // with Maven, the second (a reopened project) reads the class path from the disk cache.
        Map<String, String> environment = Map.of("XDG_CACHE_HOME", Files.createTempDirectory("liftsys-xdg").toString());
        for (String run : List.of("coldClassPath", "cachedClassPath")) {
            Path log = Files.createTempFile("liftsys-shop-server", ".log");
            try (BenchClient client = BenchClient.startInWorkspace(root, project, log, null, environment)) {
                String text = Files.readString(checkout);
                long t = System.nanoTime();
                client.open(checkout.toUri().toString(), text);
                JsonObject first = quantify(client, checkout.toUri().toString(), at(text, "double price", "price"));
                out.put("openToFirstQuantifiedMs." + run, Stats.round((System.nanoTime() - t) / 1e6));
                out.put("firstStatus." + run, status(first));
                Path discounts = project.resolve("src/main/java/shop/Discounts.java");
                String other = Files.readString(discounts);
                client.open(discounts.toUri().toString(), other);
                t = System.nanoTime();
                JsonObject warm = quantify(client, discounts.toUri().toString(), at(other, "int quantity", "quantity"));
                out.put("warmQuantifiedMs." + run, Stats.round((System.nanoTime() - t) / 1e6));
                out.put("warmStatus." + run, status(warm));
            }
        }
        return out;
    }

    private static String status(JsonObject answer) {
        String status = answer.getAsJsonObject("model").get("status").getAsString();
        if (status.equals("fitted") || !answer.get("degraded").isJsonObject()) {
            return status;
        }
        return status + ": " + answer.getAsJsonObject("degraded").get("message").getAsString().lines().findFirst()
                .orElse("");
    }

    private static JsonObject quantify(BenchClient client, String uri, Position p) throws Exception {
        JsonObject params = JsonParser.parseString("{\"textDocument\": {\"uri\": \"" + uri + "\"}, \"position\": "
                + "{\"line\": " + p.getLine() + ", \"character\": " + p.getCharacter() + "}, \"quantify\": true}")
                .getAsJsonObject();
        return client.server.causalImpact(params).get(Duration.ofMinutes(5).toSeconds(), TimeUnit.SECONDS);
    }

    private static Position at(String text, String needle, String word) {
        return Bench.positionOf(text, text.indexOf(needle) + needle.lastIndexOf(word));
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
