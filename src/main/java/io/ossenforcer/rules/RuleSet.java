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
 * the bucket's rules by name, then through their index ({@link BucketIndex}).
 */
public final class RuleSet {
    private final String source;
    private final Map<String, BucketIndex> buckets;
    private final List<String> warnings;
    private final int ruleCount;

    private RuleSet(String source, Map<String, BucketIndex> buckets, List<String> warnings) {
        this.source = source;
        this.buckets = buckets;
        this.warnings = warnings;
        this.ruleCount = buckets.values().stream().mapToInt(rules -> rules.rules().size()).sum();
    }

    /**
     * Makes a rule set as given, buckets in the map's iteration order; {@link RulesParser} is what checks rules for
     * problems.
     */
    public static RuleSet of(String source, Map<String, List<Rule>> rulesByBucket) {
        Map<String, BucketIndex> buckets = new LinkedHashMap<>();
        Interner<List<Integer>> groups = new Interner<>();
        rulesByBucket.forEach((bucket, rules) -> buckets.put(Objects.requireNonNull(bucket),
                new BucketIndex(rules, groups)));
        return indexed(source, buckets, List.of());
    }

    /** A rule set of buckets already indexed, as {@link RulesParser} indexes them to check them. */
    static RuleSet indexed(String source, Map<String, BucketIndex> buckets, List<String> warnings) {
        return new RuleSet(Objects.requireNonNull(source, "source"),
                Collections.unmodifiableMap(new LinkedHashMap<>(buckets)), List.copyOf(warnings));
    }

    /** The first rule of {@code bucket}, in file order, that matches {@code key}. */
    public Optional<Rule> match(String bucket, String key) {
        BucketIndex rules = buckets.get(bucket);
        return rules == null ? Optional.empty() : rules.match(key);
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
        BucketIndex rules = buckets.get(bucket);
        return rules == null ? List.of() : rules.rules();
    }

    public int ruleCount() {
        return ruleCount;
    }

    /**
     * What the rules say that is allowed but probably a mistake, each as {@code <JSON path>: <what>}, for the caller
     * to show: loading does not fail on them.
     */
    public List<String> warnings() {
        return warnings;
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
