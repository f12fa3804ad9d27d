package io.ossenforcer.localoss;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.ServerSideEncryptionByDefault;
import com.aliyun.oss.model.ServerSideEncryptionConfiguration;
import com.aliyun.oss.model.SetBucketEncryptionRequest;
import com.aliyun.oss.model.TagSet;
import com.aliyun.oss.model.UploadPartCopyRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The Java SDK 3.x ({@code aliyun-sdk-oss}). Path-style: the emulator's IP endpoint, as the SDK chooses for it.
 * Virtual-hosted: the SDK's own choice for a real OSS endpoint ({@code <bucket>.oss-<region>.aliyuncs.com}), with
 * the emulator as its HTTP proxy, so every byte still goes to loopback.
 */
final class Sdk3Client implements ClientUnderTest {
    private final OSS client;

    private Sdk3Client(OSS client) {
        this.client = client;
    }

    static Sdk3Client of(LocalOss oss, boolean v4, boolean virtualHosted) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        if (v4) {
            conf.setSignatureVersion(SignVersion.V4);
        }
        String endpoint = oss.endpoint();
        if (virtualHosted) {
            conf.setProxyHost("127.0.0.1");
            conf.setProxyPort(oss.port());
            endpoint = "http://oss-" + oss.region() + ".aliyuncs.com";
        }
        return new Sdk3Client(OSSClientBuilder.create().endpoint(endpoint)
                .credentialsProvider(new DefaultCredentialProvider(oss.accessKeyId(), oss.accessKeySecret()))
                .clientConfiguration(conf).region(oss.region()).build());
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (OSSException e) {
            throw new ClientError(e.getErrorCode(), e.getErrorMessage(), e);
        }
    }

    private static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    @Override
    public void createBucket(String bucket) {
        run(() -> client.createBucket(bucket));
    }

    @Override
    public String put(String bucket, String key, byte[] data, Map<String, String> userMetadata) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setUserMetadata(userMetadata);
        return call(() -> client.putObject(bucket, key, new ByteArrayInputStream(data), meta).getETag());
    }

    @Override
    public Head head(String bucket, String key) {
        ObjectMetadata m = call(() -> client.getObjectMetadata(bucket, key));
        return new Head(m.getContentLength(), m.getETag(), m.getObjectType(), m.getServerSideEncryption(),
                m.getServerSideEncryptionKeyId(), m.getUserMetadata());
    }

    @Override
    public byte[] get(String bucket, String key, String range) {
        GetObjectRequest request = new GetObjectRequest(bucket, key);
        String[] bounds = range.substring("bytes=".length()).split("-");
        request.setRange(Long.parseLong(bounds[0]), Long.parseLong(bounds[1]));
        // The SDK checks the CRC of whole-object reads only; a range read is compared by the caller.
        try (InputStream in = call(() -> client.getObject(request)).getObjectContent()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void copyOntoItself(String bucket, String key, String ifMatch, String sse, String keyId) {
        CopyObjectRequest copy = new CopyObjectRequest(bucket, key, bucket, key);
        copy.setMatchingETagConstraints(List.of(ifMatch));
        copy.setServerSideEncryption(sse);
        if (keyId != null) {
            copy.setServerSideEncryptionKeyId(keyId);
        }
        run(() -> client.copyObject(copy));
    }

    @Override
    public void putAcl(String bucket, String key, String acl) {
        run(() -> client.setObjectAcl(bucket, key, CannedAccessControlList.parse(acl)));
    }

    @Override
    public String acl(String bucket, String key) {
        return call(() -> client.getObjectAcl(bucket, key)).getPermission().toString();
    }

    @Override
    public void putTag(String bucket, String key, String tagKey, String tagValue) {
        run(() -> client.setObjectTagging(bucket, key, Map.of(tagKey, tagValue)));
    }

    @Override
    public Map<String, String> tags(String bucket, String key) {
        TagSet tags = call(() -> client.getObjectTagging(bucket, key));
        return tags.getAllTags();
    }

    @Override
    public String initiate(String bucket, String key, String sse) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setServerSideEncryption(sse);
        return call(() -> client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, key, meta)))
                .getUploadId();
    }

    @Override
    public String uploadPartCopy(String bucket, String key, String uploadId, int partNumber, String sourceKey,
            long first, long last) {
        return call(() -> client.uploadPartCopy(new UploadPartCopyRequest(bucket, sourceKey, bucket, key, uploadId,
                partNumber, first, last - first + 1))).getETag();
    }

    @Override
    public String complete(String bucket, String key, String uploadId, List<String> partEtags) {
        List<PartETag> parts = new ArrayList<>();
        for (int i = 0; i < partEtags.size(); i++) {
            parts.add(new PartETag(i + 1, partEtags.get(i)));
        }
        return call(() -> client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, key, uploadId,
                parts))).getETag();
    }

    @Override
    public void abort(String bucket, String key, String uploadId) {
        run(() -> client.abortMultipartUpload(new com.aliyun.oss.model.AbortMultipartUploadRequest(bucket, key,
                uploadId)));
    }

    @Override
    public List<String> uploadIds(String bucket) {
        return call(() -> client.listMultipartUploads(new ListMultipartUploadsRequest(bucket))).getMultipartUploads()
                .stream().map(MultipartUpload::getUploadId).collect(Collectors.toList());
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        return call(() -> client.listObjects(bucket, prefix)).getObjectSummaries().stream()
                .map(OSSObjectSummary::getKey).collect(Collectors.toList());
    }

    @Override
    public List<String> deleteMultiple(String bucket, List<String> keys) {
        return call(() -> client.deleteObjects(new DeleteObjectsRequest(bucket).withKeys(keys))).getDeletedObjects();
    }

    @Override
    public void delete(String bucket, String key) {
        run(() -> client.deleteObject(bucket, key));
    }

    @Override
    public void putBucketEncryption(String bucket, String algorithm) {
        ServerSideEncryptionConfiguration configuration = new ServerSideEncryptionConfiguration();
        configuration.setApplyServerSideEncryptionByDefault(new ServerSideEncryptionByDefault(algorithm));
        run(() -> client.setBucketEncryption(new SetBucketEncryptionRequest(bucket, configuration)));
    }

    @Override
    public String bucketEncryption(String bucket) {
        return call(() -> client.getBucketEncryption(bucket)).getApplyServerSideEncryptionByDefault()
                .getSSEAlgorithm();
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
