package io.ossenforcer.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * The rules of one bucket, indexed so that finding the first rule in file order that matches a key tries only the
 * rules whose suffix ends the key and whose prefix starts it. The same index serves the shadowing check, which then
 * looks at the few earlier rules that could cover a later one rather than at every pair.
 *
 * <p>Rules are grouped by suffix, written backwards so that the suffixes a key ends with are found as prefixes, then
 * by prefix; each group keeps its rules' positions in file order. Suffix first because files have far fewer distinct
 * suffixes than prefixes (most rules have none), which keeps the index small.
 */
final class BucketIndex {
    private final List<Rule> rules;
    private final PrefixMap<PrefixMap<List<Integer>>> positions = new PrefixMap<>();

    BucketIndex(List<Rule> rules) {
        this(rules, new Interner<>());
    }

    /**
     * @param groups where the groups' lists of positions are kept once: buckets alike have the same lists (most
     *     groups are one rule, at the same position bucket after bucket), so buckets indexed with the same one share
     *     them
     */
    BucketIndex(List<Rule> rules, Interner<List<Integer>> groups) {
        this.rules = List.copyOf(rules);
        for (int i = 0; i < this.rules.size(); i++) {
            Rule rule = this.rules.get(i);
            positions.getOrAdd(backwards(rule.suffixOrEmpty()), PrefixMap::new)
                    .getOrAdd(rule.prefixOrEmpty(), ArrayList::new).add(i);
        }
        // Kept as immutable lists, a third the size of growable ones: at 100,000 rules that is megabytes.
        positions.replaceAll(byPrefix -> {
            byPrefix.replaceAll(group -> groups.intern(List.copyOf(group)));
            return byPrefix;
        });
    }

    List<Rule> rules() {
        return rules;
    }

    /** The first rule in file order that matches {@code key}. */
    Optional<Rule> match(String key) {
        int position = first(key, key, rules.size(), rule -> rule.matches(key));
        return position < 0 ? Optional.empty() : Optional.of(rules.get(position));
    }

    /**
     * The position of the first earlier rule that matches every key the rule at {@code position} could match, so
     * that the latter can never match. Only rules whose prefix starts the latter's prefix and whose suffix ends its
     * suffix can do that.
     */
    OptionalInt shadowing(int position) {
        Rule later = rules.get(position);
        int earlier = first(later.prefixOrEmpty(), later.suffixOrEmpty(), position,
                rule -> rule.matchesEveryKeyOf(later));
        return earlier < 0 ? OptionalInt.empty() : OptionalInt.of(earlier);
    }

    /**
     * The position of the first rule before {@code end} whose prefix starts {@code startingWith}, whose suffix ends
     * {@code endingWith} and that passes {@code test}; -1 if none.
     */
    private int first(String startingWith, String endingWith, int end, Predicate<Rule> test) {
        int best = end;
        for (PrefixMap<List<Integer>> byPrefix : positions.prefixesOf(backwards(endingWith))) {
            for (List<Integer> group : byPrefix.prefixesOf(startingWith)) {
                for (int position : group) {
                    if (position >= best) {
                        break;
                    }
                    if (test.test(rules.get(position))) {
                        best = position;
                        break;
                    }
                }
            }
        }
        return best == end ? -1 : best;
    }

    /**
     * {@code s} backwards, char by char, so that {@code a} ends with {@code b} exactly when backwards {@code a} starts
     * with backwards {@code b}; {@link StringBuilder#reverse} keeps surrogate pairs in order, which would break that
     * for a suffix holding half of one.
     */
    private static String backwards(String s) {
        char[] chars = new char[s.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = s.charAt(s.length() - 1 - i);
        }
        return new String(chars);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BucketIndex && rules.equals(((BucketIndex) o).rules);
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
