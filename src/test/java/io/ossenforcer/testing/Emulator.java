package io.ossenforcer.testing;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssClients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** A running emulator plus an SDK client signed with its credentials, for integration tests. */
public final class Emulator implements AutoCloseable {
    public static final String CMK = "cmk-test-0001";
    public static final String OTHER_CMK = "cmk-test-0002";

    public final LocalOss oss;
    public final AccessKey key;
    public final OSS client;

    private Emulator(LocalOss oss) {
        this.oss = oss;
        Secrets.used(oss.accessKeySecret());
        oss.securityToken().ifPresent(Secrets::used);
        this.key = new AccessKey(oss.accessKeyId(), oss.accessKeySecret(), oss.securityToken());
        this.client = OssClients.build(oss.endpoint(), oss.region(), key);
    }

    public static Emulator start() {
        return start(LocalOss.builder());
    }

    public static Emulator start(LocalOss.Builder builder) {
        try {
            return new Emulator(builder.kmsKey(CMK).kmsKey(OTHER_CMK).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Emulator bucket(String name) {
        client.createBucket(name);
        return this;
    }

    /** Uploads {@code content} with the given metadata (SSE headers, content headers, user metadata, ACL...). */
    public void put(String bucket, String key, byte[] content, ObjectMetadata meta) {
        client.putObject(new PutObjectRequest(bucket, key, new ByteArrayInputStream(content), meta));
    }

    public void put(String bucket, String key, String content) {
        put(bucket, key, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), new ObjectMetadata());
    }

    public Optional<String> securityToken() {
        return oss.securityToken();
    }

    @Override
    public void close() {
        client.shutdown();
        oss.close();
    }
}
