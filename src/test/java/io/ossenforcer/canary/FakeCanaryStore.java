package io.ossenforcer.canary;

import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.rules.Encryption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Canaries in memory, and a stand-in for the deployed function: a key can be set to be re-encrypted at its n-th
 * HEAD. Uploads with non-ASCII metadata can be refused, deletes can fail.
 */
final class FakeCanaryStore implements CanaryStore {
    final Map<String, CanaryState> objects = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    private final Map<String, Integer> heads = new HashMap<>();
    private final Map<String, Map.Entry<Integer, Encryption>> rewrites = new HashMap<>();
    final Set<String> undeletable = new HashSet<>();
    boolean refuseNonAscii;
    boolean rejectCredentials;
    /** The default encryption uploads without SSE headers get. */
    Optional<Encryption> bucketDefault = Optional.empty();
    boolean defaultUnreadable;
    /** Uploads that are stored, but whose answer is lost on the way back. */
    final Set<String> answerLost = new HashSet<>();

    /** The object at {@code key} becomes {@code encryption} at its {@code nth} HEAD (the first is the upload's own). */
    void rewriteAt(String key, int nth, Encryption encryption) {
        rewrites.put(key, Map.entry(nth, encryption));
    }

    void put(String key, Encryption encryption) {
        objects.put(key, new CanaryState(ObjectState.builder("bkt", key).encryption(encryption).eTag("e").size(1)
                .build(), Map.of(), "default"));
    }

    @Override
    public Optional<ObjectState> head(String bucket, String key) {
        calls.add("head " + key);
        int nth = heads.merge(key, 1, Integer::sum);
        Map.Entry<Integer, Encryption> rewrite = rewrites.get(key);
        CanaryState state = objects.get(key);
        if (state != null && rewrite != null && rewrite.getKey() == nth) {
            ObjectState o = state.object();
            objects.put(key, new CanaryState(ObjectState.builder(bucket, key).encryption(rewrite.getValue())
                    .eTag(o.eTag()).size(o.size()).crc64(o.crc64()).contentHeaders(o.contentHeaders())
                    .userMetadata(o.userMetadata()).build(), state.tags(), state.acl()));
        }
        return Optional.ofNullable(objects.get(key)).map(CanaryState::object);
    }

    @Override
    public Optional<CanaryState> read(String bucket, String key) {
        head(bucket, key);
        calls.add("read " + key);
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public Optional<String> upload(String bucket, String key, Encryption encryption, CanaryContent content)
            throws ObjectStoreException {
        calls.add("upload " + key);
        if (rejectCredentials) {
            throw new ObjectStoreException(ObjectStoreException.Kind.PERMANENT, bucket, key,
                    Optional.of("InvalidAccessKeyId"), Optional.empty(), "PutObject failed", null);
        }
        if (refuseNonAscii && content.hasNonAsciiMetadata()) {
            throw new ObjectStoreException(ObjectStoreException.Kind.PERMANENT, bucket, key,
                    Optional.of("SignatureDoesNotMatch"), Optional.of("req-1"), "PutObject failed", null);
        }
        Encryption stored = encryption.isEncrypted() ? encryption : bucketDefault.orElse(Encryption.NONE);
        objects.put(key, new CanaryState(ObjectState.builder(bucket, key).encryption(stored).eTag("etag-1")
                .size(content.bytes().length).crc64(Optional.of("42")).contentHeaders(content.contentHeaders())
                .userMetadata(content.userMetadata()).build(), content.tags(), content.acl()));
        if (answerLost.contains(key)) {
            throw new ObjectStoreException(ObjectStoreException.Kind.TRANSIENT, bucket, key, Optional.empty(),
                    Optional.empty(), "PutObject failed before OSS answered", null);
        }
        return Optional.of("42");
    }

    @Override
    public Optional<Encryption> defaultEncryption(String bucket) throws ObjectStoreException {
        calls.add("default encryption " + bucket);
        if (defaultUnreadable) {
            throw new ObjectStoreException(ObjectStoreException.Kind.PERMANENT, bucket, "",
                    Optional.of("AccessDenied"), Optional.empty(), "GetBucketEncryption failed", null);
        }
        return bucketDefault;
    }

    @Override
    public boolean keepsVersions(String bucket) {
        return false;
    }

    @Override
    public List<String> versionIds(String bucket, String key) {
        return List.of();
    }

    @Override
    public void delete(String bucket, String key, Optional<String> versionId) throws ObjectStoreException {
        calls.add("delete " + key);
        if (undeletable.contains(key)) {
            throw new ObjectStoreException(ObjectStoreException.Kind.PERMANENT, bucket, key,
                    Optional.of("AccessDenied"), Optional.empty(), "DeleteObject failed", null);
        }
        objects.remove(key);
    }
}
