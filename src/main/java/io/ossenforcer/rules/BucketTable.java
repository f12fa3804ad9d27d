package io.ossenforcer.rules;

import java.util.Map;
import java.util.Optional;

/**
 * The rules of each bucket by bucket name, for {@link RuleSet#match}: open addressing, linear probing. With thousands
 * of buckets a lookup costs the cache lines it touches, so the slots' tags are an int array of their own, where a
 * bucket the rules do not name usually costs one line, and a slot's name and rules sit side by side in a parallel
 * array, whose line is read with the tag's rather than after it.
 */
final class BucketTable {
    /** A name's hash code with its lowest bit set, so that 0 marks an empty slot. */
    private final int[] tags;
    /** Slot {@code i}'s bucket name at {@code 2 * i} and its rules at {@code 2 * i + 1}. */
    private final Object[] entries;
    /** The longest prefix of any bucket's rules. */
    private final int longest;

    BucketTable(Map<String, BucketRules> buckets) {
        tags = new int[Integer.highestOneBit(Math.max(1, buckets.size())) * 4];
        entries = new Object[2 * tags.length];
        int longest = 0;
        for (Map.Entry<String, BucketRules> bucket : buckets.entrySet()) {
            longest = Math.max(longest, bucket.getValue().longest());
            int hash = bucket.getKey().hashCode();
            int slot = firstSlot(hash);
            while (tags[slot] != 0) {
                slot = nextSlot(slot);
            }
            tags[slot] = hash | 1;
            entries[2 * slot] = bucket.getKey();
            entries[2 * slot + 1] = bucket.getValue();
        }
        this.longest = longest;
    }

    /** The first rule of {@code bucket}, in file order, that matches {@code key}; empty for a bucket not named. */
    Optional<Rule> match(String bucket, String key) {
        // The key's hash first: it does not depend on the bucket, so the processor works it out while the bucket's
        // cache lines arrive rather than after.
        int hashed = Math.min(key.length(), longest);
        int keyHash = BucketRules.hashOf(key, hashed);
        int hash = bucket.hashCode();
        int tag = hash | 1;
        for (int slot = firstSlot(hash); tags[slot] != 0; slot = nextSlot(slot)) {
            if (tags[slot] == tag && bucket.equals(entries[2 * slot])) {
                return ((BucketRules) entries[2 * slot + 1]).match(key, keyHash, hashed);
            }
        }
        return Optional.empty();
    }

    /** Mixes the high bits into the low ones that pick the slot, as {@link java.util.HashMap} does. */
    private int firstSlot(int hash) {
        return (hash ^ (hash >>> 16)) & (tags.length - 1);
    }

    private int nextSlot(int slot) {
        return (slot + 1) & (tags.length - 1);
    }
}
