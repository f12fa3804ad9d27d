package io.ossenforcer.enforce;

import io.ossenforcer.rules.Encryption;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one HEAD says about an object: everything the decision needs and everything a rewrite must carry over that
 * a HEAD can show. ACL and tags are not here: they cost a request each and only a rewrite needs them.
 */
public final class ObjectState {
    /** Object types as OSS names them in {@code x-oss-object-type}. */
    public static final String NORMAL = "Normal";
    public static final String MULTIPART = "Multipart";
    public static final String APPENDABLE = "Appendable";
    public static final String SYMLINK = "Symlink";

    private final String bucket;
    private final String key;
    private final Encryption encryption;
    private final String eTag;
    private final long size;
    private final Optional<String> crc64;
    private final String objectType;
    private final String storageClass;
    private final Optional<String> restore;
    private final Optional<String> versionId;
    private final Optional<Instant> lastModified;
    private final Map<String, String> contentHeaders;
    private final Map<String, String> userMetadata;

    private ObjectState(Builder b) {
        this.bucket = Objects.requireNonNull(b.bucket, "bucket");
        this.key = Objects.requireNonNull(b.key, "key");
        this.encryption = Objects.requireNonNull(b.encryption, "encryption");
        this.eTag = Objects.requireNonNull(b.eTag, "eTag");
        this.size = b.size;
        this.crc64 = b.crc64;
        this.objectType = Objects.requireNonNull(b.objectType, "objectType");
        this.storageClass = Objects.requireNonNull(b.storageClass, "storageClass");
        this.restore = b.restore;
        this.versionId = b.versionId;
        this.lastModified = b.lastModified;
        this.contentHeaders = Collections.unmodifiableMap(new TreeMap<>(b.contentHeaders));
        this.userMetadata = Collections.unmodifiableMap(new TreeMap<>(b.userMetadata));
    }

    public static Builder builder(String bucket, String key) {
        return new Builder(bucket, key);
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public Encryption encryption() {
        return encryption;
    }

    /** The ETag without quotes. */
    public String eTag() {
        return eTag;
    }

    public long size() {
        return size;
    }

    /** {@code x-oss-hash-crc64ecma}, as OSS reports it (decimal). */
    public Optional<String> crc64() {
        return crc64;
    }

    public String objectType() {
        return objectType;
    }

    public String storageClass() {
        return storageClass;
    }

    /** {@code x-oss-restore}: present only for archive objects with a restore requested or done. */
    public Optional<String> restore() {
        return restore;
    }

    public Optional<String> versionId() {
        return versionId;
    }

    /** {@code Last-Modified} (whole seconds): it moves on every write, also those that keep the ETag. */
    public Optional<Instant> lastModified() {
        return lastModified;
    }

    /**
     * Whether {@code now} is another write than this one: another ETag, size, version or Last-Modified. A change of
     * metadata by copy-onto-itself keeps the ETag but moves Last-Modified (unless within the same second).
     */
    public boolean isOtherWriteThan(ObjectState now) {
        return !eTag.equals(now.eTag) || size != now.size || !versionId.equals(now.versionId)
                || !lastModified.equals(now.lastModified);
    }

    /**
     * The standard headers that copy-to-self drops unless sent again: Content-Type, Cache-Control,
     * Content-Disposition, Content-Encoding, Expires (names in that canonical case, values verbatim).
     */
    public Map<String, String> contentHeaders() {
        return contentHeaders;
    }

    /** User metadata: names without the {@code x-oss-meta-} prefix, lowercase as OSS stores them. */
    public Map<String, String> userMetadata() {
        return userMetadata;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ObjectState)) {
            return false;
        }
        ObjectState that = (ObjectState) o;
        return size == that.size && bucket.equals(that.bucket) && key.equals(that.key)
                && encryption.equals(that.encryption) && eTag.equals(that.eTag) && crc64.equals(that.crc64)
                && objectType.equals(that.objectType) && storageClass.equals(that.storageClass)
                && restore.equals(that.restore) && versionId.equals(that.versionId)
                && lastModified.equals(that.lastModified) && contentHeaders.equals(that.contentHeaders) && userMetadata.equals(that.userMetadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, key, encryption, eTag, size, crc64, objectType, storageClass, restore, versionId,
                lastModified, contentHeaders, userMetadata);
    }

    @Override
    public String toString() {
        return "ObjectState{oss://" + bucket + "/" + key + " " + encryption.describe() + " etag=" + eTag + " size="
                + size + crc64.map(c -> " crc64=" + c).orElse("") + " type=" + objectType + " class=" + storageClass
                + restore.map(r -> " restore=" + r).orElse("") + versionId.map(v -> " version=" + v).orElse("")
                + lastModified.map(t -> " modified=" + t).orElse("")
                + " headers=" + contentHeaders + " meta=" + userMetadata + '}';
    }

    public static final class Builder {
        private final String bucket;
        private final String key;
        private Encryption encryption = Encryption.NONE;
        private String eTag = "";
        private long size;
        private Optional<String> crc64 = Optional.empty();
        private String objectType = NORMAL;
        private String storageClass = "Standard";
        private Optional<String> restore = Optional.empty();
        private Optional<String> versionId = Optional.empty();
        private Optional<Instant> lastModified = Optional.empty();
        private Map<String, String> contentHeaders = Map.of();
        private Map<String, String> userMetadata = Map.of();

        private Builder(String bucket, String key) {
            this.bucket = bucket;
            this.key = key;
        }

        public Builder encryption(Encryption v) {
            this.encryption = v;
            return this;
        }

        public Builder eTag(String v) {
            this.eTag = v;
            return this;
        }

        public Builder size(long v) {
            this.size = v;
            return this;
        }

        public Builder crc64(Optional<String> v) {
            this.crc64 = Objects.requireNonNull(v);
            return this;
        }

        public Builder objectType(String v) {
            this.objectType = v;
            return this;
        }

        public Builder storageClass(String v) {
            this.storageClass = v;
            return this;
        }

        public Builder restore(Optional<String> v) {
            this.restore = Objects.requireNonNull(v);
            return this;
        }

        public Builder versionId(Optional<String> v) {
            this.versionId = Objects.requireNonNull(v);
            return this;
        }

        public Builder lastModified(Optional<Instant> v) {
            this.lastModified = Objects.requireNonNull(v);
            return this;
        }

        public Builder contentHeaders(Map<String, String> v) {
            this.contentHeaders = Objects.requireNonNull(v);
            return this;
        }

        public Builder userMetadata(Map<String, String> v) {
            this.userMetadata = Objects.requireNonNull(v);
            return this;
        }

        public ObjectState build() {
            return new ObjectState(this);
        }
    }
}
