package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.SetObjectTaggingRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventsTest {
    private TestOss t;
    private OSS client;
    private String bucket;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        t = TestOss.start(LocalOss.builder().region("cn-shanghai"));
        client = t.v1();
        bucket = t.bucket(client);
        t.oss.addEventListener(events::add);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private List<JsonObject> delivered() {
        assertTrue(t.oss.awaitEventsDelivered(Duration.ofSeconds(5)));
        return events.stream().map(e -> JsonParser.parseString(e).getAsJsonObject()).toList();
    }

    private static JsonObject record(JsonObject event) {
        assertEquals(1, event.getAsJsonArray("events").size());
        return event.getAsJsonArray("events").get(0).getAsJsonObject();
    }

    @Test
    void putObjectEmitsANativeEventShapedLikeTheFcTemplate() throws Exception {
        client.putObject(bucket, "dir/a b+c%2F中.txt", bytes("hello"));
        String etag = client.getObjectMetadata(bucket, "dir/a b+c%2F中.txt").getETag();
        JsonObject record = record(delivered().get(0));

        JsonObject template = record(JsonParser.parseString(Files.readString(
                Path.of("test-fixtures/reference/fc3-oss-event-template.json"))).getAsJsonObject());
        assertEquals(keysOf(template), keysOf(record));
        assertEquals(keysOf(template.getAsJsonObject("oss")), keysOf(record.getAsJsonObject("oss")));
        assertEquals(keysOf(template.getAsJsonObject("oss").getAsJsonObject("object")),
                keysOf(record.getAsJsonObject("oss").getAsJsonObject("object")));
        assertEquals(keysOf(template.getAsJsonObject("oss").getAsJsonObject("bucket")),
                keysOf(record.getAsJsonObject("oss").getAsJsonObject("bucket")));

        JsonObject oss = record.getAsJsonObject("oss");
        assertEquals("ObjectCreated:PutObject", record.get("eventName").getAsString());
        assertEquals("acs:oss", record.get("eventSource").getAsString());
        assertEquals("1.0", record.get("eventVersion").getAsString());
        assertEquals("cn-shanghai", record.get("region").getAsString());
        assertTrue(record.get("eventTime").getAsString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals("dir/a b+c%2F中.txt", oss.getAsJsonObject("object").get("key").getAsString());
        assertEquals(etag, oss.getAsJsonObject("object").get("eTag").getAsString());
        assertEquals(5, oss.getAsJsonObject("object").get("size").getAsLong());
        assertEquals(5, oss.getAsJsonObject("object").get("deltaSize").getAsLong());
        assertEquals(bucket, oss.getAsJsonObject("bucket").get("name").getAsString());
        assertEquals("acs:oss:cn-shanghai:" + t.oss.accountId() + ":" + bucket,
                oss.getAsJsonObject("bucket").get("arn").getAsString());
        assertEquals(t.oss.accountId(), record.getAsJsonObject("userIdentity").get("principalId").getAsString());
        assertEquals("127.0.0.1",
                record.getAsJsonObject("requestParameters").get("sourceIPAddress").getAsString());
        assertTrue(record.getAsJsonObject("responseElements").get("requestId").getAsString()
                .matches("[0-9A-F]{24}"));
    }

    private static Set<String> keysOf(JsonObject o) {
        return o.keySet();
    }

    @Test
    void copyAndCompleteEmitTheirOwnEventNamesAndOverwritesReportDeltaSize() throws Exception {
        client.putObject(bucket, "k", bytes("12345"));
        CopyObjectRequest copy = new CopyObjectRequest(bucket, "k", bucket, "k");
        copy.setServerSideEncryption("AES256");
        client.copyObject(copy);
        MultipartTest.completeUpload(client, bucket, "k", 1);
        List<JsonObject> all = delivered();
        assertEquals(List.of("ObjectCreated:PutObject", "ObjectCreated:CopyObject",
                        "ObjectCreated:CompleteMultipartUpload"),
                all.stream().map(e -> record(e).get("eventName").getAsString()).toList());
        JsonObject copied = record(all.get(1)).getAsJsonObject("oss").getAsJsonObject("object");
        assertEquals(0, copied.get("deltaSize").getAsLong());
        JsonObject completed = record(all.get(2)).getAsJsonObject("oss").getAsJsonObject("object");
        assertEquals(50 * 1024 - 5, completed.get("deltaSize").getAsLong());
        assertTrue(completed.get("eTag").getAsString().endsWith("-1"));
    }

    @Test
    void operationsThatCreateNothingEmitNothing() throws Exception {
        client.putObject(bucket, "k", bytes("x"));
        assertEquals(1, delivered().size());
        client.getObject(bucket, "k").forcedClose();
        client.getObjectMetadata(bucket, "k");
        client.setObjectTagging(new SetObjectTaggingRequest(bucket, "k", Map.of("a", "b")));
        client.setObjectAcl(bucket, "k", com.aliyun.oss.model.CannedAccessControlList.Private);
        client.listObjects(bucket);
        client.initiateMultipartUpload(new com.aliyun.oss.model.InitiateMultipartUploadRequest(bucket, "m"));
        client.deleteObject(bucket, "k");
        try {
            client.putObject(bucket, "bad", bytes("x"), sseWithUnknownKey());
        } catch (com.aliyun.oss.OSSException expected) {
            // a failed write is not an event
        }
        assertEquals(1, delivered().size());
    }

    private static com.aliyun.oss.model.ObjectMetadata sseWithUnknownKey() {
        com.aliyun.oss.model.ObjectMetadata meta = new com.aliyun.oss.model.ObjectMetadata();
        meta.setServerSideEncryption("KMS");
        meta.setServerSideEncryptionKeyId("unknown");
        return meta;
    }

    @Test
    void eventsAreDeliveredAsynchronouslySoABlockedListenerDoesNotDelayTheResponse() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        t.oss.addEventListener(e -> {
            entered.countDown();
            awaitQuietly(release);
        });
        client.putObject(bucket, "first", bytes("1"));
        client.putObject(bucket, "second", bytes("2"));
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        assertFalse(t.oss.awaitEventsDelivered(Duration.ofMillis(100)));
        release.countDown();
        assertEquals(List.of("first", "second"), delivered().stream()
                .map(e -> record(e).getAsJsonObject("oss").getAsJsonObject("object").get("key").getAsString())
                .toList());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        awaitQuietly(latch, 10_000);
    }

    private static void awaitQuietly(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aThrowingListenerDoesNotStopDelivery() {
        t.oss.addEventListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        client.putObject(bucket, "a", bytes("1"));
        client.putObject(bucket, "b", bytes("2"));
        assertEquals(2, delivered().size());
    }

    @Test
    void theEventForAWriteIsDeliveredOnlyAfterItsResponse() {
        List<Boolean> objectVisible = new CopyOnWriteArrayList<>();
        OSS reader = t.v1();
        t.oss.addEventListener(e -> objectVisible.add(reader.doesObjectExist(bucket, "seen")));
        client.putObject(bucket, "seen", bytes("x"));
        assertEquals(1, delivered().size());
        assertEquals(List.of(true), objectVisible);
    }

    @Test
    void awaitingDeliveryWaitsForEventsThatListenersCauseWhileHandlingEarlierOnes() {
        OSS writer = t.v1();
        List<String> handled = new CopyOnWriteArrayList<>();
        t.oss.addEventListener(e -> {
            // Slow on purpose: the caller is already waiting when the first event causes the second, and the
            // second is still being handled when the first is done.
            awaitQuietly(new CountDownLatch(1), 200);
            if (e.contains("\"first\"")) {
                writer.putObject(bucket, "second", bytes("caused by the first event"));
            }
            handled.add(e);
        });
        client.putObject(bucket, "first", bytes("1"));

        assertTrue(t.oss.awaitEventsDelivered(Duration.ofSeconds(5)));
        assertEquals(2, handled.size());
    }


    private JsonObject objectOf(JsonObject event) {
        return record(event).getAsJsonObject("oss").getAsJsonObject("object");
    }

    @Test
    void eventsOfAVersionedBucketCarryTheVersionId() {
        client.setBucketVersioning(new com.aliyun.oss.model.SetBucketVersioningRequest(bucket,
                new com.aliyun.oss.model.BucketVersioningConfiguration("Enabled")));
        String versionId = client.putObject(bucket, "v", bytes("x")).getVersionId();
        assertEquals(versionId, objectOf(delivered().get(0)).get("versionId").getAsString());
    }

    @Test
    void eventsOfAnUnversionedBucketHaveNoVersionId() {
        client.putObject(bucket, "u", bytes("x"));
        assertFalse(objectOf(delivered().get(0)).has("versionId"));
    }

    @Test
    void appendObjectEmitsAppendObjectWithTheAppendedBytesAsDeltaSize() {
        client.appendObject(new com.aliyun.oss.model.AppendObjectRequest(bucket, "log", bytes("abc"))
                .withPosition(0L));
        client.appendObject(new com.aliyun.oss.model.AppendObjectRequest(bucket, "log", bytes("de"))
                .withPosition(3L));
        List<JsonObject> all = delivered();
        assertEquals(List.of("ObjectCreated:AppendObject", "ObjectCreated:AppendObject"),
                all.stream().map(e -> record(e).get("eventName").getAsString()).toList());
        assertEquals(5, objectOf(all.get(1)).get("size").getAsLong());
        assertEquals(2, objectOf(all.get(1)).get("deltaSize").getAsLong());
    }

    @Test
    void putSymlinkEmitsPutSymlink() {
        client.createSymlink(bucket, "link", "target");
        assertEquals("ObjectCreated:PutSymlink", record(delivered().get(0)).get("eventName").getAsString());
    }
}
