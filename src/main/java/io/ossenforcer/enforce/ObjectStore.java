package io.ossenforcer.enforce;

import io.ossenforcer.rules.EncryptionSpec;
import java.util.Optional;

/** The only door from the enforcer to OSS. One SDK-backed implementation lives in {@code io.ossenforcer.oss}. */
public interface ObjectStore {

    /** HEADs the object. */
    ObjectState head(String bucket, String key) throws ObjectStoreException;

    /**
     * Rewrites the object in place so that it carries {@code target}, on condition that it is still the object
     * {@code seen} describes (same ETag), and carries over everything a copy would drop: content headers, user
     * metadata, tags, object ACL and storage class. The caller HEADs again to verify.
     */
    void rewrite(ObjectState seen, EncryptionSpec target) throws ObjectStoreException;

    /** Deletes one version of an object, by id (versioned buckets); other versions are untouched. */
    void deleteVersion(String bucket, String key, String versionId) throws ObjectStoreException;

    /**
     * Reads a small object (at most {@code maxBytes}) whole, unless its ETag is still {@code knownETag}: then it
     * answers empty without transferring the body (a conditional GET).
     */
    Optional<SmallObject> readIfChanged(String bucket, String key, Optional<String> knownETag, long maxBytes)
            throws ObjectStoreException;
}
