package io.ossenforcer.testing;

import java.util.Random;

/**
 * Runs a property over many seeded random cases. The seed is fixed so CI sees the same cases every run;
 * {@code -Dfuzz.seed=N} explores others. A failing case is reported with the seed and case number that rebuild it.
 */
public final class SeededCases {
    private SeededCases() {
    }

    /** One case: builds its input from {@code random} and checks the property, throwing when it does not hold. */
    @FunctionalInterface
    public interface Case {
        void check(Random random, int index) throws Exception;
    }

    public static void run(long defaultSeed, int cases, Case property) {
        long seed = Long.getLong("fuzz.seed", defaultSeed);
        for (int i = 0; i < cases; i++) {
            // One Random per case: a failure is rebuilt from (seed, i) without replaying the cases before it.
            Random random = new Random(seed * 1_000_003L + i);
            try {
                property.check(random, i);
            } catch (Throwable e) { // StackOverflowError and OutOfMemoryError are failures of the property too
                throw new AssertionError("case " + i + " of seed " + seed + " (rerun with -Dfuzz.seed=" + seed
                        + "): " + e, e);
            }
        }
    }
}
