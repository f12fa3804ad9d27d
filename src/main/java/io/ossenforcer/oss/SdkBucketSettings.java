package io.ossenforcer.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.LifecycleRule;
import com.aliyun.oss.model.SSEAlgorithm;
import com.aliyun.oss.model.ServerSideEncryptionByDefault;
import com.aliyun.oss.model.ServerSideEncryptionConfiguration;
import com.aliyun.oss.model.SetBucketEncryptionRequest;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.rules.EncryptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The bucket settings {@code check-buckets} reports beside default encryption: versioning (the plaintext previous
 * version a rewrite leaves, and the race work's repairs, need it), Block Public Access, and a lifecycle rule that
 * aborts incomplete multipart uploads (an interrupted multipart rewrite can leave one); and the one it may change,
 * the default encryption.
 */
public final class SdkBucketSettings {
    private static final String NO_LIFECYCLE = "NoSuchLifecycle";

    private final OSS client;

    public SdkBucketSettings(OSS client) {
        this.client = Objects.requireNonNull(client);
    }

    /** {@code Enabled}, {@code Suspended}, or {@code Off} for a bucket never versioned. */
    public String versioning(String bucket) throws ObjectStoreException {
        try {
            String status = client.getBucketVersioning(bucket).getStatus();
            return status == null || status.isEmpty() ? "Off" : status;
        } catch (RuntimeException e) {
            throw OssErrors.classify("GetBucketVersioning", bucket, "", e);
        }
    }

    public boolean blocksPublicAccess(String bucket) throws ObjectStoreException {
        try {
            return client.getBucketPublicAccessBlock(bucket).getBlockPublicAccess();
        } catch (RuntimeException e) {
            throw OssErrors.classify("GetBucketPublicAccessBlock", bucket, "", e);
        }
    }

    /** The enabled lifecycle rules that abort multipart uploads some days after they start, by prefix. */
    public List<AbortRule> abortMultipartRules(String bucket) throws ObjectStoreException {
        List<LifecycleRule> rules;
        try {
            rules = client.getBucketLifecycle(bucket);
        } catch (OSSException e) {
            if (NO_LIFECYCLE.equals(e.getErrorCode())) {
                return List.of();
            }
            throw OssErrors.classify("GetBucketLifecycle", bucket, "", e);
        } catch (RuntimeException e) {
            throw OssErrors.classify("GetBucketLifecycle", bucket, "", e);
        }
        List<AbortRule> aborting = new ArrayList<>();
        for (LifecycleRule rule : rules) {
            if (rule.getStatus() == LifecycleRule.RuleStatus.Enabled && rule.hasAbortMultipartUpload()
                    && rule.getAbortMultipartUpload().hasExpirationDays() && !rule.hasTags()) {
                aborting.add(new AbortRule(rule.getPrefix() == null ? "" : rule.getPrefix(),
                        rule.getAbortMultipartUpload().getExpirationDays()));
            }
        }
        return aborting;
    }

    /** PutBucketEncryption: uploads without SSE headers get {@code target} from now on; existing objects do not. */
    public void setDefaultEncryption(String bucket, EncryptionSpec target) throws ObjectStoreException {
        ServerSideEncryptionByDefault rule = new ServerSideEncryptionByDefault(
                SSEAlgorithm.fromString(target.algorithm().headerValue()));
        target.kmsKeyId().ifPresent(rule::setKMSMasterKeyID);
        target.dataEncryption().ifPresent(d -> rule.setKMSDataEncryption(d.headerValue()));
        try {
            client.setBucketEncryption(new SetBucketEncryptionRequest(bucket,
                    new ServerSideEncryptionConfiguration().withApplyServerSideEncryptionByDefault(rule)));
        } catch (RuntimeException e) {
            throw OssErrors.classify("PutBucketEncryption", bucket, "", e);
        }
    }

    /** An enabled lifecycle rule aborting multipart uploads {@code days} after they start, under {@code prefix}. */
    public static final class AbortRule {
        private final String prefix;
        private final int days;

        public AbortRule(String prefix, int days) {
            this.prefix = Objects.requireNonNull(prefix);
            this.days = days;
        }

        /** Empty for the whole bucket. */
        public String prefix() {
            return prefix;
        }

        public int days() {
            return days;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AbortRule && prefix.equals(((AbortRule) o).prefix) && days == ((AbortRule) o).days;
        }

        @Override
        public int hashCode() {
            return Objects.hash(prefix, days);
        }

        @Override
        public String toString() {
            return (prefix.isEmpty() ? "whole bucket" : "prefix " + prefix) + ": after " + days + " days";
        }
    }
}
