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
 * Rule lookup with 10, 1,000 and 100,000 rules: buckets of up to 100 rules each (1, 10 and 1,000 buckets), every
 * bucket shaped alike: most of its rules under a project prefix ({@code team-N/project-M/}), then a tenth under a
 * team prefix one level up ({@code team-N/}, excluding {@code team-N/public/}), then a catch-all. The key mix is the
 * same at every size, so that only the number of rules changes: of the events, one in eleven names a bucket without
 * rules; of the others, three in four have a key under one of the bucket's project prefixes (its team prefix and the
 * catch-all match too; the project rule, first in file order, wins) and one in four a key under none (the
 * catch-all). Keys look like real uploads ({@code team-3/project-41/2024/05/17/part-00042-1f3a9c.parquet}). One
 * call per invocation, cycling through 4,096 (bucket, key) pairs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleScaleBenchmark {
    private static final int KEYS = 4096;
    private static final int PER_BUCKET = 100;

    @Param({"10", "1000", "100000"})
    public int rules;

    private RuleSet ruleSet;
    private String[] buckets;
    private String[] keys;
    private int next;

    @Setup
    public void setUp() {
        int bucketCount = (rules + PER_BUCKET - 1) / PER_BUCKET;
        int perBucket = rules / bucketCount;
        int teams = Math.max(1, perBucket / 10);
        Map<String, List<Rule>> byBucket = new LinkedHashMap<>();
        for (int b = 0; b < bucketCount; b++) {
            List<Rule> list = new ArrayList<>();
            for (int p = 0; p < perBucket - teams - 1; p++) {
                list.add(Rule.of("b" + b + "-project" + p, Optional.of(project(p, teams)), Optional.empty(),
                        List.of(), EncryptionSpec.of(Algorithm.AES256), Mode.ENFORCE));
            }
            for (int t = 0; t < teams; t++) {
                list.add(Rule.of("b" + b + "-team" + t, Optional.of(team(t)), Optional.empty(),
                        List.of(team(t) + "public/"), EncryptionSpec.of(Algorithm.KMS), Mode.ENFORCE));
            }
            list.add(Rule.of("b" + b + "-all", Optional.empty(), Optional.empty(), List.of(),
                    EncryptionSpec.of(Algorithm.AES256), Mode.ENFORCE));
            byBucket.put("bucket-" + b, list);
        }
        ruleSet = RuleSet.of("scale", byBucket);
        Random random = new Random(7);
        buckets = new String[KEYS];
        keys = new String[KEYS];
        int projects = perBucket - teams - 1;
        for (int i = 0; i < KEYS; i++) {
            // As many rule-less bucket names as named ones, so a miss is not one name the caches always hold.
            int b = random.nextInt(11) == 0 ? bucketCount + random.nextInt(bucketCount) : random.nextInt(bucketCount);
            buckets[i] = new String("bucket-" + b);
            String under = random.nextInt(4) > 0 ? project(random.nextInt(projects), teams)
                    : "incoming/" + random.nextInt(100) + "/";
            keys[i] = new String(under + String.format("2024/%02d/%02d/part-%05d-%06x.parquet", 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(100_000), random.nextInt(1 << 24)));
        }
    }

    private static String team(int t) {
        return "team-" + t + "/";
    }

    private static String project(int p, int teams) {
        return team(p % teams) + "project-" + p + "/";
    }

    /**
     * Reads the next lookup's bucket name and key as the handler would find them, just made from its event: for
     * {@link RuleLookupBetweenEvents}, which flushes the caches before each lookup.
     */
    int touchNext() {
        int i = next & (KEYS - 1);
        return buckets[i].charAt(0) + keys[i].charAt(0) + keys[i].charAt(keys[i].length() - 1);
    }

    @Benchmark
    public Optional<Rule> match() {
        int i = next++ & (KEYS - 1);
        return ruleSet.match(buckets[i], keys[i]);
    }
}
