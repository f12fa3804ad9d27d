package io.ossenforcer.localoss;

import com.aliyun.sdk.service.oss2.OSSClient;
import com.aliyun.sdk.service.oss2.OSSClientBuilder;
import com.aliyun.sdk.service.oss2.credentials.StaticCredentialsProvider;
import com.aliyun.sdk.service.oss2.exceptions.ServiceException;
import com.aliyun.sdk.service.oss2.models.AbortMultipartUploadRequest;
import com.aliyun.sdk.service.oss2.models.ApplyServerSideEncryptionByDefault;
import com.aliyun.sdk.service.oss2.models.CompleteMultipartUpload;
import com.aliyun.sdk.service.oss2.models.CompleteMultipartUploadRequest;
import com.aliyun.sdk.service.oss2.models.CopyObjectRequest;
import com.aliyun.sdk.service.oss2.models.DeleteMultipleObjectsRequest;
import com.aliyun.sdk.service.oss2.models.DeleteObject;
import com.aliyun.sdk.service.oss2.models.DeleteObjectRequest;
import com.aliyun.sdk.service.oss2.models.DeletedInfo;
import com.aliyun.sdk.service.oss2.models.GetBucketEncryptionRequest;
import com.aliyun.sdk.service.oss2.models.GetObjectAclRequest;
import com.aliyun.sdk.service.oss2.models.GetObjectRequest;
import com.aliyun.sdk.service.oss2.models.GetObjectResult;
import com.aliyun.sdk.service.oss2.models.GetObjectTaggingRequest;
import com.aliyun.sdk.service.oss2.models.HeadObjectRequest;
import com.aliyun.sdk.service.oss2.models.HeadObjectResult;
import com.aliyun.sdk.service.oss2.models.InitiateMultipartUploadRequest;
import com.aliyun.sdk.service.oss2.models.ListMultipartUploadsRequest;
import com.aliyun.sdk.service.oss2.models.ListObjectsRequest;
import com.aliyun.sdk.service.oss2.models.ObjectSummary;
import com.aliyun.sdk.service.oss2.models.Part;
import com.aliyun.sdk.service.oss2.models.PutBucketEncryptionRequest;
import com.aliyun.sdk.service.oss2.models.PutBucketRequest;
import com.aliyun.sdk.service.oss2.models.PutObjectAclRequest;
import com.aliyun.sdk.service.oss2.models.PutObjectRequest;
import com.aliyun.sdk.service.oss2.models.PutObjectTaggingRequest;
import com.aliyun.sdk.service.oss2.models.ServerSideEncryptionRule;
import com.aliyun.sdk.service.oss2.models.Tag;
import com.aliyun.sdk.service.oss2.models.TagSet;
import com.aliyun.sdk.service.oss2.models.Tagging;
import com.aliyun.sdk.service.oss2.models.Upload;
import com.aliyun.sdk.service.oss2.models.UploadPartCopyRequest;
import com.aliyun.sdk.service.oss2.transport.BinaryData;
import com.aliyun.sdk.service.oss2.transport.apache5client.Apache5HttpClientBuilder;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The Java SDK V2 ({@code com.aliyun:alibabacloud-oss-v2}), an independent implementation of the OSS protocol:
 * its default signature is V4 and it puts {@code ?uploads=}, {@code ?acl=} in URLs. Path-style: the emulator's IP
 * endpoint with {@code usePathStyle(true)} when {@code pathStyle}, else the SDK's own choice. Virtual-hosted: a real
 * OSS endpoint name (with the emulator's port), which the SDK's own HTTP client resolves to loopback through a DNS
 * resolver given to it: no name is looked up anywhere.
 */
final class SdkV2Client implements ClientUnderTest {
    /** Every name is the emulator: the SDK's virtual host {@code <bucket>.oss-<region>.aliyuncs.com} included. */
    private static final DnsResolver LOOPBACK = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) {
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    };

    private final OSSClient client;

    private SdkV2Client(OSSClient client) {
        this.client = client;
    }

    /** {@code signature} null keeps the SDK's default; {@code pathStyle} null too. */
    static SdkV2Client of(LocalOss oss, String signature, Boolean pathStyle, boolean virtualHosted) {
        OSSClientBuilder builder = OSSClient.newBuilder()
                .credentialsProvider(new StaticCredentialsProvider(oss.accessKeyId(), oss.accessKeySecret()))
                .region(oss.region())
                .endpoint(oss.endpoint());
        if (signature != null) {
            builder.signatureVersion(signature);
        }
        if (pathStyle != null) {
            builder.usePathStyle(pathStyle);
        }
        if (virtualHosted) {
            builder.endpoint("http://oss-" + oss.region() + ".aliyuncs.com:" + oss.port())
                    .httpClient(Apache5HttpClientBuilder.create().dnsResolver(LOOPBACK).build());
        }
        return new SdkV2Client(builder.build());
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof ServiceException) {
                    ServiceException service = (ServiceException) c;
                    throw new ClientError(service.errorCode(), service.errorMessage(), e);
                }
            }
            throw e;
        }
    }

    @Override
    public void createBucket(String bucket) {
        call(() -> client.putBucket(PutBucketRequest.newBuilder().bucket(bucket).build()));
    }

    @Override
    public String put(String bucket, String key, byte[] data, Map<String, String> userMetadata) {
        return call(() -> client.putObject(PutObjectRequest.newBuilder().bucket(bucket).key(key)
                .metadata(userMetadata).body(BinaryData.fromBytes(data)).build())).eTag();
    }

    @Override
    public Head head(String bucket, String key) {
        HeadObjectResult h = call(() -> client.headObject(HeadObjectRequest.newBuilder().bucket(bucket).key(key)
                .build()));
        return new Head(h.contentLength(), unquote(h.eTag()), h.objectType(), h.serverSideEncryption(),
                h.serverSideEncryptionKeyId(), h.metadata());
    }

    @Override
    public byte[] get(String bucket, String key, String range) {
        try (GetObjectResult result = call(() -> client.getObject(GetObjectRequest.newBuilder().bucket(bucket)
                .key(key).range(range).build())); InputStream in = result.body()) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void copyOntoItself(String bucket, String key, String ifMatch, String sse, String keyId) {
        CopyObjectRequest.Builder copy = CopyObjectRequest.newBuilder().bucket(bucket).key(key).sourceBucket(bucket)
                .sourceKey(key).copySourceIfMatch(ifMatch).serverSideEncryption(sse);
        if (keyId != null) {
            copy.serverSideEncryptionKeyId(keyId);
        }
        call(() -> client.copyObject(copy.build()));
    }

    @Override
    public void putAcl(String bucket, String key, String acl) {
        call(() -> client.putObjectAcl(PutObjectAclRequest.newBuilder().bucket(bucket).key(key).objectAcl(acl)
                .build()));
    }

    @Override
    public String acl(String bucket, String key) {
        return call(() -> client.getObjectAcl(GetObjectAclRequest.newBuilder().bucket(bucket).key(key).build()))
                .accessControlPolicy().accessControlList().grant();
    }

    @Override
    public void putTag(String bucket, String key, String tagKey, String tagValue) {
        Tagging tagging = Tagging.newBuilder().tagSet(TagSet.newBuilder()
                .tags(List.of(Tag.newBuilder().key(tagKey).value(tagValue).build())).build()).build();
        call(() -> client.putObjectTagging(PutObjectTaggingRequest.newBuilder().bucket(bucket).key(key)
                .tagging(tagging).build()));
    }

    @Override
    public Map<String, String> tags(String bucket, String key) {
        Map<String, String> tags = new LinkedHashMap<>();
        call(() -> client.getObjectTagging(GetObjectTaggingRequest.newBuilder().bucket(bucket).key(key).build()))
                .tagging().tagSet().tags().forEach(tag -> tags.put(tag.key(), tag.value()));
        return tags;
    }

    @Override
    public String initiate(String bucket, String key, String sse) {
        return call(() -> client.initiateMultipartUpload(InitiateMultipartUploadRequest.newBuilder().bucket(bucket)
                .key(key).serverSideEncryption(sse).build())).initiateMultipartUpload().uploadId();
    }

    @Override
    public String uploadPartCopy(String bucket, String key, String uploadId, int partNumber, String sourceKey,
            long first, long last) {
        return unquote(call(() -> client.uploadPartCopy(UploadPartCopyRequest.newBuilder().bucket(bucket).key(key)
                .sourceBucket(bucket).sourceKey(sourceKey).uploadId(uploadId).partNumber((long) partNumber)
                .copySourceRange("bytes=" + first + "-" + last).build())).copyPartResult().eTag());
    }

    @Override
    public String complete(String bucket, String key, String uploadId, List<String> partEtags) {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < partEtags.size(); i++) {
            parts.add(Part.newBuilder().partNumber((long) i + 1).eTag(partEtags.get(i)).build());
        }
        return unquote(call(() -> client.completeMultipartUpload(CompleteMultipartUploadRequest.newBuilder()
                .bucket(bucket).key(key).uploadId(uploadId)
                .completeMultipartUpload(CompleteMultipartUpload.newBuilder().parts(parts).build()).build()))
                .completeMultipartUpload().eTag());
    }

    @Override
    public void abort(String bucket, String key, String uploadId) {
        call(() -> client.abortMultipartUpload(AbortMultipartUploadRequest.newBuilder().bucket(bucket).key(key)
                .uploadId(uploadId).build()));
    }

    @Override
    public List<String> uploadIds(String bucket) {
        return call(() -> client.listMultipartUploads(ListMultipartUploadsRequest.newBuilder().bucket(bucket)
                .build())).uploads().stream().map(Upload::uploadId).collect(Collectors.toList());
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        return call(() -> client.listObjects(ListObjectsRequest.newBuilder().bucket(bucket).prefix(prefix).build()))
                .contents().stream().map(ObjectSummary::key).collect(Collectors.toList());
    }

    @Override
    public List<String> deleteMultiple(String bucket, List<String> keys) {
        List<DeleteObject> objects = keys.stream().map(k -> DeleteObject.newBuilder().key(k).build())
                .collect(Collectors.toList());
        return call(() -> client.deleteMultipleObjects(DeleteMultipleObjectsRequest.newBuilder().bucket(bucket)
                .deleteObjects(objects).build())).deletedObjects().stream().map(DeletedInfo::key)
                .collect(Collectors.toList());
    }

    @Override
    public void delete(String bucket, String key) {
        call(() -> client.deleteObject(DeleteObjectRequest.newBuilder().bucket(bucket).key(key).build()));
    }

    @Override
    public void putBucketEncryption(String bucket, String algorithm) {
        call(() -> client.putBucketEncryption(PutBucketEncryptionRequest.newBuilder().bucket(bucket)
                .serverSideEncryptionRule(ServerSideEncryptionRule.newBuilder().applyServerSideEncryptionByDefault(
                        ApplyServerSideEncryptionByDefault.newBuilder().sSEAlgorithm(algorithm).build()).build())
                .build()));
    }

    @Override
    public String bucketEncryption(String bucket) {
        return call(() -> client.getBucketEncryption(GetBucketEncryptionRequest.newBuilder().bucket(bucket).build()))
                .serverSideEncryptionRule().applyServerSideEncryptionByDefault().sSEAlgorithm();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
