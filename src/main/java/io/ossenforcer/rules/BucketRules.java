package io.ossenforcer.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The rules of one bucket, indexed by prefix so that finding a key's rule costs about the same for ten rules or a
 * hundred thousand: it looks only at the rules whose prefix the key starts with.
 *
 * <p>The distinct prefixes are in a hash table. A key can start with at most one prefix of each length, so a lookup
 * probes the table once per distinct prefix length (a handful in real rule files), longest first, with the hash code
 * {@link String#hashCode()} would give the key's first characters: computed once for the longest length, then
 * shortened a character at a time, so that no substring is made. Among the rules of the prefixes found, the one first
 * in file order wins, exactly as a scan of the whole list would decide; specific rules usually come first in a file,
 * so the longest prefix's rule usually settles it and shorter prefixes cost one comparison each.
 */
final class BucketRules {
    /** The inverse of 31 modulo 2<sup>32</sup>: multiplying by it undoes a step of {@link String#hashCode()}. */
    private static final int INVERSE_OF_31 = -1108378657;
    private static final int SLOT = 4;

    private final List<Rule> rules;
    private final Rule[] byPosition;
    /** Rules without suffix or excludes: they match every key their prefix starts, with no need to look at them. */
    private final boolean[] prefixOnly;
    /** The distinct prefixes and the positions of their rules in file order. */
    private final String[] prefixes;
    private final int[][] positions;
    /** The distinct prefix lengths, longest first. */
    private final int[] lengths;
    /**
     * For each of {@link #lengths}, the earliest position of a rule with a prefix of that length: once a rule at or
     * before it has matched, that length needs no probe (a probe is a likely cache miss with many rules).
     */
    private final int[] earliestOfLength;
    /**
     * Open addressing, linear probing. A slot is {@value #SLOT} ints side by side, so that a probe reads one cache
     * line and usually settles there: a prefix's hash code, its length, the position of its first rule, and its index
     * plus one (0 for an empty slot), negated when that first rule is {@linkplain #prefixOnly prefix-only}, so that
     * the usual match is decided without reading anything else.
     */
    private final int[] table;

    BucketRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.byPosition = this.rules.toArray(new Rule[0]);
        this.prefixOnly = new boolean[byPosition.length];
        Map<String, List<Integer>> byPrefix = new LinkedHashMap<>();
        TreeMap<Integer, Integer> earliestByLength = new TreeMap<>(); // in file order, so the first put is earliest
        for (int i = 0; i < byPosition.length; i++) {
            String prefix = byPosition[i].prefixOrEmpty();
            List<Integer> samePrefix = byPrefix.get(prefix);
            if (samePrefix == null) {
                samePrefix = new ArrayList<>();
                byPrefix.put(prefix, samePrefix);
            }
            samePrefix.add(i);
            prefixOnly[i] = byPosition[i].suffix().isEmpty() && byPosition[i].exclude().isEmpty();
            earliestByLength.putIfAbsent(prefix.length(), i);
        }
        this.prefixes = byPrefix.keySet().toArray(new String[0]);
        this.positions = new int[prefixes.length][];
        this.table = new int[SLOT * Integer.highestOneBit(Math.max(1, prefixes.length)) * 4];
        int p = 0;
        for (List<Integer> list : byPrefix.values()) {
            positions[p] = ints(list);
            int hash = prefixes[p].hashCode();
            int slot = firstSlot(hash);
            while (table[slot + 3] != 0) {
                slot = nextSlot(slot);
            }
            table[slot] = hash;
            table[slot + 1] = prefixes[p].length();
            table[slot + 2] = positions[p][0];
            table[slot + 3] = prefixOnly[positions[p][0]] ? -(p + 1) : p + 1;
            p++;
        }
        this.lengths = ints(earliestByLength.descendingKeySet());
        this.earliestOfLength = ints(earliestByLength.descendingMap().values());
    }

    /** Plain code rather than a stream: rules are indexed on every cold start, where each stream stage loads classes. */
    private static int[] ints(Collection<Integer> values) {
        int[] ints = new int[values.size()];
        int i = 0;
        for (int value : values) {
            ints[i++] = value;
        }
        return ints;
    }

    List<Rule> rules() {
        return rules;
    }

    /** The first rule in file order that matches {@code key}. */
    Optional<Rule> match(String key) {
        int position = first(key, byPosition.length, true, p -> prefixOnly[p] || byPosition[p].matches(key));
        return position < 0 ? Optional.empty() : Optional.of(byPosition[position]);
    }

    /**
     * The position of the first earlier rule that matches every key the rule at {@code position} could match, so
     * that the latter can never match. Only rules whose prefix starts the latter's prefix can do that.
     */
    OptionalInt shadowing(int position) {
        Rule later = byPosition[position];
        int earlier = first(later.prefixOrEmpty(), position, false, p -> byPosition[p].matchesEveryKeyOf(later));
        return earlier < 0 ? OptionalInt.empty() : OptionalInt.of(earlier);
    }

    /**
     * The position of the first rule before {@code end}, in file order, whose prefix starts {@code s} and whose
     * position passes {@code test}; -1 if none. With {@code prefixOnlyPass}, a prefix-only rule passes untested.
     */
    private int first(String s, int end, boolean prefixOnlyPass, IntPredicate test) {
        int best = end;
        int hash = 0;
        int hashed = -1; // how many of s's characters hash holds; none yet
        for (int l = 0; l < lengths.length; l++) {
            int length = lengths[l];
            if (length > s.length() || earliestOfLength[l] >= best) {
                continue;
            }
            if (hashed < 0) {
                for (hashed = 0; hashed < length; hashed++) {
                    hash = 31 * hash + s.charAt(hashed);
                }
            }
            for (; hashed > length; hashed--) {
                hash = (hash - s.charAt(hashed - 1)) * INVERSE_OF_31;
            }
            int slot = slotOf(s, length, hash, best);
            if (slot < 0) {
                continue;
            }
            if (prefixOnlyPass && table[slot + 3] < 0) {
                best = table[slot + 2];
                continue;
            }
            for (int position : positions[Math.abs(table[slot + 3]) - 1]) {
                if (position >= best) {
                    break;
                }
                if (test.test(position)) {
                    best = position;
                    break;
                }
            }
        }
        return best == end ? -1 : best;
    }

    /**
     * The table slot of the prefix that is the first {@code length} characters of {@code s} (hashing to
     * {@code hash}), unless none of its rules comes before position {@code best}; -1 if none.
     */
    private int slotOf(String s, int length, int hash, int best) {
        for (int slot = firstSlot(hash); table[slot + 3] != 0; slot = nextSlot(slot)) {
            if (table[slot] == hash && table[slot + 1] == length && table[slot + 2] < best
                    && s.startsWith(prefixes[Math.abs(table[slot + 3]) - 1])) {
                return slot;
            }
        }
        return -1;
    }

    /** Mixes the high bits into the low ones that pick the slot, as {@link java.util.HashMap} does. */
    private int firstSlot(int hash) {
        return ((hash ^ (hash >>> 16)) * SLOT) & (table.length - 1);
    }

    private int nextSlot(int slot) {
        return (slot + SLOT) & (table.length - 1);
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
