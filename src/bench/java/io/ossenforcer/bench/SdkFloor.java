package io.ossenforcer.bench;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.ObjectMetadata;
import java.util.List;

/**
 * The SDK floor: a fresh JVM that builds an OSSClient and makes the calls the enforcer makes for one object, with
 * nothing else — HEAD; and when it must be encrypted GetObjectAcl, the conditional CopyObject with the SSE and
 * content headers, and HEAD again. Arguments: endpoint region bucket key [more keys...].
 */
public final class SdkFloor {
    private final OSS client;

    SdkFloor(String endpoint, String region) {
        this(client(endpoint, region));
    }

    /** Over a client of {@link #client}, wrapped: {@code SdkCallSplit} times the calls. */
    public SdkFloor(OSS client) {
        this.client = client;
    }

    /** The floor's client: V4 signing, credentials from the environment, the SDK's defaults otherwise. */
    public static OSS client(String endpoint, String region) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(SignVersion.V4);
        return OSSClientBuilder.create().endpoint(endpoint)
                .credentialsProvider(new DefaultCredentialProvider(System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"),
                        System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET")))
                .clientConfiguration(conf).region(region).build();
    }

    public static void main(String[] args) {
        SdkFloor floor = new SdkFloor(args[0], args[1]);
        for (int i = 3; i < args.length; i++) {
            floor.enforce(args[2], args[i]);
        }
        floor.close();
    }

    /** The enforcer's calls for one object, AES256 required. */
    public void enforce(String bucket, String key) {
        ObjectMetadata seen = client.getObjectMetadata(bucket, key);
        if (seen.getServerSideEncryption() != null) {
            return;
        }
        client.getObjectAcl(bucket, key);
        ObjectMetadata keep = new ObjectMetadata();
        keep.setContentType(seen.getContentType());
        keep.setUserMetadata(seen.getUserMetadata());
        keep.setHeader("x-oss-storage-class", "Standard");
        keep.setObjectAcl(CannedAccessControlList.Default);
        CopyObjectRequest copy = new CopyObjectRequest(bucket, key, bucket, key);
        copy.setMatchingETagConstraints(List.of(seen.getETag()));
        copy.setNewObjectMetadata(keep);
        copy.setServerSideEncryption("AES256");
        client.copyObject(copy);
        if (!"AES256".equals(client.getObjectMetadata(bucket, key).getServerSideEncryption())) {
            throw new IllegalStateException("oss://" + bucket + "/" + key + " not encrypted");
        }
    }

    public void close() {
        client.shutdown();
    }
}
