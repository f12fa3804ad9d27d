package io.ossenforcer.localoss;

import java.time.Instant;
import java.util.Optional;

/** One object version as stored: content plus everything HEAD reports. Immutable; changes make a new value. */
final class StoredObject {
    static final String NORMAL = "Normal";
    static final String MULTIPART = "Multipart";

    private final String key;
    private final Blob blob;
    private final String etag;
    private final String objectType;
    private final Instant lastModified;
    private final ObjectMeta meta;
    private final Optional<ServerSideEncryption> encryption;
    private final ObjectAcl acl;
    private final String storageClass;
    private final Tags tags;

    StoredObject(String key, Blob blob, String etag, String objectType, Instant lastModified, ObjectMeta meta,
            Optional<ServerSideEncryption> encryption, ObjectAcl acl, String storageClass, Tags tags) {
        this.key = key;
        this.blob = blob;
        this.etag = etag;
        this.objectType = objectType;
        this.lastModified = lastModified;
        this.meta = meta;
        this.encryption = encryption;
        this.acl = acl;
        this.storageClass = storageClass;
        this.tags = tags;
    }

    String key() {
        return key;
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

    Instant lastModified() {
        return lastModified;
    }

    ObjectMeta meta() {
        return meta;
    }

    Optional<ServerSideEncryption> encryption() {
        return encryption;
    }

    ObjectAcl acl() {
        return acl;
    }

    String storageClass() {
        return storageClass;
    }

    Tags tags() {
        return tags;
    }

    /** The same object described with other metadata (GET's {@code response-*} overrides). */
    StoredObject withMeta(ObjectMeta newMeta) {
        return new StoredObject(key, blob, etag, objectType, lastModified, newMeta, encryption, acl, storageClass,
                tags);
    }

    /** ACL and tagging changes leave Last-Modified and ETag alone, as on OSS. */
    StoredObject withAcl(ObjectAcl newAcl) {
        return new StoredObject(key, blob, etag, objectType, lastModified, meta, encryption, newAcl, storageClass,
                tags);
    }

    StoredObject withTags(Tags newTags) {
        return new StoredObject(key, blob, etag, objectType, lastModified, meta, encryption, acl, storageClass,
                newTags);
    }
}
