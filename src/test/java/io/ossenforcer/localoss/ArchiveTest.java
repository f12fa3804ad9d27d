package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static io.ossenforcer.localoss.ObjectsTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.StorageClass;
import com.aliyun.oss.model.UploadPartCopyRequest;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveTest extends LocalOssTest {

    private void putArchived(String key, String storageClass) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setHeader("x-oss-storage-class", storageClass);
        client.putObject(bucket, key, bytes("cold " + key), meta);
    }

    private String code(Runnable call) {
        return assertThrows(OSSException.class, call::run).getErrorCode();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Archive", "ColdArchive", "DeepColdArchive"})
    void archiveClassesCannotBeReadBeforeARestore(String storageClass) {
        putArchived("get-" + storageClass, storageClass);
        assertEquals("InvalidObjectState", code(() -> client.getObject(bucket, "get-" + storageClass)));
    }

    @Test
    void anUnrestoredObjectCannotBeACopySource() {
        putArchived("copy-src", "Archive");
        assertEquals("InvalidObjectState", code(() -> client.copyObject(bucket, "copy-src", bucket, "copy-dst")));
    }

    @Test
    void anUnrestoredObjectCannotBeAnUploadPartCopySource() {
        putArchived("part-src", "ColdArchive");
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "part-dst"))
                .getUploadId();
        assertEquals("InvalidObjectState", code(() -> client.uploadPartCopy(
                new UploadPartCopyRequest(bucket, "part-src", bucket, "part-dst", uploadId, 1, 0L, 5L))));
    }

    @Test
    void theFirstRestoreIsAcceptedAndAnotherWhileItRunsIsRestoreAlreadyInProgress() {
        putArchived("twice", "Archive");
        assertEquals(202, client.restoreObject(bucket, "twice").getStatusCode());
        assertEquals("RestoreAlreadyInProgress", code(() -> client.restoreObject(bucket, "twice")));
    }

    @Test
    void headShowsAnOngoingRestore() {
        putArchived("ongoing", "Archive");
        client.restoreObject(bucket, "ongoing");
        ObjectMetadata head = client.getObjectMetadata(bucket, "ongoing");
        assertEquals("ongoing-request=\"true\"", head.getObjectRawRestore());
        assertFalse(head.isRestoreCompleted());
        assertEquals("InvalidObjectState", code(() -> client.getObject(bucket, "ongoing")));
    }

    @Test
    void aCompletedRestoreIsReadableAndHeadShowsItsExpiry() throws IOException {
        putArchived("done", "ColdArchive");
        client.restoreObject(bucket, "done");
        t.oss.completeRestores();
        ObjectMetadata head = client.getObjectMetadata(bucket, "done");
        assertTrue(head.isRestoreCompleted());
        assertTrue(head.getObjectRawRestore().matches("ongoing-request=\"false\", expiry-date=\"\\w{3}, \\d\\d \\w{3}"
                + " \\d{4} \\d\\d:\\d\\d:\\d\\d GMT\""), head.getObjectRawRestore());
        assertEquals("cold done", read(client, bucket, "done"));
    }

    @Test
    void restoringARestoredObjectAnswers200() {
        putArchived("again", "Archive");
        client.restoreObject(bucket, "again");
        t.oss.completeRestores();
        assertEquals(200, client.restoreObject(bucket, "again").getStatusCode());
    }

    @Test
    void aStandardObjectCannotBeRestored() {
        client.putObject(bucket, "warm", bytes("x"));
        assertEquals("OperationNotSupported", code(() -> client.restoreObject(bucket, "warm")));
    }

    @Test
    void aRestoredObjectCopiedOntoItselfKeepsItsStorageClassAndIsArchivedAgain() {
        putArchived("self", "Archive");
        client.restoreObject(bucket, "self");
        t.oss.completeRestores();
        CopyObjectRequest copy = new CopyObjectRequest(bucket, "self", bucket, "self");
        copy.setServerSideEncryption("AES256");
        ObjectMetadata meta = new ObjectMetadata();
        meta.setHeader("x-oss-storage-class", "Archive");
        copy.setNewObjectMetadata(meta);
        client.copyObject(copy);
        ObjectMetadata head = client.getObjectMetadata(bucket, "self");
        assertEquals(StorageClass.Archive, head.getObjectStorageClass());
        assertEquals("AES256", head.getServerSideEncryption());
        assertEquals(null, head.getObjectRawRestore());
    }

    @Test
    void restoreInstantlyCompletesTheRestoreAtOnce() throws IOException {
        try (TestOss instant = TestOss.start(LocalOss.builder().restoreInstantly(true))) {
            OSS c = instant.v1();
            String b = instant.bucket(c);
            ObjectMetadata meta = new ObjectMetadata();
            meta.setHeader("x-oss-storage-class", "DeepColdArchive");
            c.putObject(b, "k", bytes("deep"), meta);
            assertEquals(202, c.restoreObject(b, "k").getStatusCode());
            assertEquals("deep", read(c, b, "k"));
        }
    }

    @Test
    void generatedObjectsCanBeArchivedWithMetadata() {
        t.oss.putGeneratedObject(bucket, "gen-cold", 1000, 7, Map.of("x-oss-storage-class", "ColdArchive",
                "x-oss-meta-origin", "generated", "x-oss-server-side-encryption", "KMS"));
        ObjectMetadata head = client.getObjectMetadata(bucket, "gen-cold");
        assertEquals(StorageClass.ColdArchive, head.getObjectStorageClass());
        assertEquals(Map.of("origin", "generated"), head.getUserMetadata());
        assertEquals(t.oss.managedKmsKeyId(), head.getServerSideEncryptionKeyId());
        assertEquals("InvalidObjectState", code(() -> client.getObject(bucket, "gen-cold")));
    }

    @Test
    void invalidGeneratedObjectHeadersAreRefusedWithTheOssError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.oss.putGeneratedObject(
                bucket, "bad", 10, 1, Map.of("x-oss-storage-class", "Glacier")));
        assertTrue(e.getMessage().startsWith("InvalidArgument: Invalid storage class: Glacier"), e.getMessage());
    }
}
