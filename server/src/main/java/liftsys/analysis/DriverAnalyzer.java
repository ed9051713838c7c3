package liftsys.analysis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import liftsys.ir.Definition;
import liftsys.ir.MethodGraph;
import liftsys.ir.Variable;
import liftsys.sidecar.DriversRequest;
import liftsys.sidecar.DriversResult;
import liftsys.sidecar.SidecarException;
import liftsys.sidecar.SidecarRejectedException;
import liftsys.time.Deadline;

/**
 * What drives a variable ({@code liftsys/drivers}, {@code analyze --drivers}): the method's fitted
 * model (fitted here when none is cached, as a quantified question would), then the sidecar's
 * {@code drivers} on it. Rankings are cached by model, target and settings, so a hover can show
 * one without asking the sidecar (a ranking costs 0.2 to 7 s there, far beyond a hover's budget).
 * Thread-safe.
 */
public final class DriverAnalyzer {
    /** Resamples of the runs behind the intervals: DoWhy's default is 10 here too; the cost grows with it. */
    static final int BOOTSTRAP = 10;
    private static final int CACHED = 256;

    private final QuantitativeAnalyzer quantitative;
    private final Cache<String, DriverRanking> rankings = Caffeine.newBuilder().maximumSize(CACHED).build();

    public DriverAnalyzer(QuantitativeAnalyzer quantitative) {
        this.quantitative = quantitative;
    }

    /** A ranking, or why there is none. */
    public record Answer(DriverRanking ranking, Degradation degradation) {
    }

    /**
     * Ranks what drives the impact's subject. Checks {@code cancelled} between phases and throws
     * {@link CancellationException} when it says so.
     *
     * @throws BadQueryException when the subject is a method's name, or a variable nothing flows into
     */
    public Answer drivers(StructuralImpact impact, Settings settings, Deadline deadline, BooleanSupplier cancelled,
                          ProgressSink progress) throws BadQueryException {
        String node = targetNode(impact);
        try {
            FittedMethod fitted = quantitative.model(impact, settings, deadline, cancelled, progress);
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("the request was cancelled");
            }
            String key = key(fitted, node, settings);
            DriverRanking cached = rankings.getIfPresent(key);
            if (cached != null) {
                return new Answer(cached.locatedIn(impact, impact.document()), null);
            }
            if (!fitted.r2().containsKey(node)) {
                throw new BadQueryException(BadQueryException.Kind.NO_VARIABLE, "`" + impact.subject().name()
                        + "` is an input of " + impact.methodName() + " (or was not traced): nothing in the method "
                        + "drives it");
            }
            progress.report("ranking what drives " + impact.subject().name(), 90);
            DriversResult result = quantitative.client(settings).drivers(new DriversRequest(fitted.sidecarModel(),
                    node, QuantitativeAnalyzer.LEVEL, settings.seed(), BOOTSTRAP, Math.max(10, fitted.rows())),
                    deadline);
            DriverRanking ranking = ranking(impact, node, result);
            rankings.put(key, ranking);
            return new Answer(ranking.locatedIn(impact, impact.document()), null);
        } catch (DegradedException e) {
            return new Answer(null, e.degradation());
        } catch (SidecarException e) {
            return new Answer(null, Degradations.of(e, settings.timeoutMs()).degradation());
        } catch (SidecarRejectedException e) {
            return new Answer(null, Degradations.of(e).degradation());
        }
    }

    /** A ranking already made for the subject on the method's cached model; never computes (for hover). */
    public Optional<DriverRanking> cached(StructuralImpact impact, Settings settings) {
        if (impact.subject().isMethod() || impact.subject().definitionIds().isEmpty()) {
            return Optional.empty();
        }
        return quantitative.cached(impact, settings)
                .map(fitted -> rankings.getIfPresent(key(fitted, lastDefinition(impact), settings)))
                .map(ranking -> ranking.locatedIn(impact, impact.document()));
    }

    private static String key(FittedMethod fitted, String node, Settings settings) {
        return fitted.sidecarModel() + "|" + node + "|" + settings.seed();
    }

    private static String targetNode(StructuralImpact impact) throws BadQueryException {
        if (impact.subject().isMethod()) {
            throw new BadQueryException(BadQueryException.Kind.NO_VARIABLE, "what drives a value is asked of a "
                    + "variable, not of the method's name; put the cursor on a variable or the return value");
        }
        if (impact.subject().definitionIds().isEmpty()) {
            throw new BadQueryException(BadQueryException.Kind.NO_VARIABLE, "`" + impact.subject().name()
                    + "` has no value in " + impact.methodName() + " to rank the drivers of");
        }
        return lastDefinition(impact);
    }

    /** Of the definitions the position stands for (a use may be reached by several), the last one made. */
    private static String lastDefinition(StructuralImpact impact) {
        List<String> ids = impact.subject().definitionIds();
        List<Definition> order = impact.graph().definitions();
        return ids.stream().max(java.util.Comparator.comparingInt(id -> order.indexOf(impact.graph().definition(id))))
                .orElseThrow();
    }

    private static DriverRanking ranking(StructuralImpact impact, String node, DriversResult result) {
        NodeNames names = NodeNames.of(impact);
        List<String> notes = result.notes().stream().map(names::rewrite).toList();
        return new DriverRanking(impact.subject().name(), node, drivers(impact.graph(), names, result.parents()),
                drivers(impact.graph(), names, result.ancestors()), result.level(), result.bootstrap(), notes);
    }

    private static List<DriverRanking.Driver> drivers(MethodGraph graph, NodeNames names,
                                                      List<DriversResult.Driver> found) {
        List<DriverRanking.Driver> out = new ArrayList<>();
        for (DriversResult.Driver d : found) {
            Definition definition = graph.definition(d.node());
            if (definition == null) {
                continue;
            }
            Variable v = graph.variableOf(definition);
            String name = names.quoted(d.node()).replace("`", "");
            out.add(new DriverRanking.Driver(name, v.id(), d.node(), v.kind(), null, d.value(), d.low(), d.high(),
                    d.share()));
        }
        return out;
    }
}
