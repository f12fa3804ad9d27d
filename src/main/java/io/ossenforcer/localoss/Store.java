package io.ossenforcer.localoss;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * All buckets. One monitor guards every bucket, object and upload: callers hold {@code synchronized (store)} across
 * each read-check-write, which is what makes conditional copies (ETag preconditions) atomic as on OSS.
 */
final class Store {
    private final NavigableMap<String, Bucket> buckets = new TreeMap<>();

    Bucket bucket(String name) {
        Bucket bucket = buckets.get(name);
        if (bucket == null) {
            throw OssError.noSuchBucket(name);
        }
        return bucket;
    }

    boolean hasBucket(String name) {
        return buckets.containsKey(name);
    }

    void addBucket(Bucket bucket) {
        buckets.put(bucket.name(), bucket);
    }

    void removeBucket(String name) {
        buckets.remove(name);
    }

    List<Bucket> buckets() {
        return new ArrayList<>(buckets.values());
    }
}
