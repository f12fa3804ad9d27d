package io.ossenforcer.oss;

import com.aliyun.oss.OSS;
import java.util.Objects;

/**
 * One SDK client and what the enforcer makes of it: object stores, listings, bucket settings and checkpoint objects. Outside this
 * package nothing sees the SDK.
 */
public final class OssConnection implements AutoCloseable {
    private final OSS client;

    OssConnection(OSS client) {
        this.client = Objects.requireNonNull(client);
    }

    /** A connection of its own, to be closed by the caller: {@link OssClients#build}'s V4-signing client. */
    public static OssConnection open(String endpoint, String region, AccessKey key) {
        return new OssConnection(OssClients.build(endpoint, region, key));
    }

    public SdkObjectStore store(CopyLimits limits) {
        return new SdkObjectStore(client, limits);
    }

    public SdkObjectListing listing() {
        return new SdkObjectListing(client);
    }

    /** Bucket configuration beside default encryption (check-buckets). */
    public SdkBucketSettings bucketSettings() {
        return new SdkBucketSettings(client);
    }

    /** For the tool's own adapters in this package, which the function artifact leaves out (SdkCanaryStore). */
    OSS client() {
        return client;
    }

    /** The checkpoint of a sweep, kept in the object {@code bucket/key}. */
    public OssCheckpointStore checkpoints(String bucket, String key) {
        return new OssCheckpointStore(client, bucket, key);
    }

    /** Releases the client's connection pool. */
    @Override
    public void close() {
        client.shutdown();
    }
}
