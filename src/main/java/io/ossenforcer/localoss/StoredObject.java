package io.ossenforcer.localoss;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * One object version as stored: content plus everything HEAD reports. Besides Normal, Multipart and Appendable content
 * it can be a symlink (its content is the target's name) or a delete marker. Immutable; changes make a new value.
 */
final class StoredObject {
    static final String NORMAL = "Normal";
    static final String MULTIPART = "Multipart";
    static final String APPENDABLE = "Appendable";
    static final String SYMLINK = "Symlink";
    /** Never on the wire: delete markers are listed as {@code <DeleteMarker>} and never served. */
    private static final String DELETE_MARKER = "DeleteMarker";
    /** What OSS calls a version written while versioning was off or suspended. */
    static final String NULL_VERSION = "null";

    private final String key;
    private final String versionId;
    private final Blob blob;
    private final String etag;
    private final String objectType;
    private final Instant lastModified;
    private final ObjectProperties properties;
    private final Optional<String> symlinkTarget;
    private final Optional<RestoreState> restore;

    private StoredObject(String key, String versionId, Blob blob, String etag, String objectType,
            Instant lastModified, ObjectProperties properties, Optional<String> symlinkTarget,
            Optional<RestoreState> restore) {
        this.key = key;
        this.versionId = versionId;
        this.blob = blob;
        this.etag = etag;
        this.objectType = objectType;
        this.lastModified = lastModified;
        this.properties = properties;
        this.symlinkTarget = symlinkTarget;
        this.restore = restore;
    }

    StoredObject(String key, String versionId, Blob blob, String etag, String objectType, Instant lastModified,
            ObjectProperties properties) {
        this(key, versionId, blob, etag, objectType, lastModified, properties, Optional.empty(), Optional.empty());
    }

    /** A symlink: its own bytes are the target key, which is also what its ETag and size describe. */
    static StoredObject symlink(String key, String versionId, String target, Instant lastModified,
            ObjectProperties properties) {
        Blob name = new BytesBlob(target.getBytes(StandardCharsets.UTF_8));
        return new StoredObject(key, versionId, name, Backend.upperHex(name.md5()), SYMLINK, lastModified,
                properties, Optional.of(target), Optional.empty());
    }

    static StoredObject deleteMarker(String key, String versionId, Instant lastModified) {
        return new StoredObject(key, versionId, new BytesBlob(new byte[0]), "", DELETE_MARKER, lastModified,
                ObjectProperties.NONE, Optional.empty(), Optional.empty());
    }

    String key() {
        return key;
    }

    /** {@value #NULL_VERSION} unless written while versioning was enabled. */
    String versionId() {
        return versionId;
    }

    Blob blob() {
        return blob;
    }

    long size() {
        return blob.size();
    }

    /** Uppercase hex, unquoted: MD5 of the content, or {@code MD5(part MD5s)-N} for a multipart object. */
    String etag() {
        return etag;
    }

    String objectType() {
        return objectType;
    }

    boolean isDeleteMarker() {
        return objectType.equals(DELETE_MARKER);
    }

    Optional<String> symlinkTarget() {
        return symlinkTarget;
    }

    Instant lastModified() {
        return lastModified;
    }

    ObjectProperties properties() {
        return properties;
    }

    Optional<RestoreState> restore() {
        return restore;
    }

    /** Archive classes are readable only while a completed restore lasts. */
    boolean isReadable(Instant now) {
        return !StorageClass.needsRestore(properties.storageClass())
                || restore.map(r -> r.isReadable(now)).orElse(false);
    }

    /**
     * The same object with other properties. ACL and tagging changes use this and leave Last-Modified and ETag
     * alone, as on OSS; so do GET's {@code response-*} overrides.
     */
    StoredObject with(ObjectProperties newProperties) {
        return new StoredObject(key, versionId, blob, etag, objectType, lastModified, newProperties, symlinkTarget,
                restore);
    }

    StoredObject with(RestoreState newRestore) {
        return new StoredObject(key, versionId, blob, etag, objectType, lastModified, properties, symlinkTarget,
                Optional.of(newRestore));
    }

    /** An appendable object grown by an AppendObject: same version, new content, ETag and Last-Modified. */
    StoredObject appended(Blob content, String newEtag, Instant now) {
        return new StoredObject(key, versionId, content, newEtag, objectType, now, properties, symlinkTarget,
                restore);
    }

    /** What GET and HEAD of a symlink describe: the target's content, length and ETag, the link's other headers. */
    StoredObject resolvedTo(StoredObject target) {
        Instant newer = target.lastModified.isAfter(lastModified) ? target.lastModified : lastModified;
        return new StoredObject(key, versionId, target.blob, target.etag, objectType, newer, properties,
                symlinkTarget, restore);
    }
}
