package io.ossenforcer.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The rules of one bucket, indexed by prefix so that finding a key's rule looks only at the rules whose prefix the
 * key starts with, not at every rule of the bucket.
 *
 * <p>The distinct prefixes are kept sorted, each linked to the longest other prefix that starts it (its parent). Every
 * prefix that starts a key sorts at or before the key, and every string between such a prefix and the key starts with
 * that prefix too; so the greatest prefix not after the key, then its parents, lead to the longest prefix of the key,
 * and its parents from there are all the others. Among the rules of those prefixes, the one first in file order
 * wins, exactly as a scan of the whole list would decide.
 */
final class BucketRules {
    private final List<Rule> rules;
    private final String[] prefixes;
    private final int[] parent;
    /** For each prefix, the positions in {@link #rules} of the rules with that prefix, in file order. */
    private final int[][] positions;

    BucketRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        TreeMap<String, List<Integer>> byPrefix = new TreeMap<>();
        for (int i = 0; i < this.rules.size(); i++) {
            byPrefix.computeIfAbsent(this.rules.get(i).prefixOrEmpty(), p -> new ArrayList<>()).add(i);
        }
        this.prefixes = byPrefix.keySet().toArray(new String[0]);
        this.positions = byPrefix.values().stream()
                .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        this.parent = parents(prefixes);
    }

    /** In sorted order the prefixes of a string come before it and form a chain: keep that chain on a stack. */
    private static int[] parents(String[] sorted) {
        int[] parent = new int[sorted.length];
        Deque<Integer> chain = new ArrayDeque<>();
        for (int i = 0; i < sorted.length; i++) {
            while (!chain.isEmpty() && !sorted[i].startsWith(sorted[chain.peek()])) {
                chain.pop();
            }
            parent[i] = chain.isEmpty() ? -1 : chain.peek();
            chain.push(i);
        }
        return parent;
    }

    List<Rule> rules() {
        return rules;
    }

    /** The first rule in file order that matches {@code key}. */
    Optional<Rule> match(String key) {
        int best = Integer.MAX_VALUE;
        for (int p = longestPrefixOf(key); p >= 0; p = parent[p]) {
            for (int position : positions[p]) {
                if (position >= best) {
                    break;
                }
                if (rules.get(position).matches(key)) {
                    best = position;
                    break;
                }
            }
        }
        return best == Integer.MAX_VALUE ? Optional.empty() : Optional.of(rules.get(best));
    }

    private int longestPrefixOf(String key) {
        int found = Arrays.binarySearch(prefixes, key);
        int p = found >= 0 ? found : -found - 2; // the greatest prefix not after the key
        while (p >= 0 && !key.startsWith(prefixes[p])) {
            p = parent[p];
        }
        return p;
    }

    /**
     * The position of the first earlier rule that matches every key the rule at {@code position} could match, so
     * that the latter can never match. Only rules whose prefix starts the latter's prefix can do that.
     */
    OptionalInt shadowing(int position) {
        Rule later = rules.get(position);
        for (int p = Arrays.binarySearch(prefixes, later.prefixOrEmpty()); p >= 0; p = parent[p]) {
            for (int earlier : positions[p]) {
                if (earlier >= position) {
                    break;
                }
                if (rules.get(earlier).matchesEveryKeyOf(later)) {
                    return OptionalInt.of(earlier);
                }
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BucketRules && rules.equals(((BucketRules) o).rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return rules.toString();
    }
}
