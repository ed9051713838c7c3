package liftsys.analysis;

import java.nio.file.Path;
import liftsys.ir.GraphCache;
import liftsys.text.DocumentStore;
import liftsys.trace.Tracer;

/**
 * The analysis object graph, wired in one place: the documents' IR (method graphs cached by their
 * text), the quantitative analyzer over a tracer and a sidecar, the impact service, and the
 * editor's facade. The language server, {@code liftsys analyze} and tests take it from here. The
 * tracer and the sidecar are the caller's, who closes them (a test may share one across cases).
 *
 * @param ir           each document's IR, per snapshot
 * @param quantitative effect sizes: traces, fits and their caches
 * @param impact       the answers to the protocol's questions
 * @param editor       what lenses, hints and diagnostics show, as plain records
 */
public record AnalysisWiring(DocumentIrCache ir, QuantitativeAnalyzer quantitative, ImpactService impact,
                             EditorFacts editor) {

    /** How much is kept: method graphs, and quantitative results (fits, effects). */
    public record Sizes(int graphs, int results) {
        /** A language server's: a workspace's methods. */
        public static final Sizes SERVER = new Sizes(4096, 256);
        /** One question from the command line. */
        public static final Sizes ONE_QUESTION = new Sizes(256, 16);
        /** A test's few documents. */
        public static final Sizes SMALL = new Sizes(16, 4);
    }

    /**
     * @param incremental     whether an edit inside one method reparses that method alone
     * @param dumpFitRequests where to write every fit request (for the sidecar's tests), or null
     */
    public static AnalysisWiring of(DocumentStore documents, Tracer tracer, SidecarHolder sidecar, Sizes sizes,
                                    boolean incremental, Path dumpFitRequests) {
        DocumentIrCache ir = new DocumentIrCache(new GraphCache(sizes.graphs()), incremental);
        QuantitativeAnalyzer quantitative = new QuantitativeAnalyzer(MethodTracer.of(tracer), sidecar, ir,
                sizes.results(), dumpFitRequests);
        ImpactService impact = new ImpactService(documents, ir, quantitative);
        return new AnalysisWiring(ir, quantitative, impact, new EditorFacts(impact, ir));
    }

    /** Incremental reparsing, no dump of fit requests. */
    public static AnalysisWiring of(DocumentStore documents, Tracer tracer, SidecarHolder sidecar, Sizes sizes) {
        return of(documents, tracer, sidecar, sizes, true, null);
    }
}
