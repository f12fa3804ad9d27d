package io.ossenforcer.canary;

import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.rules.Encryption;
import java.util.List;
import java.util.Optional;

/**
 * What verify-deployment asks of OSS, and nothing more: every call names one canary key. One SDK-backed
 * implementation lives in {@code io.ossenforcer.oss}.
 */
public interface CanaryStore {

    /** HEAD only, what a poll needs to see the encryption change: one request. Empty when there is no object. */
    Optional<ObjectState> head(String bucket, String key) throws ObjectStoreException;

    /** HEAD, tags and ACL of the object; empty when there is none. */
    Optional<CanaryState> read(String bucket, String key) throws ObjectStoreException;

    /**
     * PutObject with {@code content}, and the SSE header of {@code encryption} unless it is none, refused (409
     * {@code FileAlreadyExists}) if the key exists. Answers the CRC64 OSS computed of the bytes it stored (the SDK
     * has already checked it against the bytes sent).
     */
    Optional<String> upload(String bucket, String key, Encryption encryption, CanaryContent content)
            throws ObjectStoreException;

    /** The bucket's default encryption (GetBucketEncryption), empty when it has none. */
    Optional<Encryption> defaultEncryption(String bucket) throws ObjectStoreException;

    /** Whether versioning is or ever was enabled on the bucket (Enabled or Suspended): then versions remain. */
    boolean keepsVersions(String bucket) throws ObjectStoreException;

    /** The ids of every version and delete marker of exactly {@code key} (not of keys it is a prefix of). */
    List<String> versionIds(String bucket, String key) throws ObjectStoreException;

    /** DeleteObject: the object itself, or with a version id that version (or delete marker) for good. */
    void delete(String bucket, String key, Optional<String> versionId) throws ObjectStoreException;
}
