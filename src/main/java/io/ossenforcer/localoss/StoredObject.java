package io.ossenforcer.localoss;

import java.time.Instant;

/** One object version as stored: content plus everything HEAD reports. Immutable; changes make a new value. */
final class StoredObject {
    static final String NORMAL = "Normal";
    static final String MULTIPART = "Multipart";

    private final String key;
    private final Blob blob;
    private final String etag;
    private final String objectType;
    private final Instant lastModified;
    private final ObjectProperties properties;

    StoredObject(String key, Blob blob, String etag, String objectType, Instant lastModified,
            ObjectProperties properties) {
        this.key = key;
        this.blob = blob;
        this.etag = etag;
        this.objectType = objectType;
        this.lastModified = lastModified;
        this.properties = properties;
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

    ObjectProperties properties() {
        return properties;
    }

    /**
     * The same object with other properties. ACL and tagging changes use this and leave Last-Modified and ETag
     * alone, as on OSS; so do GET's {@code response-*} overrides.
     */
    StoredObject with(ObjectProperties newProperties) {
        return new StoredObject(key, blob, etag, objectType, lastModified, newProperties);
    }
}
