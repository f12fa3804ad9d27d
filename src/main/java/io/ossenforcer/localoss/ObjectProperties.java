package io.ossenforcer.localoss;

import java.util.Optional;

/**
 * What a write fixes about an object besides its content: metadata, server-side encryption, ACL, storage class and
 * tags. A PutObject or CopyObject sets them at once; a multipart upload fixes them at initiation for Complete.
 */
final class ObjectProperties {
    /** A delete marker's: nothing but the default Content-Type. */
    static final ObjectProperties NONE = new ObjectProperties(ObjectMeta.none(), Optional.empty(), ObjectAcl.DEFAULT,
            StorageClass.STANDARD, Tags.NONE);

    private final ObjectMeta meta;
    private final Optional<ServerSideEncryption> encryption;
    private final ObjectAcl acl;
    private final String storageClass;
    private final Tags tags;

    ObjectProperties(ObjectMeta meta, Optional<ServerSideEncryption> encryption, ObjectAcl acl, String storageClass,
            Tags tags) {
        this.meta = meta;
        this.encryption = encryption;
        this.acl = acl;
        this.storageClass = storageClass;
        this.tags = tags;
    }

    /**
     * What a creating write's headers fix: metadata, SSE (else the bucket's default encryption), ACL, storage class
     * (else the bucket's) and {@code x-oss-tagging}. Call with the store lock held.
     */
    static ObjectProperties fromRequest(OssRequest request, Settings settings, Bucket bucket) {
        return new ObjectProperties(ObjectMeta.fromRequest(request),
                Backend.encryption(ServerSideEncryption.fromRequest(request, settings), bucket, settings),
                ObjectAcl.fromRequest(request), StorageClass.fromRequest(request, bucket.storageClass()),
                request.header("x-oss-tagging").map(Tags::fromHeader).orElse(Tags.NONE));
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

    ObjectProperties withMeta(ObjectMeta newMeta) {
        return new ObjectProperties(newMeta, encryption, acl, storageClass, tags);
    }

    ObjectProperties withAcl(ObjectAcl newAcl) {
        return new ObjectProperties(meta, encryption, newAcl, storageClass, tags);
    }

    ObjectProperties withTags(Tags newTags) {
        return new ObjectProperties(meta, encryption, acl, storageClass, newTags);
    }
}
