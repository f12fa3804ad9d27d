package io.ossenforcer.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import com.google.gson.JsonObject;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.HandlerHarness;
import io.ossenforcer.testing.NothingLost;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of object OSS can hold, through the real handler against the emulator, each scenario ending with the
 * "nothing lost" check.
 */
class ObjectKindsTest {
    private static HandlerHarness h;
    private static Emulator emulator;

    @BeforeAll
    static void start() throws IOException {
        h = HandlerHarness.start(LocalOss.builder(), Path.of("test-fixtures/rules/object-kinds.json"),
                "kinds", "worm", "versioned-keep", "versioned-purge", "matrix");
        emulator = h.emulator;
        for (String bucket : new String[] {"versioned-keep", "versioned-purge"}) {
            emulator.client.setBucketVersioning(new SetBucketVersioningRequest(bucket,
                    new BucketVersioningConfiguration(BucketVersioningConfiguration.ENABLED)));
        }
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static ObjectMetadata meta(Map<String, String> headers) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("application/octet-stream");
        meta.setUserMetadata(Map.of("owner", "kinds-test"));
        headers.forEach(meta::setHeader);
        return meta;
    }

    private static String upload(String bucket, String key, Map<String, String> headers) {
        return h.eventOf(() -> emulator.put(bucket, key, ("content of " + key).repeat(40)
                .getBytes(StandardCharsets.UTF_8), meta(headers)));
    }

    private static void assertOutcome(String expected, JsonObject result) {
        assertEquals(expected, result.get("outcome").getAsString(), result.toString());
    }

    private static String versionOf(String bucket, String key) {
        return emulator.client.getObjectMetadata(bucket, key).getVersionId();
    }

    @Test
    void aVersionedRewriteKeepsThePlaintextPreviousVersionAndNamesIt() throws IOException {
        String event = upload("versioned-keep", "doc.txt", Map.of());
        String plaintext = versionOf("versioned-keep", "doc.txt");
        NothingLost check = NothingLost.capture(emulator, "versioned-keep", "doc.txt");

        JsonObject result = h.invoke(event);

        assertOutcome("ENCRYPTED", result);
        JsonObject previous = result.getAsJsonObject("previousVersion");
        assertEquals(plaintext, previous.get("versionId").getAsString());
        assertEquals("kept", previous.get("action").getAsString());
        assertNull(emulator.client.getObjectMetadata(new GenericRequest("versioned-keep", "doc.txt", plaintext))
                .getServerSideEncryption());
        check.verify();
    }

    @Test
    void previousVersionsDeleteRemovesOnlyTheVersionTheRewriteLeftBehind() throws IOException {
        upload("versioned-purge", "doc.txt", Map.of());
        String older = versionOf("versioned-purge", "doc.txt");
        String event = upload("versioned-purge", "doc.txt", Map.of());
        String plaintext = versionOf("versioned-purge", "doc.txt");
        NothingLost check = NothingLost.capture(emulator, "versioned-purge", "doc.txt");

        JsonObject result = h.invoke(event);

        assertOutcome("ENCRYPTED", result);
        assertEquals("deleted", result.getAsJsonObject("previousVersion").get("action").getAsString());
        check.verify(Optional.of(plaintext));
        assertTrue(emulator.client.listVersions("versioned-purge", "doc.txt").getVersionSummaries().stream()
                .anyMatch(v -> v.getVersionId().equals(older)), "an older version the rewrite did not leave is kept");
    }

    @Test
    void anArchivedObjectThatIsNotRestoredIsSkippedNamingItsStorageClass() throws IOException {
        String event = upload("kinds", "cold/never-restored.bin", Map.of("x-oss-storage-class", "ColdArchive"));
        NothingLost check = NothingLost.capture(emulator, "kinds", "cold/never-restored.bin");

        JsonObject result = h.invoke(event);

        assertOutcome("SKIPPED", result);
        assertTrue(result.get("reason").getAsString().contains("ColdArchive"), result.toString());
        check.verify();
    }

    @Test
    void aRestoredArchiveObjectIsEnforcedAndStaysArchived() throws IOException {
        String event = upload("kinds", "cold/restored.bin", Map.of("x-oss-storage-class", "Archive"));
        emulator.client.restoreObject("kinds", "cold/restored.bin");
        emulator.oss.completeRestores();
        NothingLost check = NothingLost.capture(emulator, "kinds", "cold/restored.bin");

        JsonObject result = h.invoke(event);

        assertOutcome("ENCRYPTED", result);
        check.verify();
    }

    @Test
    void anAppendableObjectIsSkippedBecauseCopyCannotChangeItsEncryption() throws IOException {
        AppendObjectRequest append = new AppendObjectRequest("kinds", "logs/appendable.log",
                new ByteArrayInputStream("first line\n".getBytes(StandardCharsets.UTF_8)));
        append.setPosition(0L);
        String event = h.eventOf(() -> emulator.client.appendObject(append));
        NothingLost check = NothingLost.capture(emulator, "kinds", "logs/appendable.log");

        JsonObject result = h.invoke(event);

        assertOutcome("SKIPPED", result);
        assertTrue(result.get("reason").getAsString().contains("appendable"), result.toString());
        check.verify();
    }

    @Test
    void aSymlinkIsSkippedAndItsTargetIsEnforcedByItsOwnEvent() throws IOException {
        String targetEvent = upload("kinds", "links/target.bin", Map.of());
        String linkEvent = h.eventOf(() -> emulator.client.createSymlink("kinds", "links/link", "links/target.bin"));

        JsonObject link = h.invoke(linkEvent);
        JsonObject target = h.invoke(targetEvent);

        assertOutcome("SKIPPED", link);
        assertTrue(link.get("reason").getAsString().contains("symlink"), link.toString());
        assertOutcome("ENCRYPTED", target);
        assertEquals("Symlink", emulator.client.getObjectMetadata("kinds", "links/link").getObjectType());
    }

    @Test
    void aRetentionLockedObjectFailsPermanentlyWithoutFailingTheInvocation() throws IOException {
        String event = upload("worm", "contract.pdf", Map.of());
        emulator.oss.lockBucket("worm", Duration.ofDays(1));
        NothingLost check = NothingLost.capture(emulator, "worm", "contract.pdf");

        JsonObject result = h.invoke(event);

        assertOutcome("FAILED", result);
        assertEquals("FileImmutable", result.get("errorCode").getAsString());
        assertFalse(result.get("retryable").getAsBoolean());
        check.verify();
    }

    @Test
    void clientSideEncryptionMetadataSurvivesByteForByte() throws IOException {
        Map<String, String> cse = Map.of(
                "x-oss-meta-client-side-encryption-key", "nyXOp7delQ/MQLjKQMhHLaT0w7u1hMmhyuLUp2W9tNqX6/FkIuZuJRz=",
                "x-oss-meta-client-side-encryption-start", "De/S3T8wFjx7QPxYGgXWDQ==",
                "x-oss-meta-client-side-encryption-cek-alg", "AES/CTR/NoPadding",
                "x-oss-meta-client-side-encryption-wrap-alg", "RSA/NONE/PKCS1Padding",
                "x-oss-meta-client-side-encryption-matdesc", "{\"desc\":\"key-2026\"}",
                "x-oss-meta-client-side-encryption-unencrypted-content-length", "480");
        String event = upload("kinds", "cse/envelope.bin", cse);
        NothingLost check = NothingLost.capture(emulator, "kinds", "cse/envelope.bin");

        JsonObject result = h.invoke(event);

        assertOutcome("ENCRYPTED", result);
        check.verify();
        Map<String, String> after = emulator.client.getObjectMetadata("kinds", "cse/envelope.bin").getUserMetadata();
        cse.forEach((header, value) -> assertEquals(value, after.get(header.substring("x-oss-meta-".length()))));
    }

    /** How the object is uploaded: its SSE headers. */
    private static final Map<String, Map<String, String>> FROM = Map.of(
            "none", Map.of(),
            "AES256", Map.of("x-oss-server-side-encryption", "AES256"),
            "KMS", Map.of("x-oss-server-side-encryption", "KMS"),
            "otherCMK", Map.of("x-oss-server-side-encryption", "KMS",
                    "x-oss-server-side-encryption-key-id", Emulator.OTHER_CMK),
            "SM4", Map.of("x-oss-server-side-encryption", "SM4"),
            "KMS+SM4", Map.of("x-oss-server-side-encryption", "KMS", "x-oss-server-side-data-encryption", "SM4"));

    /**
     * The oracle, written out by hand from the rules' "minimum, never a downgrade" reading rather than computed: C
     * means already compliant, E re-encrypted. Columns: AES256, KMS, CMK, SM4, KMS+SM4, exactly-AES256.
     */
    static Stream<Arguments> matrix() {
        String[] targets = {"AES256", "KMS", "CMK", "SM4", "KMS+SM4", "exactly-AES256"};
        Map<String, String> rows = Map.of(
                "none", "EEEEEE",
                "AES256", "CEEEEC",
                "KMS", "CCEEEE",
                "otherCMK", "CCEEEE",
                "SM4", "CEECEE",
                "KMS+SM4", "CCECCE");
        return rows.entrySet().stream().flatMap(row -> Stream.of(0, 1, 2, 3, 4, 5).map(i -> Arguments.of(
                row.getKey(), targets[i], row.getValue().charAt(i) == 'C' ? "COMPLIANT" : "ENCRYPTED")));
    }

    @ParameterizedTest(name = "{0} under a {1} rule: {2}")
    @MethodSource("matrix")
    void everyEncryptionIsCheckedAndReEncryptedToEveryOther(String from, String to, String expected)
            throws IOException {
        String key = to + "/from-" + from + ".bin";
        String event = upload("matrix", key, FROM.get(from));
        NothingLost check = NothingLost.capture(emulator, "matrix", key);

        JsonObject result = h.invoke(event);

        assertOutcome(expected, result);
        check.verify();
        if (expected.equals("ENCRYPTED")) {
            ObjectMetadata after = emulator.client.getObjectMetadata("matrix", key);
            assertEquals(to.endsWith("AES256") ? "AES256" : to.equals("SM4") ? "SM4" : "KMS",
                    after.getServerSideEncryption());
            assertEquals(to.equals("CMK") ? Emulator.CMK : to.startsWith("KMS") ? emulator.oss.managedKmsKeyId()
                    : null, after.getServerSideEncryptionKeyId());
            assertEquals(to.equals("KMS+SM4") ? "SM4" : null, after.getServerSideDataEncryption());
        }
    }
}
