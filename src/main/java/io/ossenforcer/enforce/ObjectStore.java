package io.ossenforcer.enforce;

import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import java.util.List;
import java.util.Optional;

/** The only door from the enforcer to OSS. One SDK-backed implementation lives in {@code io.ossenforcer.oss}. */
public interface ObjectStore {

    /** HEADs the object. */
    ObjectState head(String bucket, String key) throws ObjectStoreException;

    /**
     * Rewrites the object in place so that it carries {@code target}, on every condition OSS honours that it is still
     * the object {@code seen} describes (same ETag, not modified since its Last-Modified), and carries over everything a copy would drop: content headers, user
     * metadata, tags, object ACL and storage class. The ACL is read as late as it can be. The caller HEADs again to
     * verify.
     */
    Rewritten rewrite(ObjectState seen, EncryptionSpec target) throws ObjectStoreException;

    /** The versions and delete markers of exactly this key, newest first (versioned buckets). */
    List<VersionEntry> versions(String bucket, String key) throws ObjectStoreException;

    /** Deletes one version of an object, by id (versioned buckets); other versions are untouched. */
    void deleteVersion(String bucket, String key, String versionId) throws ObjectStoreException;

    /**
     * Reads a small object (at most {@code maxBytes}) whole, unless its ETag is still {@code knownETag}: then it
     * answers empty without transferring the body (a conditional GET).
     */
    Optional<SmallObject> readIfChanged(String bucket, String key, Optional<String> knownETag, long maxBytes)
            throws ObjectStoreException;

    /** The bucket's default encryption (PutBucketEncryption), empty when it has none. */
    Optional<Encryption> bucketDefaultEncryption(String bucket) throws ObjectStoreException;
}
