package io.ossenforcer.oss;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.aliyun.oss.OSS;
import io.ossenforcer.oss.AccessKey;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientCacheTest {
    private static final String ENDPOINT = "http://127.0.0.1:1";
    private final ClientCache cache = new ClientCache();
    private final AccessKey key = new AccessKey("id", "secret", Optional.of("token-1"));

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void theSameEndpointAndCredentialsReuseOneClient() {
        OSS first = cache.client(ENDPOINT, "cn-hangzhou", key);

        assertSame(first, cache.client(ENDPOINT, "cn-hangzhou", new AccessKey("id", "secret", Optional.of("token-1"))));
    }

    @Test
    void rotatedStsCredentialsBuildANewClient() {
        OSS first = cache.client(ENDPOINT, "cn-hangzhou", key);

        assertNotSame(first, cache.client(ENDPOINT, "cn-hangzhou", new AccessKey("id2", "s2", Optional.of("token-2"))));
    }

    @Test
    void eachRegionGetsItsOwnClient() {
        OSS hangzhou = cache.client(ENDPOINT, "cn-hangzhou", key);

        assertNotSame(hangzhou, cache.client(ENDPOINT, "cn-shanghai", key));
    }
}
