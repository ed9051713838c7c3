package liftsys.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import liftsys.analysis.AnalysisWiring;
import liftsys.analysis.BadQueryException;
import liftsys.analysis.Direction;
import liftsys.analysis.Degradation;
import liftsys.analysis.DriverRanking;
import liftsys.analysis.EffectText;
import liftsys.analysis.ImpactAnswer;
import liftsys.analysis.ImpactEntry;
import liftsys.analysis.ImpactService;
import liftsys.analysis.Intervention;
import liftsys.analysis.ModelSummary;
import liftsys.analysis.QuantEffect;
import liftsys.analysis.ProgressSink;
import liftsys.analysis.SidecarHolder;
import liftsys.trace.Tracer;
import liftsys.analysis.Settings;
import liftsys.analysis.StructuralImpact;
import liftsys.lsp.DriversJson;
import liftsys.lsp.ExplicitJson;
import liftsys.lsp.ProtocolJson;
import liftsys.text.DocumentStore;
import liftsys.text.Position;
import liftsys.text.TextRange;

/**
 * {@code analyze FILE:LINE:COL [--direction d] [--json] [--quantify] [--drivers]}: the answer of
 * {@code liftsys/causalImpact} for one position, with one-based line and column for people; with
 * {@code --drivers}, the answer of {@code liftsys/drivers} (what drives the variable there) instead.
 */
final class AnalyzeCommand {
    private AnalyzeCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String target = null;
        Direction direction = Direction.DOWNSTREAM;
        boolean json = false;
        boolean quantify = false;
        boolean drivers = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--quantify" -> quantify = true;
                case "--drivers" -> drivers = true;
                case "--direction" -> {
                    direction = i + 1 < args.length ? Direction.fromWire(args[++i]) : null;
                    if (direction == null) {
                        err.println("liftsys analyze: --direction takes downstream, upstream or both");
                        return 2;
                    }
                }
                default -> {
                    if (args[i].startsWith("--") || target != null) {
                        err.println("liftsys analyze: unexpected argument " + args[i]);
                        return 2;
                    }
                    target = args[i];
                }
            }
        }
        if (target == null) {
            err.println("usage: liftsys analyze FILE:LINE:COL [--direction downstream|upstream|both] [--json] "
                    + "[--quantify] [--drivers]");
            return 2;
        }
        String[] parts = target.split(":");
        if (parts.length < 3) {
            err.println("liftsys analyze: expected FILE:LINE:COL, got " + target);
            return 2;
        }
        int line;
        int column;
        try {
            line = Integer.parseInt(parts[parts.length - 2]);
            column = Integer.parseInt(parts[parts.length - 1]);
        } catch (NumberFormatException e) {
            err.println("liftsys analyze: LINE and COL must be numbers in " + target);
            return 2;
        }
        if (line < 1 || column < 1) {
            err.println("liftsys analyze: LINE and COL start at 1, got " + line + ":" + column);
            return 2;
        }
        Path file = Path.of(String.join(":", List.of(parts).subList(0, parts.length - 2)));
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("liftsys analyze: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        String uri = file.toAbsolutePath().normalize().toUri().toString();
        DocumentStore store = new DocumentStore();
        store.open(uri, 1, text);
        try (Tracer tracer = new Tracer();
             SidecarHolder sidecar = new SidecarHolder(Path.of(System.getProperty("liftsys.root", ".")))) {
            ImpactService service = AnalysisWiring.of(store, tracer, sidecar, AnalysisWiring.Sizes.ONE_QUESTION).impact();
            if (drivers) {
                ImpactService.DriversAnswer ranked = service.drivers(store.get(uri).orElseThrow(),
                        new Position(line - 1, column - 1), Settings.DEFAULTS, () -> false, ProgressSink.NONE);
                if (json) {
                    out.println(ExplicitJson.prettyGson().toJson(DriversJson.of(ranked)));
                } else {
                    out.print(driversTable(ranked));
                }
                return 0;
            }
            ImpactAnswer answer = service.impact(uri, new Position(line - 1, column - 1), direction, quantify,
                    Intervention.shiftBy(1.0), Settings.DEFAULTS, () -> false, ProgressSink.NONE);
            if (json) {
                out.println(ExplicitJson.prettyGson().toJson(ProtocolJson.answer(answer)));
            } else {
                out.print(table(answer, direction));
            }
            return 0;
        } catch (BadQueryException e) {
            err.println("liftsys analyze: " + file + ":" + line + ":" + column + ": " + e.getMessage());
            return 2;
        }
    }

    static String table(ImpactAnswer answer, Direction direction) {
        StructuralImpact s = answer.structural();
        StringBuilder b = new StringBuilder();
        b.append(s.subject().isMethod() ? "all parameters of " + s.methodName()
                        : s.subject().name() + " (" + s.subject().kind().wireName() + ") in " + s.methodName())
                .append(", at ").append(human(s.subject().range())).append('\n');
        Map<String, QuantEffect> effects = answer.quantitative() == null ? Map.of() : answer.quantitative().effects();
        Map<String, String> measures = answer.quantitative() == null ? Map.of() : answer.quantitative().measures();
        if (direction.includesDownstream()) {
            section(b, "affects (downstream)", s.downstream(), effects, measures);
        }
        if (direction.includesUpstream()) {
            section(b, "depends on (upstream)", s.upstream(), Map.of(), Map.of());
        }
        if (answer.quantifyAsked()) {
            ModelSummary m = answer.quantitative().model();
            b.append("  effect sizes: ").append(m != null
                    ? "effect of +1 on " + s.subject().name() + ", fitted by " + m.engine() + " on " + m.samples()
                            + " runs in " + m.fitMillis() + " ms" + (m.cached() ? " (cached)" : "")
                    : "degraded, " + answer.degradation().reason().wireName() + ": " + answer.degradation().message())
                    .append('\n');
        }
        return b.toString();
    }

    static String driversTable(ImpactService.DriversAnswer answer) {
        StructuralImpact s = answer.impact();
        StringBuilder b = new StringBuilder("what drives ").append(s.subject().name()).append(" (")
                .append(s.subject().kind().wireName()).append(") in ").append(s.methodName()).append(", at ")
                .append(human(s.subject().range())).append('\n');
        DriverRanking ranking = answer.answer().ranking();
        if (ranking == null) {
            Degradation d = answer.answer().degradation();
            return b.append("  degraded, ").append(d.reason().wireName()).append(": ").append(d.message()).append('\n')
                    .toString();
        }
        b.append("  (").append(ranking.measureDescription()).append(")\n");
        drivers(b, "its inputs, by how much cutting each changes it (arrow strength)", ranking.parents());
        drivers(b, "everything upstream, by its own contribution (intrinsic causal influence)", ranking.ancestors());
        ranking.notes().forEach(n -> b.append("  note: ").append(n).append('\n'));
        return b.toString();
    }

    private static void drivers(StringBuilder b, String title, List<DriverRanking.Driver> drivers) {
        b.append("  ").append(title).append(':');
        if (drivers.isEmpty()) {
            b.append(" none\n");
            return;
        }
        b.append('\n');
        String format = "    %-14s %-10s %-9s %7s  %s%n";
        b.append(String.format(format, "variable", "kind", "declared", "share", "measure [interval]")).append("");
        for (DriverRanking.Driver d : drivers) {
            b.append(String.format(format, d.name(), d.kind().wireName(), d.range() == null ? "" : human(d.range()),
                    String.format(java.util.Locale.ROOT, "%.1f%%", d.share() * 100),
                    EffectText.interval(d.value(), d.low(), d.high()).replace("+", "")));
        }
    }

    private static void section(StringBuilder b, String title, List<ImpactEntry> entries,
                                Map<String, QuantEffect> effects, Map<String, String> measures) {
        b.append("  ").append(title).append(':');
        if (entries.isEmpty()) {
            b.append(" nothing\n");
            return;
        }
        b.append('\n');
        String format = "    %-14s %-10s %-9s %-9s %-34s %s%n";
        b.append(String.format(format, "variable", "kind", "distance", "declared", "path",
                effects.isEmpty() ? "" : "effect [95% interval]").stripTrailing()).append('\n');
        for (ImpactEntry e : entries) {
            QuantEffect q = effects.get(e.variableId());
            String measure = measures.get(e.variableId());
            String effect = q == null ? "" : EffectText.line(q) + (measure == null ? "" : " (" + measure + ")");
            b.append(String.format(format, e.name(), e.kind().wireName(), e.distance(), human(e.range()),
                    String.join(" -> ", e.path()), effect).stripTrailing()).append('\n');
        }
        for (ImpactEntry e : entries) {
            QuantEffect q = effects.get(e.variableId());
            if (q != null && q.unreliable()) {
                b.append("    ").append(e.name()).append(":\n");
                q.reasons().forEach(r -> b.append("      - ").append(r.message()).append('\n'));
            }
        }
    }

    private static String human(TextRange r) {
        return (r.start().line() + 1) + ":" + (r.start().character() + 1);
    }
}
