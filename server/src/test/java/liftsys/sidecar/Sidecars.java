package liftsys.sidecar;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Where the real and the fake sidecars live, and small builders for their requests. */
final class Sidecars {
    private Sidecars() {}

    /** The repository root, from the {@code liftsys.root} property surefire sets. */
    static Path root() {
        return Path.of(System.getProperty("liftsys.root", "..")).toAbsolutePath().normalize();
    }

    /** The set-up environment's interpreter (has DoWhy), or python3 from PATH for the fakes. */
    static String python() {
        Path env = SidecarConfig.defaultPython(root());
        return Files.isExecutable(env) ? env.toString() : "python3";
    }

    static SidecarConfig real() {
        return SidecarConfig.forRepository(root());
    }

    /**
     * A config whose {@code liftsys_dowhy} is the fake, steered by the mode file; it appends each
     * request's method to {@link #requestLog} of the mode file.
     */
    static SidecarConfig fake(Path modeFile, Duration cooldown) {
        Path fakeSrc;
        try {
            fakeSrc = Path.of(Sidecars.class.getResource("/sidecar/fake").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return SidecarConfig.forRepository(root())
                .withPython(python())
                .withSourceDir(fakeSrc)
                .withCooldown(cooldown)
                .withEnvironment(Map.of("FAKE_SIDECAR_MODE", modeFile.toString(), "FAKE_SIDECAR_START_MS", "1500",
                        "FAKE_SIDECAR_LOG", requestLog(modeFile).toString()));
    }

    /** Where the fake steered by {@code modeFile} logs the methods it received. */
    static Path requestLog(Path modeFile) {
        return modeFile.resolveSibling("requests.log");
    }

    /** x -> y = 2x + 1 -> z = -3y, over {@code rows} rows. */
    static FitRequest chain(int rows, long seed) {
        List<Double> x = new java.util.ArrayList<>();
        List<Double> y = new java.util.ArrayList<>();
        List<Double> z = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < rows; i++) {
            double v = random.nextDouble() * 10;
            x.add(v);
            y.add(2 * v + 1);
            z.add(-3 * (2 * v + 1));
        }
        return new FitRequest(
                List.of(node("x", "parameter"), node("y", "local"), node("z", "return")),
                List.of(new FitRequest.Edge("x", "y", "data"), new FitRequest.Edge("y", "z", "data")),
                Map.of("x", x, "y", y, "z", z),
                "GOOD",
                0);
    }

    static FitRequest.Node node(String id, String kind) {
        return new FitRequest.Node(id, kind, FitRequest.ValueType.CONTINUOUS);
    }

    static EffectRequest shiftX(String model) {
        return new EffectRequest(model, NodeIntervention.shift("x", 1.0), List.of(), 500, 0.95, 0);
    }
}
