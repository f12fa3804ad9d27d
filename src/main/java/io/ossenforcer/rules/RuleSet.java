package io.ossenforcer.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of every bucket the enforcer looks after. Buckets it does not name are never touched. Lookup goes to
 * the bucket by hash ({@link BucketTable}), then through the bucket's prefix index ({@link BucketRules}).
 */
public final class RuleSet {
    private final BucketTable table;
    private final String source;
    private final Map<String, BucketRules> buckets;
    private final int ruleCount;

    private RuleSet(String source, Map<String, BucketRules> buckets) {
        this.table = new BucketTable(buckets);
        this.source = source;
        this.buckets = buckets;
        int count = 0;
        for (BucketRules rules : buckets.values()) {
            count += rules.rules().size();
        }
        this.ruleCount = count;
    }

    /**
     * Makes a rule set as given, buckets in the map's iteration order; {@link RulesParser} is what checks rules for
     * problems.
     */
    public static RuleSet of(String source, Map<String, List<Rule>> rulesByBucket) {
        Map<String, BucketRules> buckets = new LinkedHashMap<>();
        for (Map.Entry<String, List<Rule>> bucket : rulesByBucket.entrySet()) {
            buckets.put(Objects.requireNonNull(bucket.getKey()), new BucketRules(bucket.getValue()));
        }
        return indexed(source, buckets);
    }

    /** A rule set of buckets already indexed, as {@link RulesParser} indexes them to check them. */
    static RuleSet indexed(String source, Map<String, BucketRules> buckets) {
        return new RuleSet(Objects.requireNonNull(source, "source"),
                Collections.unmodifiableMap(new LinkedHashMap<>(buckets)));
    }

    /** The first rule of {@code bucket}, in file order, that matches {@code key}. */
    public Optional<Rule> match(String bucket, String key) {
        return table.match(bucket, key);
    }

    public boolean namesBucket(String bucket) {
        return buckets.containsKey(bucket);
    }

    /** The buckets named, in file order. */
    public Set<String> buckets() {
        return buckets.keySet();
    }

    /** The rules of {@code bucket} in file order; empty for a bucket the rules do not name. */
    public List<Rule> rulesFor(String bucket) {
        BucketRules rules = buckets.get(bucket);
        return rules == null ? List.of() : rules.rules();
    }

    public int ruleCount() {
        return ruleCount;
    }

    /** Where the rules were loaded from: a file path, or {@code classpath:rules.json}. */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RuleSet)) {
            return false;
        }
        RuleSet that = (RuleSet) o;
        return source.equals(that.source) && buckets.equals(that.buckets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, buckets);
    }

    @Override
    public String toString() {
        return "RuleSet{" + source + " buckets=" + buckets.size() + " rules=" + ruleCount + '}';
    }
}
