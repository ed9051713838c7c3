package liftsys.analysis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import liftsys.time.Deadline;
import liftsys.trace.Trace;
import liftsys.trace.TraceException;
import liftsys.trace.TraceIntervention;
import liftsys.trace.TraceProject;
import liftsys.trace.TraceRequest;

/**
 * Checked effects (issue 7): reruns the sampled inputs the model was fitted on (same seed, same
 * count) with the request's intervention applied in the code itself, and measures the average
 * effect on every target from paired rows ({@link PairedEffects}). A shift is one run, paired with
 * the trace the model was fitted on (kept here while its model is cached, else traced again); a
 * set is two runs, one per value. Also says whether the intervention takes the subject outside
 * the range it was sampled in ({@link Extrapolation}).
 *
 * <p>Outcomes are cached by the same key as the effect they check (model, subject, intervention,
 * targets); concurrent identical checks share one computation. A check that ran out of time is
 * kept with the time it had, and checked again only by a request with more than twice that time
 * (so code that the intervention sends into an endless loop does not cost every later answer its
 * whole budget); any other failure is kept as a note and leaves the effects unchecked. Nothing
 * here ever degrades an answer. Thread-safe.
 */
final class EffectChecker {
    static final double LEVEL = 0.95;
    private static final int OUTCOMES = 2048;
    /** Kept traces are weighed by their values (rows x columns): about 32 MB of doubles. */
    private static final long BASELINE_CELLS = 4_000_000;

    /**
     * What checking found: observed effects by target definition id (empty when not checked), the
     * scale (median magnitude of its traced values) of each checked target in the reference run, the
     * extrapolation note (or null), and a note on why nothing was checked (or null).
     * {@code timedOutWithin} is the time in nanoseconds a check that ran out of time had, else 0.
     */
    record Outcome(Map<String, ObservedEffect> observed, Map<String, Double> scales, String extrapolation,
                   String unchecked, long timedOutWithin) {
        static final Outcome NONE = new Outcome(Map.of(), Map.of(), null, null, 0);

        Outcome {
            observed = Map.copyOf(observed);
            scales = Map.copyOf(scales);
        }

        Outcome(Map<String, ObservedEffect> observed, String extrapolation, String unchecked, long timedOutWithin) {
            this(observed, Map.of(), extrapolation, unchecked, timedOutWithin);
        }

        /** Whether a request with {@code budget} nanoseconds should check again rather than reuse this. */
        boolean worthRetrying(long budget) {
            return timedOutWithin > 0 && budget > 2 * timedOutWithin;
        }
    }

    private final MethodTracer tracer;
    /** The trace each cached model was fitted on, by content key; traces differ widely in size, so weighed. */
    private final Cache<String, Trace> baselines = Caffeine.newBuilder()
            .maximumWeight(BASELINE_CELLS)
            .weigher((String key, Trace trace) -> (int) Math.min(Integer.MAX_VALUE, cells(trace)))
            .build();
    private final SharedWork<Outcome> outcomes =
            new SharedWork<>(Caffeine.newBuilder().maximumSize(OUTCOMES).buildAsync());

    EffectChecker(MethodTracer tracer) {
        this.tracer = tracer;
    }

    /** Keeps the trace a model was fitted on, so a shift is checked with one run instead of two. */
    void remember(String contentKey, Trace trace) {
        baselines.put(contentKey, trace);
    }

    /** The trace a cached model was fitted on, while it is kept. */
    Optional<Trace> baseline(String contentKey) {
        return Optional.ofNullable(baselines.getIfPresent(contentKey));
    }

    /** Drops the trace of a model the cache let go of. */
    void forget(String contentKey) {
        baselines.invalidate(contentKey);
    }

    /** A finished outcome for the key, if any; never computes (for hover). */
    Optional<Outcome> cached(String key) {
        return outcomes.ready(key);
    }

    /**
     * The outcome for the key: cached, shared with a check under way, or computed here within the
     * deadline. Throws {@link CancellationException} only when {@code cancelled} says so.
     */
    Outcome check(String key, String contentKey, StructuralImpact impact, Intervention intervention,
                  List<String> targets, Settings settings, TraceProject project, Deadline deadline,
                  BooleanSupplier cancelled) {
        long budget = deadline.remainingNanos();
        try {
            return outcomes.get(key, deadline, done -> done.worthRetrying(budget), () -> { }, RuntimeException.class,
                    () -> compute(contentKey, impact, intervention, targets, settings, project, deadline, cancelled))
                    .value();
        } catch (TimeoutException e) {
            return outOfTime(settings, budget);
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            // Not kept: the next request checks again.
            return new Outcome(Map.of(), null, "Effects not checked by running the code: " + e, 0);
        }
    }

    private Outcome compute(String contentKey, StructuralImpact impact, Intervention intervention,
                            List<String> targets, Settings settings, TraceProject project, Deadline deadline,
                            BooleanSupplier cancelled) {
        checkCancelled(cancelled);
        long budget = Math.max(1, deadline.remainingNanos());
        List<String> subject = impact.subject().definitionIds();
        TraceRequest plain = new TraceRequest(impact.document(), impact.member(), impact.graph(),
                settings.samples(), settings.seed(), settings.classpath(), Duration.ofSeconds(1))
                .cancellable(cancelled).inProject(project);
        String extrapolation = null;
        try {
            Trace base = baselines.getIfPresent(contentKey);
            if (base == null) {
                base = tracer.trace(plain.within(remaining(deadline)));
                remember(contentKey, base);
            }
            extrapolation = Extrapolation.note(base, impact.subject().name(), subject, intervention);
            checkCancelled(cancelled);
            Map<String, ObservedEffect> observed;
            if (intervention.isShift()) {
                Trace shifted = tracer.trace(plain.with(TraceIntervention.shift(subject, intervention.shift()))
                        .within(remaining(deadline)));
                observed = PairedEffects.of(base, shifted, targets, LEVEL);
            } else {
                Trace from = tracer.trace(plain.with(setTo(subject, intervention, true)).within(remaining(deadline)));
                checkCancelled(cancelled);
                Trace to = tracer.trace(plain.with(setTo(subject, intervention, false)).within(remaining(deadline)));
                observed = PairedEffects.of(from, to, targets, LEVEL);
            }
            checkCancelled(cancelled);
            String unchecked = observed.isEmpty() ? "Effects not checked by running the code: no run completed "
                    + "both with and without the intervention." : null;
            return new Outcome(observed, scales(base, observed.keySet()), extrapolation, unchecked, 0);
        } catch (TraceException e) {
            boolean late = e.reason() == TraceException.Reason.TIMEOUT;
            return new Outcome(Map.of(), extrapolation, "Effects not checked by running the code: "
                    + sentence(e.getMessage()), late ? budget : 0);
        } catch (OutOfTime e) {
            return new Outcome(Map.of(), extrapolation, outOfTime(settings, budget).unchecked(), budget);
        }
    }

    /** The set intervention's reference ({@code from}) or alternative, as the code takes it. */
    private static TraceIntervention setTo(List<String> subject, Intervention intervention, boolean from) {
        if (intervention.isText()) {
            return TraceIntervention.setText(subject, from ? intervention.fromText() : intervention.toText());
        }
        return TraceIntervention.set(subject, from ? intervention.from() : intervention.to());
    }

    private static Outcome outOfTime(Settings settings, long budget) {
        return new Outcome(Map.of(), null, "Effects not checked by running the code: no time was left within "
                + "timeoutMs (" + settings.timeoutMs() + " ms); raise it to check them.", budget);
    }

    /** No time left for the next run. */
    private static final class OutOfTime extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfTime() {
            super(null, null, false, false);
        }
    }

    /** What is left for the next run, which the tracing layer takes as a duration. */
    private static Duration remaining(Deadline deadline) {
        if (deadline.remainingNanos() < TimeUnit.MILLISECONDS.toNanos(5)) {
            throw new OutOfTime();
        }
        return deadline.remaining();
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("the request was cancelled");
        }
    }

    private static String sentence(String message) {
        String m = message == null ? "the checking run failed" : message.strip();
        return m.endsWith(".") ? m : m + ".";
    }

    /**
     * The median magnitude of each target's traced values: the scale of rounding in its effects (the
     * median, not the range, so that a few huge values do not hide a real difference).
     */
    private static Map<String, Double> scales(Trace trace, java.util.Set<String> targets) {
        Map<String, Double> out = new java.util.HashMap<>();
        for (String target : targets) {
            if (!trace.columns().contains(target) || trace.rowCount() == 0) {
                continue;
            }
            double[] magnitudes = java.util.Arrays.stream(trace.column(target)).map(Math::abs).sorted().toArray();
            out.put(target, magnitudes[magnitudes.length / 2]);
        }
        return out;
    }

    private static long cells(Trace trace) {
        return (long) trace.rowCount() * trace.columns().size();
    }
}
