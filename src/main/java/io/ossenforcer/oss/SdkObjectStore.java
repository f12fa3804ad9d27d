package io.ossenforcer.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.internal.OSSHeaders;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.CopyObjectResult;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.ListVersionsRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.OSSVersionSummary;
import com.aliyun.oss.model.ObjectPermission;
import com.aliyun.oss.model.SetObjectAclRequest;
import com.aliyun.oss.model.ServerSideEncryptionByDefault;
import com.aliyun.oss.model.StorageClass;
import com.aliyun.oss.model.VersionListing;
import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStore;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.Rewritten;
import io.ossenforcer.enforce.SmallObject;
import io.ossenforcer.enforce.VersionEntry;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link ObjectStore} over aliyun-sdk-oss. Rewrites by a conditional CopyObject onto the object itself, or by a
 * multipart copy above the single-copy limit. Every condition OSS honours on a copy source is sent: if-match on the
 * ETag and if-unmodified-since on the Last-Modified read (docs/SECURITY.md, "Concurrent writers"). The source is the
 * current object, in a versioned bucket too: a copy pinned to the version read would go through over a newer write
 * and leave a stale rewrite between that write and the next enforcement of it.
 */
public final class SdkObjectStore implements ObjectStore {
    static final String DATA_ENCRYPTION_HEADER = "x-oss-server-side-data-encryption";
    private static final String NOT_MODIFIED = "NotModified";
    private static final String NO_ENCRYPTION_RULE = "NoSuchServerSideEncryptionRule";

    /** The headers copy-to-self drops unless sent again, in the canonical case the report and verifier use. */
    static final List<String> CONTENT_HEADERS = List.of("Content-Type", "Cache-Control", "Content-Disposition",
            "Content-Encoding", "Expires");

    private final OSS client;
    private final CopyLimits limits;

    public SdkObjectStore(OSS client) {
        this(client, CopyLimits.oss());
    }

    public SdkObjectStore(OSS client, CopyLimits limits) {
        this.client = Objects.requireNonNull(client);
        this.limits = Objects.requireNonNull(limits);
    }

    @Override
    public ObjectState head(String bucket, String key) throws ObjectStoreException {
        ObjectMetadata meta;
        try {
            meta = client.getObjectMetadata(bucket, key);
        } catch (RuntimeException e) {
            throw OssErrors.classify("HeadObject", bucket, key, e);
        }
        return stateOf(bucket, key, meta);
    }

    static ObjectState stateOf(String bucket, String key, ObjectMetadata meta) {
        Map<String, String> read = headers(meta.getRawMetadata());
        Long crc64 = meta.getServerCRC();
        return ObjectState.builder(bucket, key)
                .encryption(Encryption.of(Optional.ofNullable(meta.getServerSideEncryption()),
                        Optional.ofNullable(meta.getServerSideEncryptionKeyId()),
                        Optional.ofNullable(meta.getServerSideDataEncryption())))
                .eTag(Optional.ofNullable(meta.getETag()).orElse(""))
                .size(meta.getContentLength())
                .crc64(crc64 == null ? Optional.empty() : Optional.of(Long.toUnsignedString(crc64)))
                .objectType(Optional.ofNullable(meta.getObjectType()).orElse(ObjectState.NORMAL))
                .storageClass(read.getOrDefault(OSSHeaders.OSS_STORAGE_CLASS, StorageClass.Standard.toString()))
                .restore(Optional.ofNullable(read.get(OSSHeaders.OSS_RESTORE)))
                .versionId(Optional.ofNullable(meta.getVersionId()))
                .lastModified(Optional.ofNullable(meta.getLastModified()).map(Date::toInstant))
                .contentHeaders(contentHeaders(read))
                .userMetadata(meta.getUserMetadata())
                .build();
    }

    private static Map<String, String> contentHeaders(Map<String, String> read) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : CONTENT_HEADERS) {
            if (read.containsKey(name)) {
                headers.put(name, read.get(name));
            }
        }
        return headers;
    }

    /**
     * The response's headers by name in any case (the server chooses the case), the first entry of a name with a
     * value counting.
     */
    private static Map<String, String> headers(Map<String, Object> raw) {
        Map<String, String> read = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (e.getValue() != null) {
                read.putIfAbsent(e.getKey(), e.getValue().toString());
            }
        }
        return read;
    }

    @Override
    public Rewritten rewrite(ObjectState seen, EncryptionSpec target) throws ObjectStoreException {
        SdkHeaderBytes.checkSendable(seen);
        ObjectMetadata meta = metadataToKeep(seen);
        if (limits.needsMultipart(seen.size())) {
            // UploadPartCopy carries no tags: read them and send them with Initiate, like the new encryption.
            Map<String, String> tags = readTags(seen);
            meta.setObjectTagging(tags);
            encrypt(meta, target);
            return new MultipartRewrite(client, limits, this).run(seen, meta, tags);
        }
        CopyObjectRequest copy = new CopyObjectRequest(seen.bucket(), seen.key(), seen.bucket(), seen.key());
        copy.setMatchingETagConstraints(List.of(seen.eTag()));
        seen.lastModified().map(Date::from).ifPresent(copy::setUnmodifiedSinceConstraint);
        copy.setServerSideEncryption(target.algorithm().headerValue());
        if (target.kmsKeyId().isPresent()) {
            copy.setServerSideEncryptionKeyId(target.kmsKeyId().get());
        }
        if (target.dataEncryption().isPresent()) {
            copy.addHeader(DATA_ENCRYPTION_HEADER, target.dataEncryption().get().headerValue());
        }
        // Read last, just before the copy: an ACL change between this read and the copy is the one a copy undoes.
        CannedAccessControlList acl = readAcl(seen);
        meta.setObjectAcl(acl);
        copy.setNewObjectMetadata(meta);
        CopyObjectResult result;
        try {
            result = client.copyObject(copy);
        } catch (RuntimeException e) {
            throw OssErrors.classify("CopyObject", seen.bucket(), seen.key(), e);
        }
        Optional<String> created = Optional.ofNullable(result.getVersionId());
        List<String> notes = new ArrayList<>();
        carryOverLateAcl(seen, created, acl).ifPresent(notes::add);
        return new Rewritten(unquoted(result.getETag()), created,
                Optional.ofNullable(result.getLastModified()).map(Date::toInstant), notes);
    }

    /**
     * In a versioned bucket an ACL change made while the copy ran lands on the version read, which stays: read its
     * ACL again, and if it moved on from the ACL sent while the new version still has the one sent, give the new
     * version the newer one. The check and the set are two requests: a change of the new version's ACL between them
     * is the window that remains.
     */
    Optional<String> carryOverLateAcl(ObjectState seen, Optional<String> created, CannedAccessControlList sent)
            throws ObjectStoreException {
        if (seen.versionId().isEmpty() || created.isEmpty()) {
            return Optional.empty();
        }
        CannedAccessControlList now = readAcl(seen);
        if (now == sent) {
            return Optional.empty();
        }
        if (readAcl(ObjectState.builder(seen.bucket(), seen.key()).versionId(created).build()) != sent) {
            return Optional.empty();
        }
        SetObjectAclRequest set = new SetObjectAclRequest(seen.bucket(), seen.key(), created.get(), now);
        try {
            client.setObjectAcl(set);
        } catch (RuntimeException e) {
            throw OssErrors.classify("PutObjectAcl (version " + created.get() + ")", seen.bucket(), seen.key(), e);
        }
        return Optional.of("the ACL of version " + seen.versionId().get() + " changed from " + sent + " to " + now
                + " during the copy; version " + created.get() + " was given " + now);
    }

    /**
     * The SDK parses a ListObjectVersions answer into its versions, then its delete markers, losing the order OSS
     * gave them in: they are merged back newest first by Last-Modified (whole seconds), the current one first, and
     * a delete marker taken as newer than a version of the same second (a delete is never taken as undone).
     */
    @Override
    public List<VersionEntry> versions(String bucket, String key) throws ObjectStoreException {
        List<OSSVersionSummary> versions = new ArrayList<>();
        List<OSSVersionSummary> markers = new ArrayList<>();
        ListVersionsRequest request = new ListVersionsRequest().withBucketName(bucket).withPrefix(key);
        try {
            VersionListing page;
            do {
                page = client.listVersions(request);
                for (OSSVersionSummary v : page.getVersionSummaries()) {
                    if (v.getKey().equals(key)) {
                        (v.isDeleteMarker() ? markers : versions).add(v);
                    }
                }
                request.setKeyMarker(page.getNextKeyMarker());
                request.setVersionIdMarker(page.getNextVersionIdMarker());
            } while (page.isTruncated() && key.equals(page.getNextKeyMarker()));
        } catch (RuntimeException e) {
            throw OssErrors.classify("ListObjectVersions", bucket, key, e);
        }
        List<VersionEntry> entries = new ArrayList<>();
        int v = 0;
        int m = 0;
        while (v < versions.size() || m < markers.size()) {
            boolean marker = v == versions.size()
                    || m < markers.size() && newerOrSameSecond(markers.get(m), versions.get(v));
            OSSVersionSummary next = marker ? markers.get(m++) : versions.get(v++);
            entries.add(new VersionEntry(next.getVersionId(), next.isDeleteMarker()));
        }
        return entries;
    }

    private static boolean newerOrSameSecond(OSSVersionSummary marker, OSSVersionSummary version) {
        if (marker.isLatest() || version.isLatest()) {
            return marker.isLatest();
        }
        return !marker.getLastModified().before(version.getLastModified());
    }

    static String unquoted(String eTag) {
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"") ? eTag.substring(1, eTag.length() - 1)
                : eTag;
    }

    private static void encrypt(ObjectMetadata meta, EncryptionSpec target) {
        meta.setServerSideEncryption(target.algorithm().headerValue());
        if (target.kmsKeyId().isPresent()) {
            meta.setServerSideEncryptionKeyId(target.kmsKeyId().get());
        }
        if (target.dataEncryption().isPresent()) {
            meta.setServerSideDataEncryption(target.dataEncryption().get().headerValue());
        }
    }

    /** The tags of the version read (of the object, in an unversioned bucket). */
    Map<String, String> readTags(ObjectState seen) throws ObjectStoreException {
        try {
            return client.getObjectTagging(request(seen)).getAllTags();
        } catch (RuntimeException e) {
            throw OssErrors.classify("GetObjectTagging", seen.bucket(), seen.key(), e);
        }
    }

    private static GenericRequest request(ObjectState seen) {
        return new GenericRequest(seen.bucket(), seen.key(), seen.versionId().orElse(null));
    }

    @Override
    public void deleteVersion(String bucket, String key, String versionId) throws ObjectStoreException {
        try {
            client.deleteVersion(bucket, key, versionId);
        } catch (RuntimeException e) {
            throw OssErrors.classify("DeleteObjectVersion " + versionId, bucket, key, e);
        }
    }

    @Override
    public Optional<SmallObject> readIfChanged(String bucket, String key, Optional<String> knownETag,
            long maxBytes) throws ObjectStoreException {
        GetObjectRequest get = new GetObjectRequest(bucket, key);
        if (knownETag.isPresent()) {
            get.setNonmatchingETagConstraints(List.of(knownETag.get()));
        }
        try (OSSObject object = client.getObject(get)) {
            long size = object.getObjectMetadata().getContentLength();
            if (size > maxBytes) {
                throw new ObjectStoreException(ObjectStoreException.Kind.PERMANENT, bucket, key, Optional.empty(),
                        Optional.empty(), "object is " + size + " bytes, over the limit of " + maxBytes, null);
            }
            byte[] bytes = object.getObjectContent().readNBytes((int) size);
            return Optional.of(new SmallObject(bytes, object.getObjectMetadata().getETag()));
        } catch (OSSException e) {
            if (NOT_MODIFIED.equals(e.getErrorCode())) {
                return Optional.empty();
            }
            throw OssErrors.classify("GetObject", bucket, key, e);
        } catch (IOException e) {
            throw new ObjectStoreException(ObjectStoreException.Kind.TRANSIENT, bucket, key, Optional.empty(),
                    Optional.empty(), "GetObject failed while reading the body: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw OssErrors.classify("GetObject", bucket, key, e);
        }
    }

    @Override
    public Optional<Encryption> bucketDefaultEncryption(String bucket) throws ObjectStoreException {
        try {
            ServerSideEncryptionByDefault rule = client.getBucketEncryption(bucket)
                    .getApplyServerSideEncryptionByDefault();
            if (rule == null) {
                return Optional.empty();
            }
            return Optional.of(Encryption.of(Optional.ofNullable(rule.getSSEAlgorithm()),
                    Optional.ofNullable(rule.getKMSMasterKeyID()), Optional.ofNullable(rule.getKMSDataEncryption())));
        } catch (OSSException e) {
            if (NO_ENCRYPTION_RULE.equals(e.getErrorCode())) {
                return Optional.empty();
            }
            throw OssErrors.classify("GetBucketEncryption", bucket, "", e);
        } catch (RuntimeException e) {
            throw OssErrors.classify("GetBucketEncryption", bucket, "", e);
        }
    }

    /** The ACL of the version read (of the object, in an unversioned bucket). */
    CannedAccessControlList readAcl(ObjectState seen) throws ObjectStoreException {
        String bucket = seen.bucket();
        String key = seen.key();
        ObjectPermission permission;
        try {
            permission = client.getObjectAcl(request(seen)).getPermission();
        } catch (RuntimeException e) {
            throw OssErrors.classify("GetObjectAcl", bucket, key, e);
        }
        switch (permission) {
            case Default:
                return CannedAccessControlList.Default;
            case Private:
                return CannedAccessControlList.Private;
            case PublicRead:
                return CannedAccessControlList.PublicRead;
            case PublicReadWrite:
                return CannedAccessControlList.PublicReadWrite;
            default:
                // Rewriting would replace an ACL we cannot name with another one: refuse rather than lose it.
                throw new ObjectStoreException(ObjectStoreException.Kind.PERMANENT, bucket, key, Optional.empty(),
                        Optional.empty(), "object ACL " + permission + " cannot be carried over a copy", null);
        }
    }

    /**
     * Copy-to-self takes metadata from the request only, and the SDK forces REPLACE: send back every content header
     * and user metadata entry verbatim, and the storage class. A single copy keeps tags through the default
     * {@code x-oss-tagging-directive: Copy}; the ACL goes with the copy or with CompleteMultipartUpload.
     */
    static ObjectMetadata metadataToKeep(ObjectState seen) {
        ObjectMetadata meta = new ObjectMetadata();
        for (Map.Entry<String, String> header : seen.contentHeaders().entrySet()) {
            meta.setHeader(header.getKey(), header.getValue());
        }
        meta.setUserMetadata(new LinkedHashMap<>(seen.userMetadata()));
        meta.setHeader(OSSHeaders.OSS_STORAGE_CLASS, seen.storageClass());
        return meta;
    }
}
