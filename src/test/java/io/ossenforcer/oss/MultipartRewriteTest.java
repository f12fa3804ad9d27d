package io.ossenforcer.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.UploadPartCopyRequest;
import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.Rewritten;
import io.ossenforcer.localoss.Faults;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.ObjectSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rewrites above the single-copy limit, against an emulator that refuses CopyObject above the same (lowered)
 * limit, so only a real multipart copy can succeed.
 */
class MultipartRewriteTest {
    private static final String BUCKET = "multipart-test";
    private static final long LIMIT = 1L << 20;
    private static final CopyLimits SMALL = new CopyLimits(LIMIT, 256 * 1024, 3);

    private static Emulator emulator;
    private static SdkObjectStore store;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(LocalOss.builder().copyLimitBytes(LIMIT)).bucket(BUCKET);
        store = new SdkObjectStore(emulator.client, SMALL);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String upload(String key, int size, ObjectMetadata meta) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) key.length());
        content[size / 2] = 42;
        emulator.put(BUCKET, key, content, meta);
        return key;
    }

    private static ObjectMetadata richMetadata() {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("video/mp4");
        meta.setCacheControl("private");
        meta.setContentDisposition("attachment");
        meta.setHeader("Expires", "Wed, 21 Oct 2037 07:28:00 GMT");
        meta.setUserMetadata(Map.of("camera", "a7", "x-client-side-encryption-iv", "AAECAwQ="));
        meta.setObjectAcl(CannedAccessControlList.PublicRead);
        meta.setHeader("x-oss-storage-class", "IA");
        meta.setHeader("x-oss-tagging", "project=launch&owner=media");
        return meta;
    }

    @Test
    void anObjectAboveTheLimitIsRewrittenPartByPartKeepingEverything() throws Exception {
        String key = upload("big/clip.mp4", 2_600_000, richMetadata());
        ObjectSnapshot before = ObjectSnapshot.of(emulator.client, BUCKET, key);

        store.rewrite(store.head(BUCKET, key), EncryptionSpec.of(Algorithm.KMS, Optional.of(Emulator.CMK),
                Optional.empty(), false));

        ObjectState after = store.head(BUCKET, key);
        assertEquals(Optional.of(Emulator.CMK), after.encryption().kmsKeyId());
        assertEquals(ObjectState.MULTIPART, after.objectType());
        assertEquals(before, ObjectSnapshot.of(emulator.client, BUCKET, key));
        assertEquals(0, emulator.oss.openMultipartUploads(BUCKET));
    }

    /**
     * A rewrite killed mid-copy leaves its upload open; the next rewrite of the key aborts it once it is older than
     * the function's timeout and names it, and leaves alone an upload of the same key cut otherwise (a writer's own).
     */
    @Test
    void theNextRewriteAbortsACopyAnEarlierInvocationAbandonedAndNamesIt() throws Exception {
        String key = upload("big/abandoned.bin", 1_500_000, new ObjectMetadata());
        String abandoned = openUpload(key, 256 * 1024);
        String writers = openUpload(key, 300 * 1024);
        SdkObjectStore next = new SdkObjectStore(emulator.client, new CopyLimits(LIMIT, 256 * 1024, 3,
                java.time.Duration.ZERO));

        Rewritten done = next.rewrite(next.head(BUCKET, key), EncryptionSpec.of(Algorithm.AES256));

        assertTrue(String.join(" ", done.notes()).contains("aborted abandoned multipart copies of this key: ["
                + abandoned), done.notes().toString());
        List<String> open = emulator.client.listMultipartUploads(new ListMultipartUploadsRequest(BUCKET))
                .getMultipartUploads().stream().map(MultipartUpload::getUploadId).collect(Collectors.toList());
        assertEquals(List.of(writers), open);
        emulator.client.abortMultipartUpload(new AbortMultipartUploadRequest(BUCKET, key, writers));
    }

    @Test
    void anUploadYoungerThanTheFunctionsTimeoutIsLeftAlone() throws Exception {
        String key = upload("big/in-flight.bin", 1_500_000, new ObjectMetadata());
        String inFlight = openUpload(key, 256 * 1024);

        Rewritten done = store.rewrite(store.head(BUCKET, key), EncryptionSpec.of(Algorithm.AES256));

        assertEquals(List.of(), done.notes());
        assertEquals(1, emulator.oss.openMultipartUploads(BUCKET));
        emulator.client.abortMultipartUpload(new AbortMultipartUploadRequest(BUCKET, key, inFlight));
    }

    /** An open multipart copy of {@code key} whose first part is {@code partSize} bytes of it. */
    private static String openUpload(String key, long partSize) {
        String uploadId = emulator.client.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, key))
                .getUploadId();
        emulator.client.uploadPartCopy(new UploadPartCopyRequest(BUCKET, key, BUCKET, key, uploadId, 1, 0L,
                partSize));
        return uploadId;
    }

    @Test
    void smDataEncryptionIsAppliedByAMultipartRewriteToo() throws Exception {
        String key = upload("big/sm4.bin", 1_500_000, new ObjectMetadata());

        store.rewrite(store.head(BUCKET, key), EncryptionSpec.of(Algorithm.KMS, Optional.empty(),
                Optional.of(Algorithm.SM4), false));

        assertEquals(Optional.of("SM4"), store.head(BUCKET, key).encryption().dataEncryption());
    }

    @Test
    void anObjectOverwrittenDuringTheCopyAbortsTheUploadAndKeepsTheNewerObject() throws Exception {
        String key = upload("big/raced.bin", 2_000_000, new ObjectMetadata());
        ObjectState seen = store.head(BUCKET, key);
        emulator.put(BUCKET, key, "a newer, small upload");
        ObjectSnapshot newer = ObjectSnapshot.of(emulator.client, BUCKET, key);

        ObjectStoreException e = assertThrows(ObjectStoreException.class,
                () -> store.rewrite(seen, EncryptionSpec.of(Algorithm.AES256)));

        assertEquals(ObjectStoreException.Kind.CHANGED, e.kind(), e.getMessage());
        assertEquals(0, emulator.oss.openMultipartUploads(BUCKET));
        assertEquals(newer, ObjectSnapshot.of(emulator.client, BUCKET, key));
    }

    @Test
    void aRejectedInitiateLeavesNoUploadAndTheObjectUntouched() throws Exception {
        String key = upload("big/bad-cmk.bin", 1_200_000, new ObjectMetadata());
        ObjectSnapshot before = ObjectSnapshot.of(emulator.client, BUCKET, key);

        ObjectStoreException e = assertThrows(ObjectStoreException.class, () -> store.rewrite(
                store.head(BUCKET, key), EncryptionSpec.of(Algorithm.KMS, Optional.of("no-such-cmk"),
                        Optional.empty(), false)));

        assertEquals(ObjectStoreException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains("InitiateMultipartUpload"), e.getMessage());
        assertEquals(0, emulator.oss.openMultipartUploads(BUCKET));
        assertEquals(before, ObjectSnapshot.of(emulator.client, BUCKET, key));
    }

    @Test
    void anUploadThatCannotBeAbortedIsNamedInTheFailure() throws Exception {
        String key = upload("big/abort-fails.bin", 1_200_000, new ObjectMetadata());
        emulator.oss.faults(Faults.parse("UploadPartCopy:status=403/AccessDenied:nth=1,"
                + "AbortMultipartUpload:status=503"));
        ObjectStoreException e = rewriteFailing(key);

        String uploadId = onlyOpenUpload(key);
        assertTrue(e.getMessage().contains("aborting multipart upload " + uploadId + " failed too"), e.getMessage());
        assertEquals(ObjectStoreException.Kind.PERMANENT, e.kind(), "the UploadPartCopy refusal decides");
        emulator.client.abortMultipartUpload(new AbortMultipartUploadRequest(BUCKET, key, uploadId));
    }

    @Test
    void anInitiateWhoseAnswerWasCutShortIsRetryableAndNamesTheUploadItMayHaveLeftOpen() throws Exception {
        String key = upload("big/initiate-cut.bin", 1_200_000, new ObjectMetadata());
        emulator.oss.faults(Faults.parse("InitiateMultipartUpload:truncate"));
        ObjectStoreException e = rewriteFailing(key);

        String uploadId = onlyOpenUpload(key);
        assertEquals(ObjectStoreException.Kind.TRANSIENT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(uploadId), e.getMessage());
        emulator.client.abortMultipartUpload(new AbortMultipartUploadRequest(BUCKET, key, uploadId));
    }

    @Test
    void aCompleteWhoseAnswerWasCutShortIsRetryableAndLeavesNoUploadOpen() throws Exception {
        String key = upload("big/complete-cut.bin", 1_200_000, new ObjectMetadata());
        emulator.oss.faults(Faults.parse("CompleteMultipartUpload:truncate"));
        ObjectStoreException e = rewriteFailing(key);

        assertEquals(ObjectStoreException.Kind.TRANSIENT, e.kind(), e.getMessage());
        assertEquals(0, emulator.oss.openMultipartUploads(BUCKET));
    }

    /** Rewrites {@code key} under the faults in force, which it then clears; returns the failure. */
    private static ObjectStoreException rewriteFailing(String key) throws ObjectStoreException {
        ObjectState seen = store.head(BUCKET, key);
        try {
            return assertThrows(ObjectStoreException.class, () -> store.rewrite(seen, EncryptionSpec.of(Algorithm.AES256)));
        } finally {
            emulator.oss.faults(Faults.none());
        }
    }

    private static String onlyOpenUpload(String key) {
        List<MultipartUpload> open = emulator.client.listMultipartUploads(new ListMultipartUploadsRequest(BUCKET))
                .getMultipartUploads();
        assertEquals(1, open.size(), "uploads open");
        assertEquals(key, open.get(0).getKey());
        return open.get(0).getUploadId();
    }

    @Test
    void theEmulatorRefusesASingleCopyAboveTheLimitSoTheMultipartPathIsReal() throws Exception {
        String key = upload("big/single.bin", 1_100_000, new ObjectMetadata());
        SdkObjectStore singleCopyOnly = new SdkObjectStore(emulator.client,
                new CopyLimits(CopyLimits.GIB, 64L << 20, 1));

        ObjectStoreException e = assertThrows(ObjectStoreException.class,
                () -> singleCopyOnly.rewrite(singleCopyOnly.head(BUCKET, key), EncryptionSpec.of(Algorithm.AES256)));

        assertEquals(Optional.of("EntityTooLarge"), e.errorCode());
    }
}
