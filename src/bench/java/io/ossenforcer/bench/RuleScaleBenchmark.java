package io.ossenforcer.bench;

import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.rules.Mode;
import io.ossenforcer.rules.Rule;
import io.ossenforcer.rules.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule lookup with 10, 1,000 and 100,000 rules spread over up to 1,000 buckets (each bucket's rules under distinct
 * prefixes two levels deep, then a catch-all), for keys that hit a prefix rule, fall to the catch-all, or name a
 * bucket without rules. One call per invocation, keys cycling through a fixed random set.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleScaleBenchmark {
    private static final int KEYS = 4096;

    @Param({"10", "1000", "100000"})
    public int rules;

    private RuleSet ruleSet;
    private String[] buckets;
    private String[] keys;
    private int next;

    @Setup
    public void setUp() {
        int bucketCount = Math.min(1000, rules);
        int perBucket = rules / bucketCount;
        Map<String, List<Rule>> byBucket = new LinkedHashMap<>();
        for (int b = 0; b < bucketCount; b++) {
            List<Rule> list = new ArrayList<>();
            for (int r = 0; r < perBucket - 1; r++) {
                list.add(Rule.of("b" + b + "-r" + r, Optional.of(prefix(r)), Optional.empty(), List.of(),
                        EncryptionSpec.of(Algorithm.AES256), Mode.ENFORCE));
            }
            list.add(Rule.of("b" + b + "-all", Optional.empty(), Optional.empty(), List.of(),
                    EncryptionSpec.of(Algorithm.AES256), Mode.ENFORCE));
            byBucket.put("bucket-" + b, list);
        }
        ruleSet = RuleSet.of("scale", byBucket);
        Random random = new Random(7);
        buckets = new String[KEYS];
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            buckets[i] = "bucket-" + random.nextInt(bucketCount + bucketCount / 10 + 1);
            keys[i] = (perBucket > 1 && random.nextInt(4) > 0 ? prefix(random.nextInt(perBucket - 1)) : "other/")
                    + "2024/object-" + i + ".bin";
        }
    }

    private static String prefix(int r) {
        return "team-" + (r % 37) + "/project-" + r + "/";
    }

    @Benchmark
    public Optional<Rule> match() {
        int i = next++ & (KEYS - 1);
        return ruleSet.match(buckets[i], keys[i]);
    }
}
