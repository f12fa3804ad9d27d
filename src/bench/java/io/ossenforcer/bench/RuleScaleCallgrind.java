package io.ossenforcer.bench;

/**
 * {@link RuleScaleBenchmark}'s own {@code match()} in a plain loop, for counting instructions and simulated cache
 * misses per lookup under {@code valgrind --tool=callgrind --cache-sim=yes --separate-threads=yes} (see
 * docs/PERFORMANCE.md, section 4). Arguments: rules, warm-up chunks, measured chunks; a chunk is 64 calls, so that the
 * loop's method is compiled as a whole rather than only on stack replacement. Two runs that differ only in measured
 * chunks give, by difference, the cost of those lookups alone.
 */
public final class RuleScaleCallgrind {
    private static final int CHUNK = 64;

    private RuleScaleCallgrind() {
    }

    public static void main(String[] args) throws InterruptedException {
        RuleScaleBenchmark benchmark = new RuleScaleBenchmark();
        benchmark.rules = Integer.parseInt(args[0]);
        benchmark.setUp();
        long found = 0;
        for (int i = Integer.parseInt(args[1]); i > 0; i--) {
            found += chunk(benchmark);
        }
        Thread.sleep(2000); // lets the compiler threads finish before the measured part
        for (int i = Integer.parseInt(args[2]); i > 0; i--) {
            found += chunk(benchmark);
        }
        System.out.println("rules found: " + found);
    }

    private static int chunk(RuleScaleBenchmark benchmark) {
        int found = 0;
        for (int i = 0; i < CHUNK; i++) {
            found += benchmark.match().isPresent() ? 1 : 0;
        }
        return found;
    }
}
