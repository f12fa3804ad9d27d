package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.ObjectMetadata;
import org.junit.jupiter.api.Test;

class EncryptionTest extends LocalOssTest {

    private static ObjectMetadata sse(String algorithm, String keyId, String data) {
        ObjectMetadata meta = new ObjectMetadata();
        if (algorithm != null) {
            meta.setServerSideEncryption(algorithm);
        }
        if (keyId != null) {
            meta.setServerSideEncryptionKeyId(keyId);
        }
        if (data != null) {
            meta.setServerSideDataEncryption(data);
        }
        return meta;
    }

    private ObjectMetadata putAndHead(String key, ObjectMetadata meta) {
        client.putObject(bucket, key, bytes("secret"), meta);
        return client.getObjectMetadata(bucket, key);
    }

    @Test
    void unencryptedObjectsReportNoEncryption() {
        ObjectMetadata head = putAndHead("plain", new ObjectMetadata());
        assertNull(head.getServerSideEncryption());
        assertNull(head.getServerSideEncryptionKeyId());
        assertNull(head.getServerSideDataEncryption());
    }

    @Test
    void aes256RoundTripsThroughHead() {
        ObjectMetadata head = putAndHead("aes", sse("AES256", null, null));
        assertEquals("AES256", head.getServerSideEncryption());
        assertNull(head.getServerSideEncryptionKeyId());
    }

    @Test
    void sm4RoundTripsThroughHead() {
        assertEquals("SM4", putAndHead("sm4", sse("SM4", null, null)).getServerSideEncryption());
    }

    @Test
    void kmsWithoutKeyIdReportsTheManagedKey() {
        ObjectMetadata head = putAndHead("kms", sse("KMS", null, null));
        assertEquals("KMS", head.getServerSideEncryption());
        assertEquals(t.oss.managedKmsKeyId(), head.getServerSideEncryptionKeyId());
        assertNull(head.getServerSideDataEncryption());
    }

    @Test
    void kmsWithKnownCmkReportsIt() {
        ObjectMetadata head = putAndHead("cmk", sse("KMS", TestOss.CMK, null));
        assertEquals("KMS", head.getServerSideEncryption());
        assertEquals(TestOss.CMK, head.getServerSideEncryptionKeyId());
    }

    @Test
    void kmsWithSm4DataEncryptionRoundTrips() {
        ObjectMetadata head = putAndHead("kms-sm4", sse("KMS", TestOss.CMK, "SM4"));
        assertEquals("KMS", head.getServerSideEncryption());
        assertEquals(TestOss.CMK, head.getServerSideEncryptionKeyId());
        assertEquals("SM4", head.getServerSideDataEncryption());
        assertEquals("SM4", client.getObject(bucket, "kms-sm4").getObjectMetadata().getServerSideDataEncryption());
    }

    @Test
    void unknownCmkIsKeyNotFoundAndNothingIsWritten() {
        OSSException e = assertThrows(OSSException.class,
                () -> client.putObject(bucket, "unknown-cmk", bytes("x"), sse("KMS", "no-such-cmk", null)));
        assertEquals("KeyNotFound", e.getErrorCode());
        assertFalse(client.doesObjectExist(bucket, "unknown-cmk"));
    }

    @Test
    void unknownAlgorithmIsInvalidEncryptionAlgorithmError() {
        assertEquals("InvalidEncryptionAlgorithmError", assertThrows(OSSException.class,
                () -> client.putObject(bucket, "bad", bytes("x"), sse("AES128", null, null))).getErrorCode());
    }

    @Test
    void keyIdWithoutKmsIsInvalidArgument() {
        assertEquals("InvalidArgument", assertThrows(OSSException.class,
                () -> client.putObject(bucket, "bad", bytes("x"), sse("AES256", TestOss.CMK, null))).getErrorCode());
        assertEquals("InvalidArgument", assertThrows(OSSException.class,
                () -> client.putObject(bucket, "bad", bytes("x"), sse(null, TestOss.CMK, null))).getErrorCode());
    }

    @Test
    void dataEncryptionOtherThanSm4OrWithoutKmsIsInvalidArgument() {
        assertEquals("InvalidArgument", assertThrows(OSSException.class,
                () -> client.putObject(bucket, "bad", bytes("x"), sse("KMS", null, "AES256"))).getErrorCode());
        assertEquals("InvalidArgument", assertThrows(OSSException.class,
                () -> client.putObject(bucket, "bad", bytes("x"), sse("AES256", null, "SM4"))).getErrorCode());
    }

    @Test
    void putResponseCarriesTheEncryptionHeaders() throws Exception {
        RawRequest.Response put = new RawRequest("PUT", "/" + bucket + "/resp").body(new byte[] {1})
                .header("x-oss-server-side-encryption", "KMS")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/resp").send(t.oss);
        assertEquals("KMS", put.header("x-oss-server-side-encryption"));
        assertEquals(t.oss.managedKmsKeyId(), put.header("x-oss-server-side-encryption-key-id"));
    }
}
