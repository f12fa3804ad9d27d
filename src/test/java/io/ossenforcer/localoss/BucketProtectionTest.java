package io.ossenforcer.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.LifecycleRule;
import com.aliyun.oss.model.PutBucketPublicAccessBlockRequest;
import com.aliyun.oss.model.SetBucketLifecycleRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Put/GetBucketPublicAccessBlock and Put/Get/DeleteBucketLifecycle, through the SDK. */
class BucketProtectionTest extends LocalOssTest {

    private static SetBucketLifecycleRequest lifecycle(String bucket, LifecycleRule rule) {
        SetBucketLifecycleRequest request = new SetBucketLifecycleRequest(bucket);
        request.AddLifecycleRule(rule);
        return request;
    }

    @Test
    void aBucketNeverConfiguredDoesNotBlockPublicAccess() {
        assertFalse(client.getBucketPublicAccessBlock(t.bucket(client)).getBlockPublicAccess());
    }

    @Test
    void blockPublicAccessReadsBackAsPut() {
        String b = t.bucket(client);
        client.putBucketPublicAccessBlock(new PutBucketPublicAccessBlockRequest(b, true));
        assertTrue(client.getBucketPublicAccessBlock(b).getBlockPublicAccess());
        client.putBucketPublicAccessBlock(new PutBucketPublicAccessBlockRequest(b, false));
        assertFalse(client.getBucketPublicAccessBlock(b).getBlockPublicAccess());
    }

    @Test
    void aBucketWithoutLifecycleRulesIsNoSuchLifecycle() {
        OSSException e = assertThrows(OSSException.class, () -> client.getBucketLifecycle(t.bucket(client)));
        assertEquals("NoSuchLifecycle", e.getErrorCode());
    }

    @Test
    void anAbortMultipartUploadRuleReadsBackAsPut() {
        String b = t.bucket(client);
        client.setBucketLifecycle(lifecycle(b, new LifecycleRule("abort", "", LifecycleRule.RuleStatus.Enabled, 365,
                new LifecycleRule.AbortMultipartUpload(7))));

        List<LifecycleRule> rules = client.getBucketLifecycle(b);

        assertEquals(1, rules.size());
        assertEquals("abort", rules.get(0).getId());
        assertEquals(LifecycleRule.RuleStatus.Enabled, rules.get(0).getStatus());
        assertEquals(7, rules.get(0).getAbortMultipartUpload().getExpirationDays());
        assertEquals(365, rules.get(0).getExpirationDays());
    }

    @Test
    void deleteBucketLifecycleRemovesTheRules() {
        String b = t.bucket(client);
        client.setBucketLifecycle(lifecycle(b, new LifecycleRule("abort", "", LifecycleRule.RuleStatus.Enabled, 365)));
        client.deleteBucketLifecycle(b);
        assertThrows(OSSException.class, () -> client.getBucketLifecycle(b));
    }

    @Test
    void publicAccessBlockOfAMissingBucketIsNoSuchBucket() {
        OSSException e = assertThrows(OSSException.class, () -> client.getBucketPublicAccessBlock("no-such-bucket"));
        assertEquals("NoSuchBucket", e.getErrorCode());
    }
}
