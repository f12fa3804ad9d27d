package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static io.ossenforcer.localoss.ObjectsTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.GetBucketWormResult;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionTest extends LocalOssTest {

    private String code(Runnable call) {
        return assertThrows(OSSException.class, call::run).getErrorCode();
    }

    private String lockedBucket() {
        String b = t.bucket(client);
        t.oss.lockBucket(b, Duration.ofDays(1));
        return b;
    }

    @Test
    void initiateBucketWormCreatesAnInProgressPolicyThatCompleteLocks() {
        String b = t.bucket(client);
        String wormId = client.initiateBucketWorm(b, 30).getWormId();
        GetBucketWormResult before = client.getBucketWorm(b);
        assertEquals("InProgress", before.getWormState());
        assertEquals(30, before.getRetentionPeriodInDays());
        assertEquals(wormId, before.getWormId());
        client.completeBucketWorm(b, wormId);
        assertEquals("Locked", client.getBucketWorm(b).getWormState());
    }

    @Test
    void aBucketWithoutAPolicyIsNoSuchWormConfiguration() {
        assertEquals("NoSuchWORMConfiguration", code(() -> client.getBucketWorm(bucket)));
    }

    @Test
    void aVersionedBucketCannotGetARetentionPolicy() {
        String b = t.bucket(client);
        client.setBucketVersioning(new SetBucketVersioningRequest(b,
                new BucketVersioningConfiguration(BucketVersioningConfiguration.ENABLED)));
        assertEquals("InvalidWORMConfiguration", code(() -> client.initiateBucketWorm(b, 1)));
    }

    @Test
    void aProtectedObjectCannotBeCopiedOntoItself() throws Exception {
        String b = lockedBucket();
        client.putObject(b, "k", bytes("kept"));
        CopyObjectRequest copy = new CopyObjectRequest(b, "k", b, "k");
        copy.setServerSideEncryption("AES256");
        assertEquals("FileImmutable", code(() -> client.copyObject(copy)));
        assertEquals("kept", read(client, b, "k"));
    }

    @Test
    void aProtectedObjectCannotBeOverwritten() {
        String b = lockedBucket();
        client.putObject(b, "k", bytes("kept"));
        assertEquals("FileImmutable", code(() -> client.putObject(b, "k", bytes("new"))));
    }

    @Test
    void aProtectedObjectCannotBeDeleted() {
        String b = lockedBucket();
        client.putObject(b, "k", bytes("kept"));
        assertEquals("FileImmutable", code(() -> client.deleteObject(b, "k")));
    }

    @Test
    void aProtectedObjectsAclCannotBeChanged() {
        String b = lockedBucket();
        client.putObject(b, "k", bytes("kept"));
        assertEquals("FileImmutable", code(() -> client.setObjectAcl(b, "k", CannedAccessControlList.Private)));
    }

    @Test
    void anInProgressPolicyAlreadyProtectsObjects() {
        String b = t.bucket(client);
        client.initiateBucketWorm(b, 1);
        client.putObject(b, "k", bytes("kept"));
        assertEquals("FileImmutable", code(() -> client.putObject(b, "k", bytes("new"))));
    }

    @Test
    void anObjectOlderThanTheRetentionPeriodCanBeChanged() throws Exception {
        String b = t.bucket(client);
        t.oss.lockBucket(b, Duration.ofMinutes(1));
        client.putObject(b, "k", bytes("old"));
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        client.putObject(b, "k", bytes("new"));
        assertEquals("new", read(client, b, "k"));
    }
}
