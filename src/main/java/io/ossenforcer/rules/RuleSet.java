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
 * one index of every bucket's prefixes (see {@link RuleIndex}).
 */
public final class RuleSet {
    private final String source;
    private final Map<String, List<Rule>> buckets;
    private final int ruleCount;
    private final RuleIndex index;

    private RuleSet(String source, Map<String, List<Rule>> buckets) {
        this.source = source;
        this.buckets = buckets;
        this.ruleCount = buckets.values().stream().mapToInt(List::size).sum();
        this.index = new RuleIndex(buckets);
    }

    /**
     * Makes a rule set as given, buckets in the map's iteration order; {@link RulesParser} is what checks rules for
     * problems.
     */
    public static RuleSet of(String source, Map<String, List<Rule>> rulesByBucket) {
        Map<String, List<Rule>> buckets = new LinkedHashMap<>();
        rulesByBucket.forEach((bucket, rules) -> buckets.put(Objects.requireNonNull(bucket), List.copyOf(rules)));
        return new RuleSet(Objects.requireNonNull(source, "source"), Collections.unmodifiableMap(buckets));
    }

    /** The first rule of {@code bucket}, in file order, that matches {@code key}. */
    public Optional<Rule> match(String bucket, String key) {
        return index.match(bucket, key);
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
        return buckets.getOrDefault(bucket, List.of());
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
