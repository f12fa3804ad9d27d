package io.ossenforcer.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aliyun.oss.model.ListObjectsV2Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A burst of simultaneous connections, as a fan-out of uploads sends, is served without a reset or refusal. */
class ConnectionBurstTest {
    private static final int CONNECTIONS = 500;

    @Test
    void fiveHundredSimultaneousPutsAllSucceed() throws Exception {
        try (TestOss t = TestOss.start()) {
            String bucket = t.bucket(t.v1());
            CountDownLatch start = new CountDownLatch(1);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                String key = "burst/" + i;
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        WireRequest.Response put = new WireRequest("PUT", "/" + bucket + "/" + key).dateNow()
                                .body(key.getBytes(StandardCharsets.UTF_8))
                                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/" + key)
                                .send(t.oss);
                        if (put.status() != 200) {
                            failures.add(key + ": " + put.status());
                        }
                    } catch (Exception e) {
                        failures.add(key + ": " + e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(List.of(), new ArrayList<>(failures), failures.size() + " of " + CONNECTIONS + " failed");
            ListObjectsV2Request list = new ListObjectsV2Request(bucket, "burst/");
            list.setMaxKeys(1000);
            assertEquals(CONNECTIONS, t.v1().listObjectsV2(list).getKeyCount());
        }
    }
}
