package io.ossenforcer.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

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
 *
 * <p>With many buckets a lookup's cost is the cache lines it touches one after the other, so what it reads is
 * packed: the prefix lengths and the table in one int array ({@link #hot}), the prefix strings by slot, and an answer
 * made in advance per rule, so that a lookup reads no {@link Rule} and allocates nothing when the rule it finds has
 * no suffix or excludes.
 */
final class BucketRules {
    /** The inverse of 31 modulo 2<sup>32</sup>: multiplying by it undoes a step of {@link String#hashCode()}. */
    private static final int INVERSE_OF_31 = -1108378657;
    private static final int LENGTH_COUNT = 0;
    private static final int SLOT_MASK = 1;
    private static final int LENGTHS = 2;

    /**
     * {@code [LENGTH_COUNT]}: how many distinct prefix lengths; {@code [SLOT_MASK]}: the table's size in ints, minus
     * one; from {@code [LENGTHS]}, for each distinct length, longest first: the length, and the earliest position of
     * a rule with a prefix of that length (once a rule at or before it has matched, that length needs no probe). Then
     * the table, at an even index so that a slot never straddles a cache line: open addressing, linear probing, a slot
     * is two ints: the prefix's hash code, and one plus the position of its first rule, doubled, plus 1 when that rule
     * is {@linkplain #prefixOnly(Rule) prefix-only} (0: an empty slot).
     */
    private final int[] hot;
    /** The prefix of each table slot. */
    private final String[] prefixBySlot;
    /** The answer for each position, made once so that a lookup allocates nothing. */
    private final Optional<Rule>[] answers;
    /** The positions of the rules of each slot's prefix, in file order. */
    private final int[][] positionsBySlot;
    private final List<Rule> rules;
    private final Rule[] byPosition;

    @SuppressWarnings("unchecked")
    BucketRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.byPosition = this.rules.toArray(new Rule[0]);
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
            earliestByLength.putIfAbsent(prefix.length(), i);
        }
        int slots = Integer.highestOneBit(Math.max(1, byPrefix.size())) * 4;
        int table = LENGTHS + 2 * earliestByLength.size();
        this.hot = new int[table + 2 * slots];
        hot[LENGTH_COUNT] = earliestByLength.size();
        hot[SLOT_MASK] = 2 * slots - 1;
        int l = LENGTHS;
        for (Map.Entry<Integer, Integer> length : earliestByLength.descendingMap().entrySet()) {
            hot[l++] = length.getKey();
            hot[l++] = length.getValue();
        }
        this.prefixBySlot = new String[slots];
        this.positionsBySlot = new int[slots][];
        for (Map.Entry<String, List<Integer>> prefix : byPrefix.entrySet()) {
            int hash = prefix.getKey().hashCode();
            int slot = firstSlot(hash);
            while (hot[table + slot + 1] != 0) {
                slot = nextSlot(slot);
            }
            int[] positions = ints(prefix.getValue());
            hot[table + slot] = hash;
            hot[table + slot + 1] = 2 * (positions[0] + 1) + (prefixOnly(byPosition[positions[0]]) ? 1 : 0);
            positionsBySlot[slot / 2] = positions;
            prefixBySlot[slot / 2] = prefix.getKey();
        }
        this.answers = new Optional[byPosition.length];
        for (int i = 0; i < byPosition.length; i++) {
            answers[i] = Optional.of(byPosition[i]);
        }
    }

    /** Rules without suffix or excludes: they match every key their prefix starts, with no need to look at them. */
    private static boolean prefixOnly(Rule rule) {
        return rule.suffix().isEmpty() && rule.exclude().isEmpty();
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
        int position = first(key, answers.length, null);
        return position < 0 ? Optional.empty() : answers[position];
    }

    /**
     * The position of the first earlier rule that matches every key the rule at {@code position} could match, so
     * that the latter can never match. Only rules whose prefix starts the latter's prefix can do that.
     */
    OptionalInt shadowing(int position) {
        Rule later = byPosition[position];
        int earlier = first(later.prefixOrEmpty(), position, later);
        return earlier < 0 ? OptionalInt.empty() : OptionalInt.of(earlier);
    }

    /**
     * The position of the first rule before {@code end}, in file order, whose prefix starts {@code s} and that
     * matches {@code s} as a key, or, given a {@code later} rule (whose prefix {@code s} is), matches every key
     * {@code later} could match; -1 if none. A prefix-only rule does either once its prefix starts {@code s}, so it
     * passes untested. A parameter rather than a predicate: a lambda capturing the key would be made on every lookup.
     */
    private int first(String s, int end, Rule later) {
        int[] hot = this.hot;
        int best = end;
        int hash = 0;
        int hashed = -1; // how many of s's characters hash holds; none yet
        int lengthsEnd = LENGTHS + 2 * hot[LENGTH_COUNT];
        for (int l = LENGTHS; l < lengthsEnd; l += 2) {
            int length = hot[l];
            if (length > s.length() || hot[l + 1] >= best) {
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
            int first = hot[lengthsEnd + slot + 1];
            if ((first & 1) != 0) {
                best = first / 2 - 1;
                continue;
            }
            for (int position : positionsBySlot[slot / 2]) {
                if (position >= best) {
                    break;
                }
                Rule rule = byPosition[position];
                if (later == null ? rule.matches(s) : rule.matchesEveryKeyOf(later)) {
                    best = position;
                    break;
                }
            }
        }
        return best == end ? -1 : best;
    }

    /**
     * The table slot (an offset into the table) of the prefix that is the first {@code length} characters of
     * {@code s} (hashing to {@code hash}), unless none of its rules comes before position {@code best}; -1 if none.
     */
    private int slotOf(String s, int length, int hash, int best) {
        int table = LENGTHS + 2 * hot[LENGTH_COUNT];
        for (int slot = firstSlot(hash); ; slot = nextSlot(slot)) {
            int first = hot[table + slot + 1];
            if (first == 0) {
                return -1;
            }
            if (hot[table + slot] == hash && first / 2 - 1 < best) {
                String prefix = prefixBySlot[slot / 2];
                if (prefix.length() == length && s.startsWith(prefix)) {
                    return slot;
                }
            }
        }
    }

    /** Mixes the high bits into the low ones that pick the slot, as {@link java.util.HashMap} does. */
    private int firstSlot(int hash) {
        return ((hash ^ (hash >>> 16)) * 2) & hot[SLOT_MASK];
    }

    private int nextSlot(int slot) {
        return (slot + 2) & hot[SLOT_MASK];
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
