package io.ossenforcer.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.ListVersionsRequest;
import com.aliyun.oss.model.OSSVersionSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.VersionListing;
import io.ossenforcer.canary.CanaryContent;
import io.ossenforcer.canary.CanaryState;
import io.ossenforcer.canary.CanaryStore;
import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.rules.Encryption;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CanaryStore} over aliyun-sdk-oss. A canary is uploaded the way an application uploads: one PutObject with
 * its content headers, user metadata, tags ({@code x-oss-tagging}), ACL ({@code x-oss-object-acl}) and SSE header.
 * Reads are HEAD (as {@link SdkObjectStore} reads it), GetObjectTagging and GetObjectAcl; the body is never read, so
 * no KMS permission is needed: the CRC64 OSS reports stands for the bytes.
 */
public final class SdkCanaryStore implements CanaryStore {
    static final String FORBID_OVERWRITE = "x-oss-forbid-overwrite";

    private final OSS client;
    private final SdkObjectStore objects;

    public SdkCanaryStore(OSS client) {
        this.client = Objects.requireNonNull(client);
        this.objects = new SdkObjectStore(client);
    }

    /**
     * The canaries of verify-deployment over a connection. Built here rather than by {@link OssConnection}, so that
     * the function artifact, which keeps only the classes its handlers reach, carries no verify-deployment code.
     */
    public static SdkCanaryStore over(OssConnection connection) {
        return new SdkCanaryStore(connection.client());
    }

    @Override
    public Optional<ObjectState> head(String bucket, String key) throws ObjectStoreException {
        try {
            return Optional.of(objects.head(bucket, key));
        } catch (ObjectStoreException e) {
            if (e.kind() == ObjectStoreException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<CanaryState> read(String bucket, String key) throws ObjectStoreException {
        Optional<ObjectState> head = head(bucket, key);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, String> tags = call("GetObjectTagging", bucket, key,
                    () -> client.getObjectTagging(bucket, key).getAllTags());
            String acl = call("GetObjectAcl", bucket, key, () -> client.getObjectAcl(bucket, key).getPermission()
                    .toString());
            return Optional.of(new CanaryState(head.get(), tags, acl));
        } catch (ObjectStoreException e) {
            if (e.kind() == ObjectStoreException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<String> upload(String bucket, String key, Encryption encryption, CanaryContent content)
            throws ObjectStoreException {
        ObjectMetadata meta = new ObjectMetadata();
        content.contentHeaders().forEach(meta::setHeader);
        meta.setUserMetadata(new HashMap<>(content.userMetadata()));
        meta.setObjectTagging(new HashMap<>(content.tags()));
        meta.setObjectAcl(CannedAccessControlList.parse(content.acl()));
        encryption.algorithm().ifPresent(meta::setServerSideEncryption);
        encryption.kmsKeyId().ifPresent(meta::setServerSideEncryptionKeyId);
        encryption.dataEncryption().ifPresent(meta::setServerSideDataEncryption);
        // Never onto an object that appeared since the HEAD that found the key free (409 FileAlreadyExists).
        meta.setHeader(FORBID_OVERWRITE, "true");
        PutObjectRequest put = new PutObjectRequest(bucket, key, new ByteArrayInputStream(content.bytes()), meta);
        Long crc = call("PutObject", bucket, key, () -> client.putObject(put).getServerCRC());
        return crc == null ? Optional.empty() : Optional.of(Long.toUnsignedString(crc));
    }

    @Override
    public Optional<Encryption> defaultEncryption(String bucket) throws ObjectStoreException {
        return objects.bucketDefaultEncryption(bucket);
    }

    @Override
    public boolean keepsVersions(String bucket) throws ObjectStoreException {
        String status = call("GetBucketVersioning", bucket, "", () -> client.getBucketVersioning(bucket).getStatus());
        return BucketVersioningConfiguration.ENABLED.equals(status)
                || BucketVersioningConfiguration.SUSPENDED.equals(status);
    }

    @Override
    public List<String> versionIds(String bucket, String key) throws ObjectStoreException {
        List<String> ids = new ArrayList<>();
        ListVersionsRequest list = new ListVersionsRequest().withBucketName(bucket).withPrefix(key);
        while (true) {
            VersionListing page = call("ListObjectVersions", bucket, key, () -> client.listVersions(list));
            for (OSSVersionSummary version : page.getVersionSummaries()) {
                if (version.getKey().equals(key)) {
                    ids.add(version.getVersionId());
                }
            }
            if (!page.isTruncated()) {
                return ids;
            }
            list.setKeyMarker(page.getNextKeyMarker());
            list.setVersionIdMarker(page.getNextVersionIdMarker());
        }
    }

    @Override
    public void delete(String bucket, String key, Optional<String> versionId) throws ObjectStoreException {
        if (versionId.isPresent()) {
            objects.deleteVersion(bucket, key, versionId.get());
            return;
        }
        call("DeleteObject", bucket, key, () -> client.deleteObject(bucket, key));
    }

    /** An SDK call whose failure is classified as the enforcer's own calls are. */
    private static <T> T call(String operation, String bucket, String key, SdkCall<T> call)
            throws ObjectStoreException {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw OssErrors.classify(operation, bucket, key, e);
        }
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run();
    }
}
