package io.ossenforcer.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * The rules of every bucket in one flat index, so that finding a key's rule costs about the same for ten rules or a
 * hundred thousand: it looks only at the rules whose prefix the key starts with, and with many rules it touches few
 * cache lines, since those, not comparisons, are what a large index costs.
 *
 * <p>Positions number the rules of all buckets, bucket after bucket, each bucket's in file order. The prefixes of a
 * bucket that start a given key all start its longest such prefix too, so they form a chain: the prefix, its
 * longest proper prefix among the bucket's prefixes (its parent), that one's parent, and so on. A lookup therefore
 * probes for the key's longest prefix only: once per distinct prefix length of the bucket (a handful in real rule
 * files), longest first, until one is found; the chain then holds every candidate rule, and the first of them in
 * file order that matches wins, exactly as a scan of the bucket's rules would decide. When the chain's earliest rule
 * has neither suffix nor excludes, it wins whatever the key, and the lookup knows it from the prefix's record.
 *
 * <p>All buckets' prefixes share one hash table: an array of fingerprints (of bucket, length and characters), small
 * enough to stay in a CPU cache, and beside it a fixed-size record per slot (the prefix's answer, its bucket and its
 * characters packed four to an int), so that a probe whose fingerprint matches reads one record to confirm. The
 * key's hash for each length is {@link String#hashCode()}'s of its first characters: computed once for the longest
 * length, then shortened a character at a time, so that no substring is made.
 *
 * <p>Measured against the per-bucket index it replaced (docs/PERFORMANCE.md, section 4): fewer cache misses with
 * 100,000 rules, but about 115 more instructions per lookup, so slower with 10 rules.
 */
final class RuleIndex {
    /** The inverse of 31 modulo 2<sup>32</sup>: multiplying by it undoes a step of {@link String#hashCode()}. */
    private static final int INVERSE_OF_31 = -1108378657;
    /** No prefix found, or a bucket without an empty-prefix rule. */
    private static final int NO_PREFIX = Integer.MIN_VALUE;
    // A prefix's record: its answer, its bucket (where the bucket's entry starts), where its text goes on in
    // tails, then its packed text as far as the record holds it.
    private static final int ANSWER = 0;
    private static final int BUCKET = 1;
    private static final int TAIL = 2;
    private static final int TEXT = 3;
    /** The most text words a record holds, so that a record stays within 64 bytes. */
    private static final int MAX_INLINE = 16 - TEXT - 1;
    // A bucket's entry: its first rule's position, its empty prefix's answer, its index in bucketNames, how many
    // distinct non-zero prefix lengths it has, then those lengths longest first.
    private static final int FIRST_RULE = 0;
    private static final int EMPTY = 1;
    private static final int NAME = 2;
    private static final int LENGTHS = 3;

    private final Rule[] byPosition;
    /** {@code Optional.of} each rule, made once so that a lookup allocates nothing. */
    private final List<Optional<Rule>> matchAt;
    /** Rules without suffix or excludes: they match every key their prefix starts, with no need to look at them. */
    private final boolean[] prefixOnly;
    /** For each rule, the index of its prefix, which is its bucket's prefix of that text. */
    private final int[] prefixOf;

    private final String[] bucketNames;
    /** Open addressing, linear probing: pairs of a bucket name's hash code and where its entry starts plus one. */
    private final int[] bucketTable;
    /** The buckets' entries, side by side (see {@link #FIRST_RULE}). */
    private final int[] buckets;

    /**
     * Open addressing, linear probing: the prefixes' fingerprints, 0 for an empty slot. Small enough to stay in a
     * CPU cache with 100,000 prefixes; empty prefixes are not here: they are their bucket's.
     */
    private final int[] fingerprints;
    /**
     * A record of {@link #recordSize} ints for each slot of {@link #fingerprints}, so that a probe that finds its
     * fingerprint reads one record, usually one cache line, to confirm the prefix. A prefix's answer is the position
     * of its chain's earliest rule when that rule is prefix-only (it wins whatever the key), otherwise minus one minus
     * the prefix's index.
     */
    private final int[] records;
    private final int recordSize;
    /** The text of prefixes too long for their record. */
    private final int[] tails;
    /** For each prefix, its parent's index, -1 if none. */
    private final int[] parent;
    /** For each prefix, the earliest position of a rule of its chain: an ancestor past it cannot win. */
    private final int[] chainEarliest;
    /** The positions of each prefix's rules, in file order: prefix i's from positionsStart[i] to [i + 1]. */
    private final int[] positionsStart;
    private final int[] positions;

    RuleIndex(Map<String, List<Rule>> rulesByBucket) {
        List<Rule> all = new ArrayList<>();
        List<Integer> firstRules = new ArrayList<>();
        List<List<String>> prefixesByBucket = new ArrayList<>();
        List<List<Integer>> positionsByPrefix = new ArrayList<>();
        rulesByBucket.forEach((bucket, rules) -> {
            firstRules.add(all.size());
            Map<String, List<Integer>> byPrefix = new LinkedHashMap<>();
            for (Rule rule : rules) {
                byPrefix.computeIfAbsent(rule.prefixOrEmpty(), p -> new ArrayList<>()).add(all.size());
                all.add(rule);
            }
            prefixesByBucket.add(new ArrayList<>(byPrefix.keySet()));
            positionsByPrefix.addAll(byPrefix.values());
        });
        byPosition = all.toArray(new Rule[0]);
        List<Optional<Rule>> matches = new ArrayList<>(byPosition.length);
        prefixOnly = new boolean[byPosition.length];
        for (int p = 0; p < byPosition.length; p++) {
            matches.add(Optional.of(byPosition[p]));
            prefixOnly[p] = byPosition[p].suffix().isEmpty() && byPosition[p].exclude().isEmpty();
        }
        matchAt = List.copyOf(matches);

        int prefixCount = positionsByPrefix.size();
        prefixOf = new int[byPosition.length];
        positionsStart = new int[prefixCount + 1];
        positions = new int[byPosition.length];
        for (int i = 0, k = 0; i < prefixCount; i++) {
            positionsStart[i] = k;
            for (int position : positionsByPrefix.get(i)) {
                prefixOf[position] = i;
                positions[k++] = position;
            }
        }
        positionsStart[prefixCount] = byPosition.length;

        parent = new int[prefixCount];
        chainEarliest = new int[prefixCount];
        int[] answers = new int[prefixCount];
        int nonEmpty = 0;
        List<Integer> textSizes = new ArrayList<>();
        int[] bucketEntries = new int[prefixesByBucket.size()];
        bucketTable = new int[Integer.highestOneBit(Math.max(1, bucketEntries.length)) * 8];
        List<Integer> entries = new ArrayList<>();
        bucketNames = rulesByBucket.keySet().toArray(new String[0]);
        int first = 0;
        for (int b = 0; b < bucketNames.length; b++) {
            List<String> prefixes = prefixesByBucket.get(b);
            linkChains(prefixes, first, answers);
            TreeSet<Integer> lengths = new TreeSet<>();
            int empty = NO_PREFIX;
            for (int i = 0; i < prefixes.size(); i++) {
                String prefix = prefixes.get(i);
                if (prefix.isEmpty()) {
                    empty = answers[first + i];
                } else {
                    lengths.add(prefix.length());
                    textSizes.add(packed(prefix).length);
                    nonEmpty++;
                }
            }
            bucketEntries[b] = entries.size();
            addBucket(bucketNames[b].hashCode(), entries.size());
            entries.add(firstRules.get(b));
            entries.add(empty);
            entries.add(b);
            entries.add(lengths.size());
            entries.addAll(lengths.descendingSet());
            first += prefixes.size();
        }
        buckets = entries.stream().mapToInt(Integer::intValue).toArray();

        // At most four slots in five used, so that a probe for an absent prefix soon meets an empty slot.
        fingerprints = new int[Integer.highestOneBit(Math.max(1, nonEmpty + nonEmpty / 4)) * 2];
        // Records as long as nine prefixes in ten need, so that long outliers do not make every record long.
        Collections.sort(textSizes);
        recordSize = TEXT + Math.min(MAX_INLINE, textSizes.isEmpty() ? 1 : textSizes.get(textSizes.size() * 9 / 10));
        records = new int[fingerprints.length * recordSize];
        List<Integer> tailWords = new ArrayList<>();
        int id = 0;
        for (int bucket = 0; bucket < bucketEntries.length; bucket++) {
            for (String prefix : prefixesByBucket.get(bucket)) {
                if (!prefix.isEmpty()) {
                    int fingerprint = fingerprint(prefix.hashCode(), bucketEntries[bucket], prefix.length());
                    int slot = fingerprint & (fingerprints.length - 1);
                    while (fingerprints[slot] != 0) {
                        slot = (slot + 1) & (fingerprints.length - 1);
                    }
                    fingerprints[slot] = fingerprint;
                    int record = slot * recordSize;
                    records[record + ANSWER] = answers[id];
                    records[record + BUCKET] = bucketEntries[bucket];
                    records[record + TAIL] = tailWords.size();
                    int[] text = packed(prefix);
                    for (int w = 0; w < text.length; w++) {
                        if (TEXT + w < recordSize) {
                            records[record + TEXT + w] = text[w];
                        } else {
                            tailWords.add(text[w]);
                        }
                    }
                }
                id++;
            }
        }
        tails = tailWords.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Finds the parent of each of a bucket's prefixes (whose indexes start at {@code first}) and decides what it can
     * of each chain. In sorted order a prefix comes right after its ancestors or their other descendants, so a stack
     * of the chain so far gives each prefix its parent.
     */
    private void linkChains(List<String> prefixes, int first, int[] answers) {
        Integer[] sorted = new Integer[prefixes.size()];
        Arrays.setAll(sorted, i -> i);
        Arrays.sort(sorted, (x, y) -> prefixes.get(x).compareTo(prefixes.get(y)));
        int[] chain = new int[sorted.length];
        int depth = 0;
        for (int i : sorted) {
            while (depth > 0 && !prefixes.get(i).startsWith(prefixes.get(chain[depth - 1]))) {
                depth--;
            }
            int id = first + i;
            parent[id] = depth == 0 ? -1 : first + chain[depth - 1];
            chainEarliest[id] = Math.min(positions[positionsStart[id]],
                    parent[id] < 0 ? Integer.MAX_VALUE : chainEarliest[parent[id]]);
            answers[id] = prefixOnly[chainEarliest[id]] ? chainEarliest[id] : -1 - id;
            chain[depth++] = i;
        }
    }

    private void addBucket(int hash, int entry) {
        int slot = bucketSlot(hash);
        while (bucketTable[slot + 1] != 0) {
            slot = (slot + 2) & (bucketTable.length - 1);
        }
        bucketTable[slot] = hash;
        bucketTable[slot + 1] = entry + 1;
    }

    /** The first rule of {@code bucket}, in file order, that matches {@code key}. */
    Optional<Rule> match(String bucket, String key) {
        int entry = entryOf(bucket);
        if (entry < 0) {
            return Optional.empty();
        }
        int hash = 0;
        int hashed = -1; // how many of key's characters hash holds; none yet
        for (int l = entry + LENGTHS + 1, end = l + buckets[entry + LENGTHS]; l < end; l++) {
            int length = buckets[l];
            if (length > key.length()) {
                continue;
            }
            if (hashed < 0) {
                for (hashed = 0; hashed < length; hashed++) {
                    hash = 31 * hash + key.charAt(hashed);
                }
            }
            for (; hashed > length; hashed--) {
                hash = (hash - key.charAt(hashed - 1)) * INVERSE_OF_31;
            }
            int answer = answerOf(entry, key, length, hash);
            if (answer != NO_PREFIX) {
                return matchFor(answer, key);
            }
        }
        int empty = buckets[entry + EMPTY];
        return empty == NO_PREFIX ? Optional.empty() : matchFor(empty, key);
    }

    private Optional<Rule> matchFor(int answer, String key) {
        if (answer >= 0) {
            return matchAt.get(answer);
        }
        int position = first(-1 - answer, Integer.MAX_VALUE, p -> prefixOnly[p] || byPosition[p].matches(key));
        return position < 0 ? Optional.empty() : matchAt.get(position);
    }

    /**
     * The position, counted within {@code bucket}, of the first earlier rule that matches every key the rule at
     * {@code position} could match, so that the latter can never match. Only rules whose prefix starts the latter's
     * prefix can do that: those of its prefix's chain.
     */
    OptionalInt shadowing(String bucket, int position) {
        int firstRule = buckets[entryOf(bucket) + FIRST_RULE];
        int at = firstRule + position;
        Rule later = byPosition[at];
        int earlier = first(prefixOf[at], at, p -> byPosition[p].matchesEveryKeyOf(later));
        return earlier < 0 ? OptionalInt.empty() : OptionalInt.of(earlier - firstRule);
    }

    /** The position of the first rule of {@code prefix}'s chain before {@code end} that passes {@code test}; -1 if none. */
    private int first(int prefix, int end, IntPredicate test) {
        int best = end;
        for (int q = prefix; q >= 0 && chainEarliest[q] < best; q = parent[q]) {
            for (int k = positionsStart[q]; k < positionsStart[q + 1] && positions[k] < best; k++) {
                if (test.test(positions[k])) {
                    best = positions[k];
                }
            }
        }
        return best == end ? -1 : best;
    }

    /** Where {@code bucket}'s entry starts; -1 for a bucket the rules do not name. */
    private int entryOf(String bucket) {
        int hash = bucket.hashCode();
        for (int slot = bucketSlot(hash); bucketTable[slot + 1] != 0; slot = (slot + 2) & (bucketTable.length - 1)) {
            int entry = bucketTable[slot + 1] - 1;
            if (bucketTable[slot] == hash && bucketNames[buckets[entry + NAME]].equals(bucket)) {
                return entry;
            }
        }
        return -1;
    }

    /**
     * The answer of the prefix, of the bucket whose entry starts at {@code bucket}, that is the first {@code length}
     * characters of {@code key} (hashing to {@code hash}); {@link #NO_PREFIX} if the bucket has none.
     */
    private int answerOf(int bucket, String key, int length, int hash) {
        int fingerprint = fingerprint(hash, bucket, length);
        for (int slot = fingerprint & (fingerprints.length - 1); fingerprints[slot] != 0;
                slot = (slot + 1) & (fingerprints.length - 1)) {
            int record = slot * recordSize;
            if (fingerprints[slot] == fingerprint && records[record + BUCKET] == bucket
                    && startsWith(key, length, record)) {
                return records[record + ANSWER];
            }
        }
        return NO_PREFIX;
    }

    /**
     * {@code s}'s length times two, plus one if wide, then its characters four to an int when all are below 256 (as
     * in most keys), two to an int otherwise.
     */
    private static int[] packed(String s) {
        boolean narrow = s.chars().allMatch(c -> c < 256);
        int perInt = narrow ? 4 : 2;
        int[] packed = new int[1 + (s.length() + perInt - 1) / perInt];
        packed[0] = s.length() << 1 | (narrow ? 0 : 1);
        for (int c = 0; c < s.length(); c++) {
            packed[1 + c / perInt] |= s.charAt(c) << (c % perInt * (32 / perInt));
        }
        return packed;
    }

    /** Whether the prefix whose record starts at {@code record} is the first {@code length} characters of key. */
    private boolean startsWith(String key, int length, int record) {
        int header = records[record + TEXT];
        if (header >>> 1 != length) {
            return false;
        }
        int log = (header & 1) == 0 ? 2 : 1; // of characters per int
        int inline = Math.min(length, (recordSize - TEXT - 1) << log);
        return sameChars(key, 0, inline, records, record + TEXT + 1, log)
                && sameChars(key, inline, length, tails, records[record + TAIL], log);
    }

    /**
     * Whether characters {@code from} to {@code to} of {@code s} are those packed {@code 1 << log} to an int in
     * {@code words} from {@code at} on; {@code from} starts an int.
     */
    private static boolean sameChars(String s, int from, int to, int[] words, int at, int log) {
        int bits = 32 >>> log;
        int mask = (1 << bits) - 1;
        int inWord = (1 << log) - 1;
        for (int c = from; c < to; c++) {
            if (s.charAt(c) != (words[at + ((c - from) >>> log)] >>> ((c & inWord) * bits) & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Mixes bucket and length into a prefix's hash code (MurmurHash3's finalizer), for slots spread evenly. */
    private static int fingerprint(int hash, int bucket, int length) {
        int h = hash * 0x9E3779B1 + bucket * 0x85EBCA6B + length;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h == 0 ? 1 : h; // 0 marks an empty slot
    }

    private int bucketSlot(int hash) {
        return ((hash ^ (hash >>> 16)) * 2) & (bucketTable.length - 1);
    }
}
