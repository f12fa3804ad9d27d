package io.ossenforcer.enforce;

import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory ObjectStore for the enforcer's pure logic: a rewrite sets exactly the spec's encryption. */
final class FakeObjectStore implements ObjectStore {
    private final Map<String, ObjectState> objects = new HashMap<>();
    private final Deque<ObjectStoreException.Kind> rewriteFailures = new ArrayDeque<>();
    private final Map<String, ObjectState> previousVersions = new LinkedHashMap<>();
    private boolean rewriteDropsMetadata;
    private boolean deleteFails;
    private int nextVersion = 2;
    int heads;
    int rewrites;
    private Optional<ObjectState> raced = Optional.empty();
    private Optional<ObjectState> landsAfterRewrite = Optional.empty();
    private int missingHeads;
    private boolean staleHeadAfterRewrite;
    private boolean versionListingFails;

    FakeObjectStore put(ObjectState state) {
        objects.put(state.bucket() + "/" + state.key(), state);
        return this;
    }

    static ObjectState plain(String bucket, String key) {
        return ObjectState.builder(bucket, key).eTag("5EB63BBBE01EEED093CB22BB8F5ACDC3").size(11)
                .crc64(Optional.of("5981764153023615706")).contentHeaders(Map.of("Content-Type", "text/plain"))
                .userMetadata(Map.of("owner", "alice")).build();
    }

    /** The next rewrite fails with this kind of error. */
    FakeObjectStore failNextRewrite(ObjectStoreException.Kind kind) {
        rewriteFailures.add(kind);
        return this;
    }

    /** The next rewrite finds the object overwritten by {@code newer} (a new upload raced it). */
    FakeObjectStore overwriteDuringNextRewrite(ObjectState newer) {
        raced = Optional.of(newer);
        return this;
    }

    /** {@code newer} lands right after the next rewrite, before anything else is read. */
    FakeObjectStore overwriteRightAfterNextRewrite(ObjectState newer) {
        landsAfterRewrite = Optional.of(newer);
        return this;
    }

    /** The first HEAD after the next rewrite answers 404 though the object exists (a stale read). */
    FakeObjectStore staleHeadAfterNextRewrite() {
        staleHeadAfterRewrite = true;
        return this;
    }

    /** Rewrites behave like a careless copy-to-self that sends no metadata back. */
    FakeObjectStore dropMetadataOnRewrite() {
        rewriteDropsMetadata = true;
        return this;
    }

    /** Listing a key's versions fails with a transient error. */
    FakeObjectStore failVersionListing() {
        versionListingFails = true;
        return this;
    }

    /** Version deletes fail with a transient error. */
    FakeObjectStore failVersionDeletes() {
        deleteFails = true;
        return this;
    }

    /** The versions a rewrite left behind, by id. */
    Map<String, ObjectState> previousVersions() {
        return previousVersions;
    }

    Optional<ObjectState> get(String bucket, String key) {
        return Optional.ofNullable(objects.get(bucket + "/" + key));
    }

    @Override
    public ObjectState head(String bucket, String key) throws ObjectStoreException {
        heads++;
        if (missingHeads > 0) {
            missingHeads--;
            throw error(ObjectStoreException.Kind.NOT_FOUND, bucket, key);
        }
        return get(bucket, key).orElseThrow(() -> error(ObjectStoreException.Kind.NOT_FOUND, bucket, key));
    }

    /** The current version, then the previous ones newest first. */
    @Override
    public List<VersionEntry> versions(String bucket, String key) throws ObjectStoreException {
        if (versionListingFails) {
            throw error(ObjectStoreException.Kind.TRANSIENT, bucket, key);
        }
        List<VersionEntry> entries = new ArrayList<>();
        get(bucket, key).flatMap(ObjectState::versionId).ifPresent(v -> entries.add(new VersionEntry(v, false)));
        List<String> previous = new ArrayList<>(previousVersions.keySet());
        for (int i = previous.size() - 1; i >= 0; i--) {
            entries.add(new VersionEntry(previous.get(i), false));
        }
        return entries;
    }

    @Override
    public Rewritten rewrite(ObjectState seen, EncryptionSpec target) throws ObjectStoreException {
        rewrites++;
        if (!rewriteFailures.isEmpty()) {
            throw error(rewriteFailures.poll(), seen.bucket(), seen.key());
        }
        raced.ifPresent(this::put);
        raced = Optional.empty();
        ObjectState current = get(seen.bucket(), seen.key())
                .orElseThrow(() -> error(ObjectStoreException.Kind.NOT_FOUND, seen.bucket(), seen.key()));
        if (!current.eTag().equals(seen.eTag())) {
            throw error(ObjectStoreException.Kind.CHANGED, seen.bucket(), seen.key());
        }
        Encryption encryption = Encryption.of(Optional.of(target.algorithm().headerValue()), target.kmsKeyId(),
                target.dataEncryption().map(a -> a.headerValue()));
        // A versioned object (one with a real version id) keeps its old version; "null" is overwritten in place.
        Optional<String> version = current.versionId().filter(v -> !v.equals("null"));
        version.ifPresent(v -> previousVersions.put(v, current));
        ObjectState.Builder next = ObjectState.builder(seen.bucket(), seen.key()).encryption(encryption)
                .eTag(current.eTag()).size(current.size()).crc64(current.crc64())
                .objectType(current.objectType()).storageClass(current.storageClass())
                .versionId(version.map(v -> "v" + nextVersion++).or(current::versionId));
        if (!rewriteDropsMetadata) {
            next.contentHeaders(current.contentHeaders()).userMetadata(current.userMetadata());
        }
        ObjectState created = next.build();
        put(created);
        landsAfterRewrite.ifPresent(this::put);
        landsAfterRewrite = Optional.empty();
        missingHeads = staleHeadAfterRewrite ? 1 : 0;
        staleHeadAfterRewrite = false;
        return new Rewritten(created.eTag(), created.versionId(), created.lastModified(), List.of());
    }

    @Override
    public void deleteVersion(String bucket, String key, String versionId) throws ObjectStoreException {
        if (deleteFails) {
            throw error(ObjectStoreException.Kind.TRANSIENT, bucket, key);
        }
        if (previousVersions.remove(versionId) == null) {
            throw error(ObjectStoreException.Kind.NOT_FOUND, bucket, key);
        }
    }

    @Override
    public Optional<SmallObject> readIfChanged(String bucket, String key, Optional<String> knownETag,
            long maxBytes) {
        throw new UnsupportedOperationException("the enforcer never reads object content");
    }

    @Override
    public Optional<Encryption> bucketDefaultEncryption(String bucket) {
        throw new UnsupportedOperationException("the enforcer never reads bucket settings");
    }

    private static ObjectStoreException error(ObjectStoreException.Kind kind, String bucket, String key) {
        return new ObjectStoreException(kind, bucket, key, Optional.of("Code" + kind), Optional.of("REQ" + kind),
                "fake " + kind, null);
    }
}
