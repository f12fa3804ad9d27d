package io.ossenforcer.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.OSSObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults as a client sees them, through an SDK client that does not retry, so each call is one request. */
class FaultInjectionTest {
    private static final String KEY = "object.txt";

    private TestOss t;
    private OSS client;
    private String bucket;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        t = TestOss.start();
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setMaxErrorRetry(0);
        client = new OSSClientBuilder().build(t.oss.endpoint(), t.oss.accessKeyId(), t.oss.accessKeySecret(), conf);
        bucket = t.bucket(client);
        client.putObject(bucket, KEY, new ByteArrayInputStream("some content".repeat(100)
                .getBytes(StandardCharsets.UTF_8)));
        t.oss.addEventListener(events::add);
    }

    @AfterEach
    void stop() {
        client.shutdown();
        t.close();
    }

    @Test
    void aStatusFaultAnswersThatOssErrorAndTheOperationDoesNotRun() {
        t.oss.faults(Faults.parse("CopyObject:status=403/AccessDenied"));

        OSSException e = assertThrows(OSSException.class, () -> client.copyObject(bucket, KEY, bucket, "copy"));

        assertEquals("AccessDenied", e.getErrorCode());
        assertFalse(client.doesObjectExist(bucket, "copy"));
        assertEquals(1, t.oss.faultsInjected());
    }

    @Test
    void aHeadObjectFaultCarriesItsCodeInTheHeaderAsOssDoes() {
        t.oss.faults(Faults.parse("HeadObject:status=503"));

        OSSException e = assertThrows(OSSException.class, () -> client.getObjectMetadata(bucket, KEY));

        assertEquals("ServiceUnavailable", e.getErrorCode());
    }

    @Test
    void nthFiresOnThatCallOnly() {
        t.oss.faults(Faults.parse("GetObjectAcl:status=500:nth=2"));

        client.getObjectAcl(bucket, KEY);
        assertThrows(OSSException.class, () -> client.getObjectAcl(bucket, KEY));
        client.getObjectAcl(bucket, KEY);

        assertEquals(1, t.oss.faultsInjected());
    }

    @Test
    void fromFiresOnThatCallAndEveryLaterOne() {
        t.oss.faults(Faults.parse("GetObjectAcl:status=500:from=2"));

        client.getObjectAcl(bucket, KEY);
        assertThrows(OSSException.class, () -> client.getObjectAcl(bucket, KEY));
        assertThrows(OSSException.class, () -> client.getObjectAcl(bucket, KEY));

        assertEquals(2, t.oss.faultsInjected());
    }

    @Test
    void replacingTheFaultsRestartsTheCountsAndNoneClearsThem() {
        t.oss.faults(Faults.parse("GetObjectAcl:status=500:nth=1"));
        assertThrows(OSSException.class, () -> client.getObjectAcl(bucket, KEY));
        t.oss.faults(Faults.parse("GetObjectAcl:status=500:nth=1"));
        assertThrows(OSSException.class, () -> client.getObjectAcl(bucket, KEY));

        t.oss.faults(Faults.none());

        client.getObjectAcl(bucket, KEY);
        assertEquals(2, t.oss.faultsInjected());
    }

    @Test
    void aWildcardRuleCoversEveryOperation() {
        t.oss.faults(Faults.parse("*:status=503"));

        assertThrows(OSSException.class, () -> client.getObjectAcl(bucket, KEY));
        assertThrows(OSSException.class, () -> client.listObjects(bucket));
    }

    @Test
    void latencyDelaysTheAnswerAndTheOperationSucceeds() {
        t.oss.faults(Faults.parse("GetObjectTagging:latency=300ms"));
        long start = System.nanoTime();

        client.getObjectTagging(bucket, KEY);

        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis >= 300, "answered after " + millis + " ms");
    }

    @Test
    void aResetIsAnIoErrorAndTheOperationDoesNotRun() {
        t.oss.faults(Faults.parse("CopyObject:reset"));

        assertThrows(ClientException.class, () -> client.copyObject(bucket, KEY, bucket, "copy"));

        t.oss.faults(Faults.none());
        assertFalse(client.doesObjectExist(bucket, "copy"));
    }

    @Test
    void aTruncatedBodyIsAnErrorNotASuccessAndTheOperationRan() {
        t.oss.faults(Faults.parse("CopyObject:truncate"));

        OSSException e = assertThrows(OSSException.class, () -> client.copyObject(bucket, KEY, bucket, "copy"));

        assertEquals("InvalidResponse", e.getErrorCode(), "the SDK could not parse the cut body");
        t.oss.faults(Faults.none());
        assertTrue(client.doesObjectExist(bucket, "copy"));
        assertTrue(t.oss.awaitEventsDelivered(Duration.ofSeconds(5)));
        assertTrue(events.stream().anyMatch(json -> json.contains("ObjectCreated:CopyObject")), events.toString());
    }

    @Test
    void aTruncatedObjectBodyFailsTheRead() throws IOException {
        t.oss.faults(Faults.parse("GetObject:truncate"));

        try (OSSObject object = client.getObject(bucket, KEY); InputStream in = object.getObjectContent()) {
            assertThrows(IOException.class, in::readAllBytes);
        }
    }

    @Test
    void aTruncatedHeadIsAnErrorNotASuccess() {
        t.oss.faults(Faults.parse("HeadObject:truncate"));

        assertThrows(ClientException.class, () -> client.getObjectMetadata(bucket, KEY));
    }

    @Test
    void openConnectionsFallBackToZeroOnceClientsClose() {
        OSS other = t.v1();
        other.getObjectAcl(bucket, KEY);
        assertTrue(t.oss.openConnections() >= 1);

        other.shutdown();
        client.shutdown();

        assertTrue(t.oss.awaitConnectionsClosed(Duration.ofSeconds(5)), () -> t.oss.openConnections() + " still open");
        assertEquals(0, t.oss.openConnections());
    }
}
