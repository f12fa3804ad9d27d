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

    /**
     * For each distinct prefix length, longest first: the length, and the earliest position of a rule with a prefix
     * of that length (once a rule at or before it has matched, that length needs no probe). Then, from
     * {@link #table}, the table: open addressing, linear probing, a slot is two ints, at an even index so that it
     * never straddles a cache line: the prefix's hash code, and one plus the position of its first rule, doubled, plus
     * 1 when that rule is {@linkplain #prefixOnly(Rule) prefix-only} (0: an empty slot).
     */
    private final int[] hot;
    /*
     * Fields rather than entries of hot, so that the first probe's slot is known from this object's line and the
     * key's hash, without waiting for the array's first line.
     */
    /** Where the table starts in {@link #hot}: twice the number of distinct prefix lengths. */
    private final int table;
    /** The table's size in ints, minus one. */
    private final int slotMask;
    /** The longest prefix's length; 0 without rules. */
    private final int longest;
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
        this.table = 2 * earliestByLength.size();
        this.slotMask = 2 * slots - 1;
        this.longest = earliestByLength.isEmpty() ? 0 : earliestByLength.lastKey();
        this.hot = new int[table + 2 * slots];
        int l = 0;
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

    /** The longest prefix's length; 0 without rules. */
    int longest() {
        return longest;
    }

    /**
     * The first rule in file order that matches {@code key}, given the hash code of its first {@code hashed}
     * characters, {@code hashed} being the lesser of its length and a length at least {@link #longest()}.
     */
    Optional<Rule> match(String key, int hash, int hashed) {
        int position = first(key, answers.length, null, hash, hashed);
        return position < 0 ? Optional.empty() : answers[position];
    }

    /** What {@link String#hashCode()} gives for the first {@code length} characters of {@code s}. */
    static int hashOf(String s, int length) {
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + s.charAt(i);
        }
        return hash;
    }

    /**
     * The position of the first earlier rule that matches every key the rule at {@code position} could match, so
     * that the latter can never match. Only rules whose prefix starts the latter's prefix can do that.
     */
    OptionalInt shadowing(int position) {
        Rule later = byPosition[position];
        String prefix = later.prefixOrEmpty();
        int hashed = Math.min(prefix.length(), longest);
        int earlier = first(prefix, position, later, hashOf(prefix, hashed), hashed);
        return earlier < 0 ? OptionalInt.empty() : OptionalInt.of(earlier);
    }

    /**
     * The position of the first rule before {@code end}, in file order, whose prefix starts {@code s} and that
     * matches {@code s} as a key, or, given a {@code later} rule (whose prefix {@code s} is), matches every key
     * {@code later} could match; -1 if none. A prefix-only rule does either once its prefix starts {@code s}, so it
     * passes untested. A parameter rather than a predicate: a lambda capturing the key would be made on every lookup.
     * {@code hash} is the hash code of the first {@code hashed} characters of {@code s}, {@code hashed} being the
     * lesser of its length and a length at least {@link #longest}; it is shortened a character at a time.
     */
    private int first(String s, int end, Rule later, int hash, int hashed) {
        int[] hot = this.hot;
        int best = end;
        // The next length is read at the end of an iteration; past the last, that is the first slot's hash, unused.
        for (int l = 0, length = longest; l < table; l += 2, length = hot[l]) {
            if (length > s.length() || hot[l + 1] >= best) {
                continue;
            }
            for (; hashed > length; hashed--) {
                hash = (hash - s.charAt(hashed - 1)) * INVERSE_OF_31;
            }
            int slot = slotOf(s, length, hash, best);
            if (slot < 0) {
                continue;
            }
            int first = hot[table + slot + 1];
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
        return ((hash ^ (hash >>> 16)) * 2) & slotMask;
    }

    private int nextSlot(int slot) {
        return (slot + 2) & slotMask;
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
