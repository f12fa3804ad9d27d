package io.ossenforcer.localoss;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One bucket: each key's versions (newest first; without versioning there is only one), open multipart uploads, and
 * the bucket configuration objects depend on: versioning, default encryption and the retention policy.
 */
final class Bucket {
    /** UTF-8 byte order equals code point order; String.compareTo (UTF-16 units) differs above U+FFFF. */
    static final Comparator<String> KEY_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private final String name;
    private final Instant created;
    private final String storageClass;
    private final String acl;
    private final NavigableMap<String, List<StoredObject>> versions = new TreeMap<>(KEY_ORDER);
    private final Map<String, Upload> uploads = new LinkedHashMap<>();
    private Versioning versioning = Versioning.OFF;
    private Optional<ServerSideEncryption> defaultEncryption = Optional.empty();
    private Optional<Retention> retention = Optional.empty();
    private boolean blockPublicAccess;
    /** The lifecycle configuration as it was put (GetBucketLifecycle answers it back). */
    private Optional<byte[]> lifecycle = Optional.empty();

    Bucket(String name, Instant created, String storageClass, String acl) {
        this.name = name;
        this.created = created;
        this.storageClass = storageClass;
        this.acl = acl;
    }

    String name() {
        return name;
    }

    Instant created() {
        return created;
    }

    String storageClass() {
        return storageClass;
    }

    /** The bucket ACL: private, public-read or public-read-write. */
    String acl() {
        return acl;
    }

    Versioning versioning() {
        return versioning;
    }

    void setVersioning(Versioning status) {
        this.versioning = status;
    }

    /** Whether responses carry {@code x-oss-version-id}: once versioning was ever set, every version has an id. */
    boolean isVersioned() {
        return versioning != Versioning.OFF;
    }

    Optional<ServerSideEncryption> defaultEncryption() {
        return defaultEncryption;
    }

    void setDefaultEncryption(Optional<ServerSideEncryption> encryption) {
        this.defaultEncryption = encryption;
    }

    boolean blocksPublicAccess() {
        return blockPublicAccess;
    }

    void setBlockPublicAccess(boolean blocked) {
        this.blockPublicAccess = blocked;
    }

    Optional<byte[]> lifecycle() {
        return lifecycle;
    }

    void setLifecycle(Optional<byte[]> configuration) {
        this.lifecycle = configuration;
    }

    Optional<Retention> retention() {
        return retention;
    }

    void setRetention(Retention policy) {
        this.retention = Optional.of(policy);
    }

    /** Current objects (delete markers hide their key) in key order: a snapshot, for listings. */
    NavigableMap<String, StoredObject> objects() {
        NavigableMap<String, StoredObject> current = new TreeMap<>(KEY_ORDER);
        versions.forEach((key, list) -> {
            if (!list.get(0).isDeleteMarker()) {
                current.put(key, list.get(0));
            }
        });
        return current;
    }

    /** Every key's versions, newest first, delete markers included. */
    NavigableMap<String, List<StoredObject>> versions() {
        return Collections.unmodifiableNavigableMap(versions);
    }

    boolean isEmpty() {
        return versions.isEmpty();
    }

    /** The current version, unless there is none or it is a delete marker. */
    Optional<StoredObject> object(String key) {
        List<StoredObject> list = versions.get(key);
        return list == null || list.get(0).isDeleteMarker() ? Optional.empty() : Optional.of(list.get(0));
    }

    StoredObject existing(String key) {
        return object(key).orElseThrow(() -> OssError.noSuchKey(key));
    }

    /**
     * The version a request names with {@code versionId}, or the current one. A delete marker is 404 NoSuchKey with
     * {@code x-oss-delete-marker}; an unknown version id is 404 NoSuchVersion.
     */
    StoredObject existing(String key, Optional<String> versionId) {
        List<StoredObject> list = versions.getOrDefault(key, Collections.emptyList());
        StoredObject found;
        if (versionId.isPresent()) {
            found = list.stream().filter(v -> v.versionId().equals(versionId.get())).findFirst()
                    .orElseThrow(() -> OssError.noSuchVersion(key, versionId.get()));
        } else {
            found = list.isEmpty() ? null : list.get(0);
        }
        if (found == null) {
            throw OssError.noSuchKey(key);
        }
        if (found.isDeleteMarker()) {
            throw OssError.noSuchKey(key).withHeader("x-oss-delete-marker", "true")
                    .withHeader("x-oss-version-id", found.versionId());
        }
        return found;
    }

    /** The id of the next version written: a fresh opaque id while versioning is enabled, else "null". */
    String nextVersionId() {
        return versioning == Versioning.ENABLED ? VersionIds.next() : StoredObject.NULL_VERSION;
    }

    /**
     * Makes {@code object} the current version of its key. Without versioning it replaces the key's only version;
     * suspended, it replaces the "null" version; enabled, the previous versions stay. Returns the event's deltaSize:
     * the new size minus the sizes of the versions it replaced.
     */
    long write(StoredObject object) {
        List<StoredObject> list = versions.computeIfAbsent(object.key(), k -> new ArrayList<>());
        long removed = 0;
        if (versioning != Versioning.ENABLED) {
            for (StoredObject old : list) {
                if (versioning == Versioning.OFF || old.versionId().equals(StoredObject.NULL_VERSION)) {
                    removed += old.size();
                }
            }
            list.removeIf(old -> versioning == Versioning.OFF || old.versionId().equals(StoredObject.NULL_VERSION));
        }
        list.add(0, object);
        return object.size() - removed;
    }

    /** Replaces one stored version by a changed copy of itself (ACL, tags, restore, an append). */
    void update(StoredObject version, StoredObject changed) {
        List<StoredObject> list = versions.get(version.key());
        list.set(list.indexOf(version), changed);
    }

    /** Removes one version (a delete by version id); the key disappears with its last version. */
    Optional<StoredObject> removeVersion(String key, String versionId) {
        List<StoredObject> list = versions.getOrDefault(key, Collections.emptyList());
        Optional<StoredObject> found = list.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
        found.ifPresent(list::remove);
        if (list.isEmpty()) {
            versions.remove(key);
        }
        return found;
    }

    Map<String, Upload> uploads() {
        return uploads;
    }

    /** The upload with this id for this key: an id used with another key does not exist either. */
    Upload upload(String uploadId, String key) {
        Upload upload = uploads.get(uploadId);
        if (upload == null || !upload.key().equals(key)) {
            throw OssError.noSuchUpload(uploadId);
        }
        return upload;
    }
}
