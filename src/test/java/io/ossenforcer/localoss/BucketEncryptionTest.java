package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.ServerSideEncryptionByDefault;
import com.aliyun.oss.model.ServerSideEncryptionConfiguration;
import com.aliyun.oss.model.SetBucketEncryptionRequest;
import org.junit.jupiter.api.Test;

class BucketEncryptionTest extends LocalOssTest {

    private String bucketEncryptedWith(ServerSideEncryptionByDefault rule) {
        String b = t.bucket(client);
        ServerSideEncryptionConfiguration configuration = new ServerSideEncryptionConfiguration();
        configuration.setApplyServerSideEncryptionByDefault(rule);
        client.setBucketEncryption(new SetBucketEncryptionRequest(b, configuration));
        return b;
    }

    @Test
    void getBucketEncryptionReadsBackTheRule() {
        String b = bucketEncryptedWith(new ServerSideEncryptionByDefault("KMS").withKMSMasterKeyID(TestOss.CMK)
                .withKMSDataEncryption("SM4"));
        ServerSideEncryptionByDefault rule = client.getBucketEncryption(b).getApplyServerSideEncryptionByDefault();
        assertEquals("KMS", rule.getSSEAlgorithm());
        assertEquals(TestOss.CMK, rule.getKMSMasterKeyID());
        assertEquals("SM4", rule.getKMSDataEncryption());
    }

    @Test
    void aBucketWithoutARuleIsNoSuchServerSideEncryptionRule() {
        OSSException e = assertThrows(OSSException.class, () -> client.getBucketEncryption(bucket));
        assertEquals("NoSuchServerSideEncryptionRule", e.getErrorCode());
    }

    @Test
    void deleteBucketEncryptionRemovesTheRule() {
        String b = bucketEncryptedWith(new ServerSideEncryptionByDefault("AES256"));
        client.deleteBucketEncryption(b);
        assertThrows(OSSException.class, () -> client.getBucketEncryption(b));
    }

    @Test
    void anUnknownAlgorithmIsRefused() {
        OSSException e = assertThrows(OSSException.class,
                () -> bucketEncryptedWith(new ServerSideEncryptionByDefault("DES")));
        assertEquals("InvalidEncryptionAlgorithmError", e.getErrorCode());
    }

    @Test
    void writesWithoutSseHeadersGetTheDefault() {
        String b = bucketEncryptedWith(new ServerSideEncryptionByDefault("KMS"));
        client.putObject(b, "k", bytes("x"));
        ObjectMetadata head = client.getObjectMetadata(b, "k");
        assertEquals("KMS", head.getServerSideEncryption());
        assertEquals(t.oss.managedKmsKeyId(), head.getServerSideEncryptionKeyId());
    }

    @Test
    void anExplicitSseHeaderWinsOverTheDefault() {
        String b = bucketEncryptedWith(new ServerSideEncryptionByDefault("KMS"));
        ObjectMetadata meta = new ObjectMetadata();
        meta.setServerSideEncryption("AES256");
        client.putObject(b, "k", bytes("x"), meta);
        assertEquals("AES256", client.getObjectMetadata(b, "k").getServerSideEncryption());
    }

    @Test
    void copyAndInitiateWithoutSseHeadersGetTheDefault() {
        String b = bucketEncryptedWith(new ServerSideEncryptionByDefault("SM4"));
        client.putObject(b, "src", bytes("x"));
        client.copyObject(new CopyObjectRequest(b, "src", b, "dst"));
        assertEquals("SM4", client.getObjectMetadata(b, "dst").getServerSideEncryption());
        assertEquals("SM4", client.initiateMultipartUpload(new InitiateMultipartUploadRequest(b, "mp"))
                .getResponse().getHeaders().get("x-oss-server-side-encryption"));
    }

    @Test
    void aNewRuleNeverChangesExistingObjects() {
        String b = t.bucket(client);
        client.putObject(b, "before", bytes("x"));
        ServerSideEncryptionConfiguration configuration = new ServerSideEncryptionConfiguration();
        configuration.setApplyServerSideEncryptionByDefault(new ServerSideEncryptionByDefault("AES256"));
        client.setBucketEncryption(new SetBucketEncryptionRequest(b, configuration));
        assertNull(client.getObjectMetadata(b, "before").getServerSideEncryption());
    }

    @Test
    void bucketInfoShowsTheRule() {
        String b = bucketEncryptedWith(new ServerSideEncryptionByDefault("KMS").withKMSMasterKeyID(TestOss.CMK));
        var info = client.getBucketInfo(b);
        assertEquals("KMS", info.getServerSideEncryptionConfiguration().getApplyServerSideEncryptionByDefault()
                .getSSEAlgorithm());
    }

    @Test
    void bucketInfoOmitsKmsElementsAnAes256DefaultDoesNotHave() {
        String b = bucketEncryptedWith(new ServerSideEncryptionByDefault("AES256"));
        ServerSideEncryptionByDefault rule = client.getBucketInfo(b).getServerSideEncryptionConfiguration()
                .getApplyServerSideEncryptionByDefault();
        assertEquals("AES256", rule.getSSEAlgorithm());
        assertNull(rule.getKMSMasterKeyID());
        assertNull(rule.getKMSDataEncryption());
    }

    @Test
    void bucketEncryptionWithAnUnknownCmkIsStoredAndAWriteThatNeedsItIsKeyNotFound() {
        String b = bucketEncryptedWith(new ServerSideEncryptionByDefault("KMS").withKMSMasterKeyID("no-such-cmk"));
        assertEquals("no-such-cmk",
                client.getBucketEncryption(b).getApplyServerSideEncryptionByDefault().getKMSMasterKeyID());
        OSSException e = assertThrows(OSSException.class, () -> client.putObject(b, "k", bytes("x")));
        assertEquals("KeyNotFound", e.getErrorCode());
    }
}
