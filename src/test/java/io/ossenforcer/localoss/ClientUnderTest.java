package io.ossenforcer.localoss;

import java.util.List;
import java.util.Map;

/**
 * The operations the enforcer and the CLI use, as one official OSS client in one configuration performs them, so
 * that {@link ClientConformanceTest} can run the same scenarios over the Java SDK 3.x and the Java SDK V2. Errors
 * surface as {@link ClientError}, carrying OSS's error code whatever the SDK's exception type.
 */
interface ClientUnderTest extends AutoCloseable {
    void createBucket(String bucket);

    String put(String bucket, String key, byte[] data, Map<String, String> userMetadata);

    Head head(String bucket, String key);

    byte[] get(String bucket, String key, String range);

    void copyOntoItself(String bucket, String key, String ifMatch, String sse, String keyId);

    void putAcl(String bucket, String key, String acl);

    String acl(String bucket, String key);

    void putTag(String bucket, String key, String tagKey, String tagValue);

    Map<String, String> tags(String bucket, String key);

    String initiate(String bucket, String key, String sse);

    /** UploadPartCopy from {@code sourceKey} in the same bucket; answers the part's ETag. */
    String uploadPartCopy(String bucket, String key, String uploadId, int partNumber, String sourceKey, long first,
            long last);

    /** Completes with the parts 1..n and their ETags; answers the object's ETag. */
    String complete(String bucket, String key, String uploadId, List<String> partEtags);

    void abort(String bucket, String key, String uploadId);

    List<String> uploadIds(String bucket);

    List<String> list(String bucket, String prefix);

    List<String> deleteMultiple(String bucket, List<String> keys);

    void delete(String bucket, String key);

    void putBucketEncryption(String bucket, String algorithm);

    String bucketEncryption(String bucket);

    @Override
    void close();

    /** What HEAD answered, the SDK's parsing of it included. */
    record Head(long length, String etag, String objectType, String sse, String sseKeyId,
            Map<String, String> userMetadata) {
    }

    /** An OSS error as the SDK reported it. */
    final class ClientError extends RuntimeException {
        final String code;

        ClientError(String code, String message, Throwable cause) {
            super(code + ": " + message, cause);
            this.code = code;
        }
    }
}
