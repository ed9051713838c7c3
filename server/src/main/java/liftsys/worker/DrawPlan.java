package liftsys.worker;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import liftsys.wire.Wire;

/**
 * How the worker draws one execution's inputs and learns from its outcome (issue 15, Randoop's
 * and EvoSuite's feedback-directed generation kept simple): every input has a shape
 * ({@link NumericShape}, {@link ArrayShape}, a choice among enum constants or booleans, or its
 * sampler as it is), set up from what the code says ({@link Wire.Fact}s: guard clauses cut
 * ranges, compared constants widen them, array relations become {@link InputRelation}s), and
 * every choice a draw makes is an arm ({@link Arms}) credited with whether the run completed.
 * Any two arrays of a method may have to be equally long: each pair without a fact about it gets
 * that relation as a guess, learned like the rest. Not thread-safe; one per trace.
 */
final class DrawPlan {
    private final List<WorkerMain.Input> inputs;
    private final List<InputShape> shapes;
    private final List<InputRelation> relations;
    private final List<List<InputShape.Pick>> picks = new ArrayList<>();
    private final List<InputShape.Pick> relationPicks = new ArrayList<>();

    private DrawPlan(List<WorkerMain.Input> inputs, List<InputShape> shapes, List<InputRelation> relations) {
        this.inputs = inputs;
        this.shapes = shapes;
        this.relations = relations;
        for (int k = 0; k < inputs.size(); k++) {
            picks.add(new ArrayList<>());
        }
    }

    /**
     * The plan for the inputs the worker samples ({@code inputs}, whose specs are among the
     * request's), with the request's facts; {@code constants} are the values of the traced copy's
     * constants method (NaN where one could not be had).
     */
    static DrawPlan of(List<WorkerMain.Input> inputs, Wire.Request request, double[] constants) {
        return of(inputs, request.sampling().inputs(), request.sampling().facts(), constants);
    }

    /** The plan for {@code inputs}, whose specs are among {@code specs}, which the facts' indexes refer to. */
    static DrawPlan of(List<WorkerMain.Input> inputs, List<Wire.InputSpec> specs, List<Wire.Fact> requestFacts,
                       double[] constants) {
        int[] shapeOf = new int[specs.size()];
        java.util.Arrays.fill(shapeOf, -1);
        for (int k = 0; k < inputs.size(); k++) {
            for (int s = 0; s < shapeOf.length; s++) {
                if (specs.get(s) == inputs.get(k).spec()) {
                    shapeOf[s] = k;
                }
            }
        }
        ShapeFacts facts = new ShapeFacts(inputs);
        List<Wire.Fact> between = new ArrayList<>();
        for (Wire.Fact fact : requestFacts) {
            int k = shapeOf[fact.input()];
            int other = fact.other() >= 0 ? shapeOf[fact.other()] : -1;
            if (k < 0) {
                continue;
            }
            if (other >= 0) {
                between.add(fact);
                continue;
            }
            if (fact.other() >= 0 && fact.constant() < 0) {
                continue; // compared with an input that is not drawn (a final field) and has no known value
            }
            double c = fact.value() + (fact.constant() < 0 ? 0
                    : fact.constant() < constants.length ? constants[fact.constant()] : Double.NaN);
            if (Double.isFinite(c)) {
                facts.constant(k, fact, c);
            }
        }
        List<InputShape> shapes = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            shapes.add(facts.shape(k));
        }
        List<InputRelation> relations = relations(inputs, shapes, between, shapeOf);
        return new DrawPlan(inputs, shapes, relations);
    }

    /** The relations between drawn inputs: equal lengths first, then orders, then indexes (which need the lengths). */
    private static List<InputRelation> relations(List<WorkerMain.Input> inputs, List<InputShape> shapes,
                                                 List<Wire.Fact> facts, int[] shapeOf) {
        List<InputRelation> sameLength = new ArrayList<>();
        List<InputRelation> ordered = new ArrayList<>();
        List<InputRelation> within = new ArrayList<>();
        java.util.Set<Long> related = new java.util.HashSet<>();
        for (Wire.Fact f : facts) {
            int k = shapeOf[f.input()];
            int o = shapeOf[f.other()];
            String name = inputs.get(k).spec().name();
            String other = inputs.get(o).spec().name();
            double prior = f.hard() ? InputRelation.APPLIED_HARD : InputRelation.APPLIED_SOFT;
            InputShape mine = shapes.get(k);
            InputShape theirs = shapes.get(o);
            Wire.FactKind kind = f.kind();
            if (f.inputLength() && f.otherLength() && kind == Wire.FactKind.EQUALS && f.value() == 0
                    && mine instanceof ArrayShape shape && theirs instanceof ArrayShape && related.add(pair(k, o))) {
                sameLength.add(new InputRelation.SameLength(o, k, shape, prior, name + " as long as " + other));
            } else if (!f.inputLength() && !f.otherLength() && f.value() == 0 && mine instanceof NumericShape
                    && theirs instanceof NumericShape && kind.ordinal() <= Wire.FactKind.BELOW.ordinal()) {
                boolean atLeast = kind == Wire.FactKind.AT_LEAST || kind == Wire.FactKind.ABOVE;
                boolean strict = kind == Wire.FactKind.ABOVE || kind == Wire.FactKind.BELOW;
                int x = atLeast ? k : o;
                int y = atLeast ? o : k;
                ordered.add(new InputRelation.Ordered(x, y, strict, prior, inputs.get(x).spec().name()
                        + (strict ? " > " : " >= ") + inputs.get(y).spec().name()));
            } else if (!f.inputLength() && mine instanceof NumericShape index && index.type().integral
                    && theirs instanceof ArrayShape) {
                if (kind == Wire.FactKind.INDEX) {
                    within.add(new InputRelation.WithinLength(k, o, index, -f.value(), f.value(), false, prior,
                            name + " an index into " + other));
                } else if (f.otherLength() && (kind == Wire.FactKind.BELOW || kind == Wire.FactKind.AT_MOST)) {
                    double from = index.high() < 0 ? index.low() : Math.max(index.low(), 0);
                    within.add(new InputRelation.WithinLength(k, o, index, from, -f.value(),
                            kind == Wire.FactKind.AT_MOST, prior, name + " within the length of " + other));
                }
            }
        }
        // Arrays of one method are often compared element by element: a guess, learned like the rest.
        int first = -1;
        for (int k = 0; k < shapes.size(); k++) {
            if (shapes.get(k) instanceof ArrayShape shape) {
                if (first < 0) {
                    first = k;
                } else if (related.add(pair(first, k))) {
                    sameLength.add(new InputRelation.SameLength(first, k, shape, InputRelation.APPLIED_GUESS,
                            inputs.get(k).spec().name() + " as long as " + inputs.get(first).spec().name()));
                }
            }
        }
        List<InputRelation> all = new ArrayList<>(sameLength);
        all.addAll(ordered);
        all.addAll(within);
        return all;
    }

    private static long pair(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    /** One execution's inputs, in the order of the inputs; the choices made are kept for {@link #learn}. */
    Object[] draw(Random random) {
        picks.forEach(List::clear);
        relationPicks.clear();
        Object[] values = new Object[shapes.size()];
        for (int k = 0; k < shapes.size(); k++) {
            values[k] = shapes.get(k).draw(random, picks.get(k));
        }
        for (InputRelation r : relations) {
            r.apply(values, random, relationPicks, picks);
        }
        return values;
    }

    /** Credits the choices of the last draw with its run's outcome: completed with finite values, or not. */
    void learn(boolean completed) {
        for (List<InputShape.Pick> of : picks) {
            for (InputShape.Pick p : of) {
                p.arms().record(p.arm(), completed);
            }
        }
        for (InputShape.Pick p : relationPicks) {
            p.arms().record(p.arm(), completed);
        }
    }

    /** How each input was drawn, with what was learned, for the answer's {@code model.inputs}. */
    List<Wire.Sampled> describe() {
        List<Wire.Sampled> out = new ArrayList<>();
        for (int k = 0; k < shapes.size(); k++) {
            Wire.Sampled s = shapes.get(k).describe(inputs.get(k).spec().column());
            StringBuilder more = new StringBuilder();
            for (InputRelation r : relations) {
                if (r.changed == k) {
                    more.append("; ").append(r.describe());
                }
            }
            out.add(more.length() == 0 ? s : new Wire.Sampled(s.column(), s.model(), s.low(), s.high(),
                    s.categories(), s.description() + more));
        }
        return out;
    }

    /** One draw's values in words, for a message about what threw: {@code n = 1, k = 3}. */
    String format(Object[] values) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < values.length && k < inputs.size(); k++) {
            s.append(k == 0 ? "" : ", ").append(inputs.get(k).spec().name()).append(" = ").append(value(values[k]));
        }
        return s.toString();
    }

    /** A value in words without running any of its code (no toString of the traced program's objects). */
    static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? NumericShape.format(d) : Double.toString(d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Character c) {
            return "'" + c + "'";
        }
        if (v instanceof String str) {
            return "\"" + (str.length() > 24 ? str.substring(0, 24) + "..." : str) + "\"";
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < n && i < 4; i++) {
                s.append(i == 0 ? "" : ", ").append(value(Array.get(v, i)));
            }
            return s.append(n > 4 ? ", ...] (length " + n + ")" : "]").toString();
        }
        if (v instanceof Collection<?> c) {
            return "a " + v.getClass().getSimpleName() + " of " + c.size();
        }
        if (v instanceof Map<?, ?> m) {
            return "a " + v.getClass().getSimpleName() + " of " + m.size();
        }
        return "a " + v.getClass().getSimpleName();
    }
}
