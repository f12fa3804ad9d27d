package io.ossenforcer.sweep;

import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStore;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.Rewritten;
import io.ossenforcer.enforce.SmallObject;
import io.ossenforcer.enforce.VersionEntry;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link ObjectStore} that takes a token per OSS request from a {@link RateLimiter}: one per HEAD, delete,
 * read and bucket setting, two per rewrite (the ACL read and the copy; a multipart copy's extra requests are rare enough to leave
 * uncounted).
 */
public final class RateLimitedStore implements ObjectStore {
    static final int REWRITE_REQUESTS = 2;

    private final ObjectStore store;
    private final RateLimiter limiter;

    public RateLimitedStore(ObjectStore store, RateLimiter limiter) {
        this.store = Objects.requireNonNull(store);
        this.limiter = Objects.requireNonNull(limiter);
    }

    @Override
    public ObjectState head(String bucket, String key) throws ObjectStoreException {
        take(1, bucket, key);
        return store.head(bucket, key);
    }

    @Override
    public Rewritten rewrite(ObjectState seen, EncryptionSpec target) throws ObjectStoreException {
        take(REWRITE_REQUESTS, seen.bucket(), seen.key());
        return store.rewrite(seen, target);
    }

    @Override
    public List<VersionEntry> versions(String bucket, String key) throws ObjectStoreException {
        take(1, bucket, key);
        return store.versions(bucket, key);
    }

    @Override
    public void deleteVersion(String bucket, String key, String versionId) throws ObjectStoreException {
        take(1, bucket, key);
        store.deleteVersion(bucket, key, versionId);
    }

    @Override
    public Optional<SmallObject> readIfChanged(String bucket, String key, Optional<String> knownETag, long maxBytes)
            throws ObjectStoreException {
        take(1, bucket, key);
        return store.readIfChanged(bucket, key, knownETag, maxBytes);
    }

    @Override
    public Optional<Encryption> bucketDefaultEncryption(String bucket) throws ObjectStoreException {
        take(1, bucket, "");
        return store.bucketDefaultEncryption(bucket);
    }

    private void take(int permits, String bucket, String key) throws ObjectStoreException {
        try {
            limiter.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException(ObjectStoreException.Kind.TRANSIENT, bucket, key, Optional.empty(),
                    Optional.empty(), "interrupted while waiting for the request rate limit", e);
        }
    }
}
