package io.ossenforcer.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link RuleScaleBenchmark}'s lookups one at a time, each timed alone after the processor's own caches were flushed,
 * as the handler meets them: one lookup per event, after a millisecond of SDK calls, TLS and HTTP, and about a
 * megabyte of fresh allocation, so that its private caches (L1, L2 and the TLB) no longer hold the index while the
 * shared L3 may. Before each lookup a sweep writes a buffer of four times the L2 size given, then the lookup's bucket
 * name and key are read (the handler has just made them from the event); the lookup's time is {@link System#nanoTime()}
 * around it, less the median of the same timing around nothing. The sizes take turns, round by round, so that noise
 * falls on all of them alike. A diagnostic beside the JMH figures of section 4, not a replacement of them.
 * Arguments: rounds (default 5), lookups per size and round (default 4,000), the L2 size in KB (default 2048).
 */
public final class RuleLookupBetweenEvents {
    private static final int[] SIZES = {10, 1000, 100_000};
    private static final int LINE_LONGS = 8;

    private long sink;

    private RuleLookupBetweenEvents() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int l2Kb = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
        new RuleLookupBetweenEvents().run(rounds, lookups, new long[l2Kb * 1024 / Long.BYTES * 4]);
    }

    private void run(int rounds, int lookups, long[] sweep) {
        List<RuleScaleBenchmark> benchmarks = new ArrayList<>();
        for (int size : SIZES) {
            RuleScaleBenchmark benchmark = new RuleScaleBenchmark();
            benchmark.rules = size;
            benchmark.setUp();
            for (int i = 0; i < 2_000_000; i++) {
                sink += benchmark.match().isPresent() ? 1 : 0; // compiled as in JMH's warm-up
            }
            benchmarks.add(benchmark);
        }
        System.out.printf("Rule lookup with the caches flushed before each (sweep of %d MB), ns, median (p10-p90) of %d"
                + " lookups per size and round, %d rounds; timing overhead subtracted%n", sweep.length * 8 >> 20,
                lookups, rounds);
        List<List<Samples>> bySize = new ArrayList<>();
        for (int s = 0; s < SIZES.length; s++) {
            bySize.add(new ArrayList<>());
        }
        for (int round = 1; round <= rounds; round++) {
            double empty = timed(null, lookups, sweep).median();
            StringBuilder line = new StringBuilder("round " + round + String.format(" (timing %.0f ns):", empty));
            for (int s = 0; s < SIZES.length; s++) {
                Samples samples = timed(benchmarks.get(s), lookups, sweep).less(empty);
                bySize.get(s).add(samples);
                line.append(String.format(" %,d rules %.0f (%s)", SIZES[s], samples.median(), samples.deciles()));
            }
            System.out.println(line);
        }
        Samples ratio = new Samples();
        for (int round = 0; round < rounds; round++) {
            ratio.add(bySize.get(SIZES.length - 1).get(round).median() / bySize.get(0).get(round).median());
        }
        System.out.println("100,000 rules over 10 rules, round by round: " + ratio.ratio());
        System.out.println("(checksum " + sink + ")");
    }

    /** One lookup's time per sample, each after the sweep; with no benchmark, the timing around nothing. */
    private Samples timed(RuleScaleBenchmark benchmark, int lookups, long[] sweep) {
        Samples samples = new Samples();
        for (int i = 0; i < lookups; i++) {
            for (int j = 0; j < sweep.length; j += LINE_LONGS) {
                sweep[j] += j;
            }
            long start;
            long end;
            if (benchmark == null) {
                start = System.nanoTime();
                end = System.nanoTime();
            } else {
                sink += benchmark.touchNext();
                start = System.nanoTime();
                sink += benchmark.match().isPresent() ? 1 : 0;
                end = System.nanoTime();
            }
            samples.add(end - start);
        }
        sink += sweep[sweep.length - LINE_LONGS];
        return samples;
    }
}
