package liftsys.worker;

import java.util.List;
import java.util.Random;
import liftsys.wire.Wire;

/**
 * How {@link DrawPlan} draws one input: through arms it learns from ({@link Arms}), recording each
 * choice in {@code picks} so the run's outcome can be credited to it. Shapes for numbers and
 * arrays have classes of their own; enums and booleans choose among their values; anything else
 * is drawn by its {@link Samplers.Sampler} as it is.
 */
interface InputShape {
    Object draw(Random random, List<Pick> picks);

    Wire.Sampled describe(String column);

    /** One choice of one draw. */
    record Pick(Arms arms, int arm) {
    }

    /** Drawn by its sampler, nothing learned. */
    record Plain(Samplers.Sampler sampler) implements InputShape {
        @Override
        public Object draw(Random random, List<Pick> picks) {
            return sampler.draw(random);
        }

        @Override
        public Wire.Sampled describe(String column) {
            return sampler.describe(column);
        }
    }

    /** One of a few values (enum constants, true and false), each an arm. */
    final class Choice implements InputShape {
        private final Samplers.Sampler sampler;
        private final java.util.function.Supplier<Object[]> values;
        private final Arms arms;
        private final List<String> names;

        Choice(Samplers.Sampler sampler, java.util.function.Supplier<Object[]> values, List<String> names) {
            this.sampler = sampler;
            this.values = values;
            this.names = names;
            this.arms = Arms.uniform(names.size());
        }

        static Choice of(Samplers.EnumSampler e) {
            return new Choice(e, e::constants, e.names);
        }

        static Choice ofBoolean(Samplers.BooleanSampler b) {
            return new Choice(b, () -> new Object[] {false, true}, List.of("false", "true"));
        }

        @Override
        public Object draw(Random random, List<Pick> picks) {
            Object[] all = values.get();
            int arm = arms.choose(random);
            picks.add(new Pick(arms, arm));
            return all[Math.min(arm, all.length - 1)];
        }

        @Override
        public Wire.Sampled describe(String column) {
            Wire.Sampled plain = sampler.describe(column);
            if (!arms.learned()) {
                return plain;
            }
            StringBuilder learned = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                double p = arms.probability(i);
                if (p >= 0.005) {
                    learned.append(learned.length() == 0 ? "" : ", ").append(names.get(i)).append(' ')
                            .append(Math.round(100 * p)).append('%');
                }
            }
            return new Wire.Sampled(plain.column(), plain.model(), plain.low(), plain.high(), plain.categories(),
                    plain.description() + "; learned from the runs that threw: " + learned);
        }
    }
}
