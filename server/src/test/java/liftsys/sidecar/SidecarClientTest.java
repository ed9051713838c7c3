package liftsys.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import liftsys.time.Deadline;
import org.junit.jupiter.api.Test;

/** The client against the real DoWhy sidecar in the set-up environment ({@code ./liftsys setup}). */
class SidecarClientTest {
    private static final Duration BUDGET = Duration.ofSeconds(30);

    private static SidecarClient client;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(SidecarConfig.defaultPython(Sidecars.root())),
                "the DoWhy environment is missing: run ./liftsys setup");
        client = new SidecarClient(Sidecars.real());
    }

    /** A fresh deadline for each call. */
    private static Deadline budget() {
        return Deadline.after(BUDGET);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void helloSaysReadyWithTheVersionsThatDecideTheNumbers() {
        Hello hello = client.hello(budget());

        assertTrue(hello.ready());
        assertEquals(1, hello.protocol());
        assertEquals("0.14", hello.versions().get("dowhy"));
        assertTrue(hello.versions().containsKey("python") && hello.versions().containsKey("numpy"));
    }

    @Test
    void fitThenEffectRoundTripGivesTheChainsCoefficients() {
        FitResult fit = client.fit(Sidecars.chain(500, 1), budget());

        EffectResult result = client.effect(Sidecars.shiftX(fit.model()), budget());

        assertEquals(Map.of("x", "root:empirical", "y", "linear-exact", "z", "linear-exact"), fit.mechanism());
        assertEquals(1.0, fit.r2().get("y"), 1e-9);
        assertEquals(List.of("y", "z"), List.copyOf(result.effects().keySet()));
        assertEffect(2.0, result.effects().get("y"));
        assertEffect(-6.0, result.effects().get("z"));
        assertEquals(0.95, result.level());
    }

    @Test
    void setInterventionOnABooleanReachesTheNamedTarget() {
        List<Double> x = new ArrayList<>();
        List<Double> flag = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double v = (i * 37 % 100) / 10.0;
            x.add(v);
            flag.add(v > 5 ? 1.0 : 0.0);
            y.add(10 * (v > 5 ? 1.0 : 0.0) + v);
        }
        FitRequest request = new FitRequest(
                List.of(Sidecars.node("x", "parameter"),
                        new FitRequest.Node("flag", "local", FitRequest.ValueType.BOOLEAN),
                        Sidecars.node("y", "return")),
                List.of(new FitRequest.Edge("x", "flag", "data"), new FitRequest.Edge("flag", "y", "control"),
                        new FitRequest.Edge("x", "y", "data")),
                Map.of("x", x, "flag", flag, "y", y), "GOOD", 0);
        FitResult fit = client.fit(request, budget());

        EffectResult result = client.effect(
                new EffectRequest(fit.model(), NodeIntervention.set("flag", 0, 1), List.of("y"), 500, 0.9, 0), budget());

        assertEquals("tree-exact", fit.mechanism().get("flag"));
        assertEffect(10.0, result.effects().get("y"));
        assertEquals(0.9, result.level());
    }

    @Test
    void refittingIdenticalDataReturnsTheKeptModel() {
        FitResult first = client.fit(Sidecars.chain(200, 2), budget());

        FitResult second = client.fit(Sidecars.chain(200, 2), budget());

        assertEquals(first.model(), second.model());
        assertTrue(second.cached());
    }

    @Test
    void theLastBitOfEveryValueReachesTheSidecar() {
        FitRequest plain = Sidecars.chain(200, 8);
        List<Double> x = new ArrayList<>(plain.data().get("x"));
        x.set(3, Math.nextUp(x.get(3)));
        FitRequest oneUlpApart = new FitRequest(plain.nodes(), plain.edges(),
                Map.of("x", x, "y", plain.data().get("y"), "z", plain.data().get("z")), "GOOD", 0);

        // The model key hashes the float64 bytes the sidecar read: equal data, equal key; one ulp apart, another.
        assertEquals(client.fit(plain, budget()).model(), client.fit(Sidecars.chain(200, 8), budget()).model());
        assertNotEquals(client.fit(plain, budget()).model(), client.fit(oneUlpApart, budget()).model());
    }

    @Test
    void dropForgetsAModelOnce() {
        FitResult fit = client.fit(Sidecars.chain(100, 3), budget());

        assertTrue(client.drop(fit.model(), budget()));
        assertFalse(client.drop(fit.model(), budget()));
    }

    @Test
    void badRequestsAreRejectedWithTheSidecarsMessageAndNeverOpenTheBreaker() {
        FitResult fit = client.fit(Sidecars.chain(100, 4), budget());
        EffectRequest upstream = new EffectRequest(fit.model(), NodeIntervention.shift("y", 1), List.of("x"), 100, 0.95, 0);

        for (int i = 0; i < 4; i++) {
            SidecarRejectedException e = assertThrows(SidecarRejectedException.class, () -> client.effect(upstream, budget()));
            assertEquals(SidecarRejectedException.Code.BAD_REQUEST, e.code());
            assertTrue(e.getMessage().contains("not downstream"), e.getMessage());
        }
        assertTrue(client.hello(budget()).ready());
    }

    @Test
    void concurrentFitsAndQueriesAllGetTheirOwnAnswers() throws Exception {
        FitResult shared = client.fit(Sidecars.chain(300, 5), budget());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Double>> answers = new ArrayList<>();
            for (int i = 0; i < 18; i++) {
                int seed = i;
                Callable<Double> task = i % 3 == 0
                        ? () -> client.effect(Sidecars.shiftX(client.fit(Sidecars.chain(300, 100 + seed), budget())
                                .model()), budget()).effects().get("z").value()
                        : () -> client.effect(Sidecars.shiftX(shared.model()), budget()).effects().get("y").value();
                answers.add(pool.submit(task));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals(i % 3 == 0 ? -6.0 : 2.0, answers.get(i).get(60, TimeUnit.SECONDS), 1e-9);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void killedSidecarIsRestartedAndItsLostModelRefittedTransparently() throws Exception {
        FitResult fit = client.fit(Sidecars.chain(500, 6), budget());
        long pid = client.processId().orElseThrow();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        EffectResult result = client.effect(Sidecars.shiftX(fit.model()), budget());

        assertNotEquals(pid, client.processId().orElseThrow());
        assertEffect(2.0, result.effects().get("y"));
    }

    @Test
    void interpreterWithoutDowhyIsUnavailableAndSaysSo() throws Exception {
        Process probe = new ProcessBuilder("python3", "-c", "import dowhy").start();
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() != 0, "python3 has dowhy installed");
        try (SidecarClient plain = new SidecarClient(Sidecars.real().withPython("python3"))) {
            SidecarException e = assertThrows(SidecarException.class, () -> plain.hello(budget()));

            assertEquals(SidecarFailure.SIDECAR_UNAVAILABLE, e.reason());
            assertTrue(e.getMessage().contains("cannot import DoWhy"), e.getMessage());
            assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        }
    }

    private static void assertEffect(double truth, EffectResult.Effect effect) {
        assertEquals(truth, effect.value(), 1e-9);
        assertTrue(effect.low() - 1e-9 <= truth && truth <= effect.high() + 1e-9, effect.toString());
    }
}
