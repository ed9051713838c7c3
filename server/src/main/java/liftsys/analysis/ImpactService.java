package liftsys.analysis;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import liftsys.text.DocumentSnapshot;
import liftsys.text.DocumentStore;
import liftsys.text.Position;
import liftsys.time.Deadline;

/**
 * Answers impact questions about the open documents. The structural part comes at once from the
 * snapshot current when the question arrives; the quantitative part, when asked, is computed for
 * that same snapshot, so an answer is always for the version it names.
 */
public final class ImpactService {
    private final DocumentStore documents;
    private final StructuralAnalyzer structural;
    private final QuantitativeAnalyzer quantitative;
    private final DocumentIrCache ir;
    private final DriverAnalyzer drivers;
    private final CounterfactualAnalyzer counterfactuals;
    private final CompileCheck compileCheck = new CompileCheck();

    public ImpactService(DocumentStore documents, DocumentIrCache ir, QuantitativeAnalyzer quantitative) {
        this.documents = documents;
        this.ir = ir;
        this.structural = new StructuralAnalyzer(ir);
        this.quantitative = quantitative;
        this.drivers = new DriverAnalyzer(quantitative);
        this.counterfactuals = new CounterfactualAnalyzer(quantitative);
    }

    public DocumentSnapshot snapshot(String uri) throws BadQueryException {
        return documents.get(uri).orElseThrow(() -> new BadQueryException(BadQueryException.Kind.UNKNOWN_DOCUMENT,
                "document " + uri + " is not open"));
    }

    public StructuralImpact structural(String uri, Position position, Direction direction) throws BadQueryException {
        return structural.analyze(snapshot(uri), position, direction);
    }

    /**
     * The answer for a position. {@code cancelled} is checked between phases; when it says so the
     * call ends with a {@link java.util.concurrent.CancellationException}.
     */
    public ImpactAnswer impact(String uri, Position position, Direction direction, boolean quantify,
                               Intervention intervention, Settings settings, BooleanSupplier cancelled,
                               ProgressSink progress) throws BadQueryException {
        return impact(snapshot(uri), position, direction, quantify, intervention, settings, cancelled, progress);
    }

    /** The answer for a position in one snapshot: the version the question arrived at, whatever comes after. */
    public ImpactAnswer impact(DocumentSnapshot snapshot, Position position, Direction direction, boolean quantify,
                               Intervention intervention, Settings settings, BooleanSupplier cancelled,
                               ProgressSink progress) throws BadQueryException {
        StructuralImpact answer = structural.analyze(snapshot, position, direction);
        if (!quantify) {
            return new ImpactAnswer(answer, null);
        }
        StructuralImpact withDownstream = direction.includesDownstream() ? answer
                : structural.analyze(answer.snapshot(), position, Direction.BOTH);
        // The request's one deadline: every phase below gets what is left of it.
        Deadline deadline = Deadline.after(Duration.ofMillis(settings.timeoutMs()));
        QuantitativeAnswer q = quantitative.quantify(withDownstream, intervention, settings, deadline, cancelled,
                progress);
        return new ImpactAnswer(answer, q);
    }

    /** What drives the variable at a position, with its structural impact (for names and ranges). */
    public record DriversAnswer(StructuralImpact impact, DriverAnalyzer.Answer answer) {
    }

    /**
     * What drives the variable at a position: the method's model (fitted here when none is cached),
     * then DoWhy's arrow strength and intrinsic causal influence, within {@code timeoutMs}.
     */
    public DriversAnswer drivers(DocumentSnapshot snapshot, Position position, Settings settings,
                                 BooleanSupplier cancelled, ProgressSink progress) throws BadQueryException {
        StructuralImpact impact = structural.analyze(snapshot, position, Direction.BOTH);
        Deadline deadline = Deadline.after(Duration.ofMillis(settings.timeoutMs()));
        return new DriversAnswer(impact, drivers.drivers(impact, settings, deadline, cancelled, progress));
    }

    /** A ranking of what drives the hovered variable, if one was made on the method's cached model; never computes. */
    public Optional<DriverRanking> cachedDrivers(StructuralImpact impact, Settings settings) {
        return drivers.cached(impact, settings);
    }

    /** One traced run replayed with the variable at a position changed, with its structural impact. */
    public record CounterfactualAnswer(StructuralImpact impact, CounterfactualAnalyzer.Answer answer) {
    }

    /** "This run, with the variable changed": modelled by DoWhy and measured by running the code, within {@code timeoutMs}. */
    public CounterfactualAnswer counterfactual(DocumentSnapshot snapshot, Position position, int run,
                                               Intervention change, Settings settings, BooleanSupplier cancelled,
                                               ProgressSink progress) throws BadQueryException {
        StructuralImpact impact = structural.analyze(snapshot, position, Direction.BOTH);
        Deadline deadline = Deadline.after(Duration.ofMillis(settings.timeoutMs()));
        return new CounterfactualAnswer(impact,
                counterfactuals.replay(impact, run, change, settings, deadline, cancelled, progress));
    }

    public MethodGraphView methodGraph(String uri, Position position) throws BadQueryException {
        return structural.methodGraph(snapshot(uri), position);
    }

    /** Effect sizes for a hover: from a cached model only, within a short budget; empty when none is cached. */
    public Optional<QuantitativeAnswer> cachedEffects(StructuralImpact impact, Settings settings, Duration budget) {
        return quantitative.fromCache(impact, Intervention.shiftBy(1.0), settings, Deadline.after(budget));
    }

    /** A method's parameters with how many variables each reaches, for code lenses. */
    public java.util.List<java.util.Map.Entry<String, Integer>> parameterReach(DocumentSnapshot snapshot,
                                                                             liftsys.ir.Member member) {
        return structural.parameterReach(snapshot, member);
    }

    public Optional<RecentEffects> recentEffects(DocumentSnapshot snapshot, liftsys.ir.Member member,
                                                 Settings settings) {
        return quantitative.recent(snapshot, ir.documentOf(snapshot), member, settings);
    }

    /**
     * Whether the snapshot's text parses and compiles with the class path setting (javac, nothing
     * run): after an edit, a "does not compile" diagnostic goes as soon as this is true.
     */
    public boolean fileCompiles(DocumentSnapshot snapshot, Settings settings) {
        return ir.documentOf(snapshot).problems().isEmpty()
                && compileCheck.firstError(snapshot.text(), settings.classpath()).isEmpty();
    }

    public QuantitativeAnalyzer quantitative() {
        return quantitative;
    }
}
