package io.ossenforcer.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import com.aliyun.oss.model.StorageClass;
import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.VersionEntry;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.ObjectSnapshot;
import io.ossenforcer.testing.Secrets;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SDK adapter over real HTTP against the emulator, which verifies every request's V4 signature. */
class SdkObjectStoreTest {
    private static final String BUCKET = "adapter-test";
    private static Emulator emulator;
    private static SdkObjectStore store;

    @BeforeAll
    static void start() {
        emulator = Emulator.start().bucket(BUCKET);
        store = new SdkObjectStore(emulator.client);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static ObjectMetadata richMetadata() {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("text/csv; charset=utf-8");
        meta.setCacheControl("no-cache");
        meta.setContentDisposition("attachment; filename=\"q3.csv\"");
        meta.setContentEncoding("identity");
        meta.setHeader("Expires", "Wed, 21 Oct 2037 07:28:00 GMT");
        meta.setUserMetadata(Map.of("owner", "finance", "client-side-encryption-key", "c2VjcmV0IGtleQ=="));
        meta.setObjectAcl(CannedAccessControlList.PublicRead);
        meta.setHeader("x-oss-storage-class", StorageClass.IA.toString());
        meta.setHeader("x-oss-tagging", "team=finance&retention=7y");
        return meta;
    }

    private static String upload(String key, ObjectMetadata meta) {
        emulator.put(BUCKET, key, ("content of " + key).repeat(100).getBytes(StandardCharsets.UTF_8), meta);
        return key;
    }

    @Test
    void headReportsEncryptionTypeClassContentHeadersAndUserMetadata() throws Exception {
        ObjectMetadata meta = richMetadata();
        meta.setServerSideEncryption("KMS");
        meta.setServerSideEncryptionKeyId(Emulator.CMK);
        String key = upload("head/rich.csv", meta);

        ObjectState state = store.head(BUCKET, key);

        assertEquals(Encryption.of(Optional.of("KMS"), Optional.of(Emulator.CMK), Optional.empty()),
                state.encryption());
        assertEquals(ObjectState.NORMAL, state.objectType());
        assertEquals("IA", state.storageClass());
        assertEquals("text/csv; charset=utf-8", state.contentHeaders().get("Content-Type"));
        assertEquals("Wed, 21 Oct 2037 07:28:00 GMT", state.contentHeaders().get("Expires"));
        assertEquals("finance", state.userMetadata().get("owner"));
        assertTrue(state.crc64().isPresent());
    }

    @Test
    void stateReadsHeadersWhateverCaseTheServerSentThemIn() {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setHeader("content-TYPE", "text/plain");
        meta.setHeader("EXPIRES", "Wed, 21 Oct 2037 07:28:00 GMT");
        meta.setHeader("X-Oss-Storage-Class", "Archive");
        meta.setHeader("x-OSS-restore", "ongoing-request=\"false\"");

        ObjectState state = SdkObjectStore.stateOf(BUCKET, "case/any.txt", meta);

        assertEquals(Map.of("Content-Type", "text/plain", "Expires", "Wed, 21 Oct 2037 07:28:00 GMT"),
                state.contentHeaders());
        assertEquals("Archive", state.storageClass());
        assertEquals(Optional.of("ongoing-request=\"false\""), state.restore());
    }

    @Test
    void stateWithoutStorageClassHeaderIsStandard() {
        ObjectState state = SdkObjectStore.stateOf(BUCKET, "case/plain.txt", new ObjectMetadata());

        assertEquals(StorageClass.Standard.toString(), state.storageClass());
        assertEquals(Map.of(), state.contentHeaders());
        assertEquals(Optional.empty(), state.restore());
    }

    static Stream<Arguments> everyEncryption() {
        return Stream.of(
                Arguments.of(EncryptionSpec.of(Algorithm.AES256), "AES256", null, null),
                Arguments.of(EncryptionSpec.of(Algorithm.KMS), "KMS", "managed", null),
                Arguments.of(EncryptionSpec.of(Algorithm.KMS, Optional.of(Emulator.CMK), Optional.empty(), false),
                        "KMS", Emulator.CMK, null),
                Arguments.of(EncryptionSpec.of(Algorithm.SM4), "SM4", null, null),
                Arguments.of(EncryptionSpec.of(Algorithm.KMS, Optional.empty(), Optional.of(Algorithm.SM4), false),
                        "KMS", "managed", "SM4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEncryption")
    void rewriteAppliesEachEncryption(EncryptionSpec spec, String algorithm, String keyId, String data)
            throws Exception {
        String key = upload("modes/" + spec.describe() + ".bin", new ObjectMetadata());

        store.rewrite(store.head(BUCKET, key), spec);

        Encryption after = store.head(BUCKET, key).encryption();
        assertEquals(Optional.of(algorithm), after.algorithm());
        String expectedKey = "managed".equals(keyId) ? emulator.oss.managedKmsKeyId() : keyId;
        assertEquals(Optional.ofNullable(expectedKey), after.kmsKeyId());
        assertEquals(Optional.ofNullable(data), after.dataEncryption());
        assertTrue(spec.satisfiedBy(after));
    }

    @Test
    void rewriteKeepsContentMetadataTagsAclAndStorageClass() throws Exception {
        String key = upload("keep/everything.csv", richMetadata());
        ObjectSnapshot before = ObjectSnapshot.of(emulator.client, BUCKET, key);

        store.rewrite(store.head(BUCKET, key), EncryptionSpec.of(Algorithm.AES256));

        assertEquals(before, ObjectSnapshot.of(emulator.client, BUCKET, key));
        assertEquals(Optional.of("AES256"), store.head(BUCKET, key).encryption().algorithm());
    }

    @Test
    void rewriteReEncryptsFromOneCmkToAnother() throws Exception {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setServerSideEncryption("KMS");
        meta.setServerSideEncryptionKeyId(Emulator.OTHER_CMK);
        String key = upload("cmk/other.bin", meta);

        store.rewrite(store.head(BUCKET, key),
                EncryptionSpec.of(Algorithm.KMS, Optional.of(Emulator.CMK), Optional.empty(), false));

        assertEquals(Optional.of(Emulator.CMK), store.head(BUCKET, key).encryption().kmsKeyId());
    }

    @Test
    void rewriteOfAnObjectOverwrittenSinceItsHeadFailsAsChangedAndLeavesTheNewerObject() throws Exception {
        String key = upload("race/overwritten.txt", new ObjectMetadata());
        ObjectState seen = store.head(BUCKET, key);
        emulator.put(BUCKET, key, "newer upload");

        ObjectStoreException e = assertThrows(ObjectStoreException.class,
                () -> store.rewrite(seen, EncryptionSpec.of(Algorithm.AES256)));

        assertEquals(ObjectStoreException.Kind.CHANGED, e.kind());
        assertEquals(Optional.of("PreconditionFailed"), e.errorCode());
        assertTrue(e.requestId().isPresent());
        assertEquals(Encryption.NONE, store.head(BUCKET, key).encryption());
    }

    @Test
    void headOfAMissingObjectIsNotFound() {
        ObjectStoreException e = assertThrows(ObjectStoreException.class, () -> store.head(BUCKET, "no/such/key"));

        assertEquals(ObjectStoreException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("oss://adapter-test/no/such/key"), e.getMessage());
    }

    @Test
    void rewriteWithAnUnknownCmkIsAPermanentFailureThatLeavesTheObjectAlone() throws Exception {
        String key = upload("cmk/unknown.bin", new ObjectMetadata());

        ObjectStoreException e = assertThrows(ObjectStoreException.class, () -> store.rewrite(
                store.head(BUCKET, key),
                EncryptionSpec.of(Algorithm.KMS, Optional.of("no-such-cmk"), Optional.empty(), false)));

        assertEquals(ObjectStoreException.Kind.PERMANENT, e.kind());
        assertTrue(e.errorCode().isPresent());
        assertTrue(e.requestId().isPresent());
        assertEquals(Encryption.NONE, store.head(BUCKET, key).encryption());
    }

    @Test
    void aWrongSecretIsAPermanentFailureNamingTheOssCode() {
        Secrets.used("not-the-secret");
        OSS wrong = OssClients.build(emulator.oss.endpoint(), emulator.oss.region(),
                new AccessKey(emulator.key.id(), "not-the-secret", Optional.empty()));
        try {
            ObjectStoreException e = assertThrows(ObjectStoreException.class,
                    () -> new SdkObjectStore(wrong).head(BUCKET, "anything"));

            assertEquals(ObjectStoreException.Kind.PERMANENT, e.kind());
            assertTrue(e.errorCode().isPresent(), e.getMessage());
            assertTrue(!e.getMessage().contains("not-the-secret"), e.getMessage());
        } finally {
            wrong.shutdown();
        }
    }

    @Test
    void anUnreachableEndpointIsTransient() {
        OSS nowhere = OssClients.build("http://127.0.0.1:9", emulator.oss.region(), emulator.key);
        try {
            ObjectStoreException e = assertThrows(ObjectStoreException.class,
                    () -> new SdkObjectStore(nowhere).head(BUCKET, "anything"));

            assertEquals(ObjectStoreException.Kind.TRANSIENT, e.kind());
        } finally {
            nowhere.shutdown();
        }
    }

    /**
     * The SDK hands versions and delete markers over in two lists; the adapter merges them back newest first, the
     * current one first and, within one second (all of these writes share one), a marker before a version.
     */
    @Test
    void versionsComeNewestFirstWithDeleteMarkersInPlace() throws Exception {
        Instant now = Instant.now();
        try (Emulator versioned = Emulator.start(LocalOss.builder().clock(Clock.fixed(now, ZoneOffset.UTC)))) {
            versioned.bucket("versions");
            versioned.client.setBucketVersioning(new SetBucketVersioningRequest("versions",
                    new BucketVersioningConfiguration(BucketVersioningConfiguration.ENABLED)));
            SdkObjectStore adapter = new SdkObjectStore(versioned.client);
            String first = versioned.client.putObject("versions", "k", new ByteArrayInputStream(new byte[1]))
                    .getVersionId();
            versioned.client.deleteObject("versions", "k");
            String second = versioned.client.putObject("versions", "k", new ByteArrayInputStream(new byte[2]))
                    .getVersionId();
            versioned.client.putObject("versions", "k/other", new ByteArrayInputStream(new byte[1]));

            List<VersionEntry> entries = adapter.versions("versions", "k");

            assertEquals(3, entries.size(), entries.toString());
            assertEquals(new VersionEntry(second, false), entries.get(0));
            assertTrue(entries.get(1).isDeleteMarker(), entries.toString());
            assertEquals(new VersionEntry(first, false), entries.get(2));
        }
    }
}
