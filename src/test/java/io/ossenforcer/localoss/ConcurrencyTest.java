package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static io.ossenforcer.localoss.ObjectsTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.CopyObjectRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    @Test
    void concurrentWritersAndConditionalCopiesStayConsistent() throws Exception {
        try (TestOss t = TestOss.start()) {
            OSS client = t.v1();
            String bucket = t.bucket(client);
            AtomicInteger events = new AtomicInteger();
            t.oss.addEventListener(e -> events.incrementAndGet());
            client.putObject(bucket, "shared", bytes("v0"));
            String etag = client.getObjectMetadata(bucket, "shared").getETag();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            AtomicInteger copies = new AtomicInteger();
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                work.add(pool.submit(() -> {
                    client.putObject(bucket, "k" + n, bytes("value " + n));
                    CopyObjectRequest copy = new CopyObjectRequest(bucket, "shared", bucket, "shared");
                    copy.setMatchingETagConstraints(List.of(etag));
                    copy.setServerSideEncryption("AES256");
                    try {
                        client.copyObject(copy);
                        copies.incrementAndGet();
                    } catch (OSSException e) {
                        assertEquals("PreconditionFailed", e.getErrorCode());
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            for (int i = 0; i < 40; i++) {
                assertEquals("value " + i, read(client, bucket, "k" + i));
            }
            assertTrue(copies.get() >= 1);
            assertTrue(t.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
            assertEquals(1 + 40 + copies.get(), events.get());
        }
    }
}
