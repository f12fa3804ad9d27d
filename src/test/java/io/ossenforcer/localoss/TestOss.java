package io.ossenforcer.localoss;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import io.ossenforcer.testing.Secrets;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One emulator plus real SDK clients for a test class; close it in {@code @AfterAll}. */
final class TestOss implements AutoCloseable {
    static final String CMK = "0b4f5a3c-cafe-4e0d-9d35-0123456789ab";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    /** The SDK logs every error response at WARNING; the tests provoke hundreds. Held so the level sticks. */
    private static final Logger SDK_LOG = Logger.getLogger("com.aliyun.oss");

    static {
        SDK_LOG.setLevel(Level.SEVERE);
    }

    final LocalOss oss;
    private final List<OSS> clients = new ArrayList<>();

    private TestOss(LocalOss oss) {
        Secrets.used(oss.accessKeySecret());
        oss.securityToken().ifPresent(Secrets::used);
        this.oss = oss;
    }

    static TestOss start() throws IOException {
        return start(Clock.systemUTC());
    }

    /** The usual emulator, keeping time by {@code clock}. */
    static TestOss start(Clock clock) throws IOException {
        return new TestOss(LocalOss.builder().kmsKey(CMK).copyLimitBytes(300 * 1024).clock(clock).start());
    }

    static TestOss start(LocalOss.Builder builder) throws IOException {
        return new TestOss(builder.start());
    }

    /** The SDK with its default V1 signing and the emulator's credentials (and token, if any). */
    OSS v1() {
        return track(new OSSClientBuilder().build(oss.endpoint(), oss.accessKeyId(), oss.accessKeySecret(),
                oss.securityToken().orElse(null)));
    }

    OSS v1(String accessKeyId, String secret, String token) {
        return track(new OSSClientBuilder().build(oss.endpoint(), accessKeyId, secret, token));
    }

    OSS v4() {
        return v4(oss.accessKeyId(), oss.accessKeySecret(), oss.securityToken().orElse(null));
    }

    OSS v4(String accessKeyId, String secret, String token) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(SignVersion.V4);
        return track(OSSClientBuilder.create().endpoint(oss.endpoint())
                .credentialsProvider(token == null ? new DefaultCredentialProvider(accessKeyId, secret)
                        : new DefaultCredentialProvider(accessKeyId, secret, token))
                .clientConfiguration(conf).region(oss.region()).build());
    }

    /** A fresh bucket, created through the SDK. */
    String bucket(OSS client) {
        String name = "bkt-" + BUCKETS.incrementAndGet();
        client.createBucket(name);
        return name;
    }

    private OSS track(OSS client) {
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        clients.forEach(OSS::shutdown);
        oss.close();
    }
}
