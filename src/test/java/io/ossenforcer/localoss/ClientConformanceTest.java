package io.ossenforcer.localoss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two independent official clients, the Java SDK 3.x and the Java SDK V2, each in its default configuration and
 * with V1 and V4 signatures, path-style and virtual-hosted, drive the emulator through the operations the enforcer
 * and the CLI use. Every scenario runs once per configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientConformanceTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private LocalOss oss;

    @BeforeAll
    void start() throws Exception {
        oss = LocalOss.builder().kmsKey(TestOss.CMK).start();
        io.ossenforcer.testing.Secrets.used(oss.accessKeySecret());
    }

    @AfterAll
    void stop() {
        oss.close();
    }

    /** Each configuration by name; the emulator is only known once started, so a factory. */
    Stream<Arguments> clients() {
        Map<String, Function<LocalOss, ClientUnderTest>> clients = new java.util.LinkedHashMap<>();
        clients.put("SDK 3.x default (V1, path-style)", o -> Sdk3Client.of(o, false, false));
        clients.put("SDK 3.x V4 path-style", o -> Sdk3Client.of(o, true, false));
        clients.put("SDK 3.x V1 virtual-hosted", o -> Sdk3Client.of(o, false, true));
        clients.put("SDK 3.x V4 virtual-hosted", o -> Sdk3Client.of(o, true, true));
        clients.put("SDK V2 default (V4)", o -> SdkV2Client.of(o, null, null, false));
        clients.put("SDK V2 V1 path-style", o -> SdkV2Client.of(o, "v1", true, false));
        clients.put("SDK V2 V4 path-style", o -> SdkV2Client.of(o, "v4", true, false));
        clients.put("SDK V2 V1 virtual-hosted", o -> SdkV2Client.of(o, "v1", false, true));
        clients.put("SDK V2 V4 virtual-hosted", o -> SdkV2Client.of(o, "v4", false, true));
        return clients.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    private String bucket(ClientUnderTest client) {
        String name = "conf-" + BUCKETS.incrementAndGet();
        client.createBucket(name);
        return name;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void putHeadAndRangedGetKeepContentAndMetadata(String name, Function<LocalOss, ClientUnderTest> factory) {
        try (ClientUnderTest client = factory.apply(oss)) {
            String b = bucket(client);
            String key = "dir/a b+c~%.txt";
            String etag = client.put(b, key, utf8("0123456789"), Map.of("owner", "team-a"));
            ClientUnderTest.Head head = client.head(b, key);
            assertEquals(10, head.length());
            assertEquals(etag.replace("\"", ""), head.etag());
            assertEquals("Normal", head.objectType());
            assertEquals("team-a", head.userMetadata().get("owner"));
            assertArrayEquals(utf8("234"), client.get(b, key, "bytes=2-4"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void conditionalCopyOntoItselfChangesEncryption(String name, Function<LocalOss, ClientUnderTest> factory) {
        try (ClientUnderTest client = factory.apply(oss)) {
            String b = bucket(client);
            String etag = client.put(b, "k", utf8("plain"), Map.of()).replace("\"", "");
            client.copyOntoItself(b, "k", etag, "KMS", TestOss.CMK);
            ClientUnderTest.Head head = client.head(b, "k");
            assertEquals("KMS", head.sse());
            assertEquals(TestOss.CMK, head.sseKeyId());
            ClientUnderTest.ClientError stale = assertThrows(ClientUnderTest.ClientError.class,
                    () -> client.copyOntoItself(b, "k", "00000000000000000000000000000000", "AES256", null));
            assertEquals("PreconditionFailed", stale.code);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void aclAndTagsAreReadAndWritten(String name, Function<LocalOss, ClientUnderTest> factory) {
        try (ClientUnderTest client = factory.apply(oss)) {
            String b = bucket(client);
            client.put(b, "k", utf8("x"), Map.of());
            assertEquals("default", client.acl(b, "k"));
            client.putAcl(b, "k", "public-read");
            assertEquals("public-read", client.acl(b, "k"));
            client.putTag(b, "k", "team", "a b");
            assertEquals(Map.of("team", "a b"), client.tags(b, "k"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void multipartCopyBuildsAnEncryptedObjectWithOssEtag(String name, Function<LocalOss, ClientUnderTest> factory)
            throws Exception {
        try (ClientUnderTest client = factory.apply(oss)) {
            String b = bucket(client);
            byte[] content = new byte[(int) MultipartOperations.MIN_PART_SIZE + 1000];
            Arrays.fill(content, (byte) 7);
            client.put(b, "big", content, Map.of());
            String uploadId = client.initiate(b, "big", "AES256");
            assertEquals(List.of(uploadId), client.uploadIds(b));
            String part1 = client.uploadPartCopy(b, "big", uploadId, 1, "big", 0, MultipartOperations.MIN_PART_SIZE - 1);
            String part2 = client.uploadPartCopy(b, "big", uploadId, 2, "big", MultipartOperations.MIN_PART_SIZE,
                    content.length - 1);
            String etag = client.complete(b, "big", uploadId, List.of(part1, part2));
            String expected = java.util.HexFormat.of().withUpperCase().formatHex(java.security.MessageDigest
                    .getInstance("MD5").digest(utf8(part1 + part2))) + "-2";
            assertEquals(expected, etag);
            ClientUnderTest.Head head = client.head(b, "big");
            assertEquals(content.length, head.length());
            assertEquals("Multipart", head.objectType());
            assertEquals("AES256", head.sse());
            assertEquals(List.of(), client.uploadIds(b));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void anAbortedUploadLeavesTheObjectAlone(String name, Function<LocalOss, ClientUnderTest> factory) {
        try (ClientUnderTest client = factory.apply(oss)) {
            String b = bucket(client);
            client.put(b, "kept", utf8("original"), Map.of());
            String uploadId = client.initiate(b, "kept", "AES256");
            client.uploadPartCopy(b, "kept", uploadId, 1, "kept", 0, 3);
            client.abort(b, "kept", uploadId);
            assertEquals(List.of(), client.uploadIds(b));
            assertEquals(8, client.head(b, "kept").length());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void listingDeletingAndBucketEncryption(String name, Function<LocalOss, ClientUnderTest> factory) {
        try (ClientUnderTest client = factory.apply(oss)) {
            String b = bucket(client);
            for (String key : List.of("p/1", "p/2 x", "p/3", "q")) {
                client.put(b, key, utf8(key), Map.of());
            }
            assertEquals(List.of("p/1", "p/2 x", "p/3"), client.list(b, "p/"));
            assertEquals(List.of("p/1", "p/2 x"), client.deleteMultiple(b, List.of("p/1", "p/2 x")));
            client.delete(b, "p/3");
            assertEquals(List.of(), client.list(b, "p/"));
            assertEquals("NoSuchKey", assertThrows(ClientUnderTest.ClientError.class, () -> client.head(b, "p/3"))
                    .code);
            client.putBucketEncryption(b, "AES256");
            assertEquals("AES256", client.bucketEncryption(b));
            client.put(b, "after", utf8("x"), Map.of());
            assertTrue("AES256".equals(client.head(b, "after").sse()));
        }
    }
}
