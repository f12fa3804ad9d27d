package io.ossenforcer.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code latency(Duration)}: every request waits that long before it is handled, and is then handled as usual. */
class LatencyTest {
    @Test
    void everyRequestTakesAtLeastTheLatencyAndStillWorks() throws IOException {
        try (TestOss t = TestOss.start(LocalOss.builder().latency(Duration.ofMillis(150)))) {
            OSS client = t.v1();
            String bucket = t.bucket(client);
            client.putObject(bucket, "k", new ByteArrayInputStream(new byte[] {1, 2, 3}));

            long start = System.nanoTime();
            long size = client.getObjectMetadata(bucket, "k").getContentLength();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(3, size);
            assertTrue(took.compareTo(Duration.ofMillis(150)) >= 0, "HEAD took " + took);
        }
    }

    @Test
    void aNegativeLatencyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalOss.builder().latency(Duration.ofMillis(-1)));

        assertEquals("latency: PT-0.001S", e.getMessage());
    }
}
