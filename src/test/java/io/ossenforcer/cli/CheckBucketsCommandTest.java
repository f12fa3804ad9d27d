package io.ossenforcer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.model.LifecycleRule;
import com.aliyun.oss.model.PutBucketPublicAccessBlockRequest;
import com.aliyun.oss.model.SSEAlgorithm;
import com.aliyun.oss.model.ServerSideEncryptionByDefault;
import com.aliyun.oss.model.ServerSideEncryptionConfiguration;
import com.aliyun.oss.model.SetBucketEncryptionRequest;
import com.aliyun.oss.model.SetBucketLifecycleRequest;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import io.ossenforcer.app.Settings;
import io.ossenforcer.testing.CapturedLog;
import io.ossenforcer.testing.Emulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-buckets against the emulator: the four safeguards of each rule bucket, and --fix. */
class CheckBucketsCommandTest {
    private static final String CMK_RULES = "{\"buckets\":{\"enforced\":{\"rules\":[{\"id\":\"cmk\",\"encryption\":"
            + "{\"algorithm\":\"KMS\",\"kmsKeyId\":\"" + Emulator.CMK + "\"}}]}}}";

    @TempDir
    Path dir;
    private Emulator emulator;

    @BeforeEach
    void start() {
        emulator = Emulator.start().bucket("enforced");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** The variables local-oss prints: no --endpoint or --region needed. */
    private Map<String, String> env() {
        return Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator.key.id(), "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                emulator.key.secret(), Settings.OSS_ENDPOINT, emulator.oss.endpoint(), Settings.FC_REGION,
                emulator.oss.region());
    }

    private MainTest.Run checkBuckets(String rulesJson, String... more) throws IOException {
        Path rules = Files.writeString(dir.resolve("rules.json"), rulesJson);
        List<String> argv = new ArrayList<>(List.of("check-buckets", "--rules", rules.toString()));
        argv.addAll(List.of(more));
        return MainTest.run(env(), "", argv.toArray(new String[0]));
    }

    private void defaultEncryption(String bucket, ServerSideEncryptionByDefault rule) {
        emulator.client.setBucketEncryption(new SetBucketEncryptionRequest(bucket,
                new ServerSideEncryptionConfiguration().withApplyServerSideEncryptionByDefault(rule)));
    }

    private void safeguards(String bucket) {
        emulator.client.setBucketVersioning(new SetBucketVersioningRequest(bucket,
                new BucketVersioningConfiguration(BucketVersioningConfiguration.ENABLED)));
        emulator.client.putBucketPublicAccessBlock(new PutBucketPublicAccessBlockRequest(bucket, true));
        SetBucketLifecycleRequest lifecycle = new SetBucketLifecycleRequest(bucket);
        lifecycle.AddLifecycleRule(new LifecycleRule("abort-mpu", "", LifecycleRule.RuleStatus.Enabled, 3650,
                new LifecycleRule.AbortMultipartUpload(7)));
        emulator.client.setBucketLifecycle(lifecycle);
    }

    private String currentDefault(String bucket) {
        ServerSideEncryptionByDefault rule = emulator.client.getBucketEncryption(bucket)
                .getApplyServerSideEncryptionByDefault();
        return rule.getSSEAlgorithm() + (rule.getKMSMasterKeyID() == null ? "" : "/" + rule.getKMSMasterKeyID());
    }

    @Test
    void aBareBucketIsReportedMissingEachSafeguardAndExits1() throws IOException {
        MainTest.Run r = checkBuckets(CMK_RULES);

        assertEquals(1, r.status, r.out + r.err);
        assertTrue(r.out.contains("enforced: NONE: no default encryption"), r.out);
        assertTrue(r.out.contains("enforced: versioning Off"), r.out);
        assertTrue(r.out.contains("enforced: block public access off"), r.out);
        assertTrue(r.out.contains("enforced: no lifecycle rule aborts incomplete multipart uploads"), r.out);
    }

    /**
     * The SDK logs error answers (the whole XML of a 404) at WARN through commons-logging into Log4j, whose console
     * appender writes to the process's stderr, not the command's: so what passes the SDK logger's level is caught there.
     */
    @Test
    void anExpected404IsNotDumpedByTheSdk() throws IOException {
        try (CapturedLog sdk = CapturedLog.attachTo("com.aliyun.oss")) {
            MainTest.Run r = checkBuckets(CMK_RULES);

            assertTrue(r.out.contains("enforced: NONE"), r.out);
            assertEquals(List.of(), sdk.lines());
        }
    }

    @Test
    void aWeakerDefaultNamesTheRulesItFallsShortOf() throws IOException {
        defaultEncryption("enforced", new ServerSideEncryptionByDefault(SSEAlgorithm.AES256));
        safeguards("enforced");

        MainTest.Run r = checkBuckets(CMK_RULES);

        assertEquals(1, r.status, r.out + r.err);
        assertTrue(r.out.contains("enforced: WEAKER: weaker than rule(s) cmk"), r.out);
    }

    @Test
    void aBucketWithEverySafeguardExits0() throws IOException {
        defaultEncryption("enforced", new ServerSideEncryptionByDefault(SSEAlgorithm.KMS)
                .withKMSMasterKeyID(Emulator.CMK));
        safeguards("enforced");

        MainTest.Run r = checkBuckets(CMK_RULES);

        assertEquals(0, r.status, r.out + r.err);
        assertTrue(r.out.contains("Enabled") && r.out.contains("after 7 days"), r.out);
    }

    @Test
    void aLifecycleRuleForOnePrefixDoesNotCoverTheBucket() throws IOException {
        SetBucketLifecycleRequest lifecycle = new SetBucketLifecycleRequest("enforced");
        lifecycle.AddLifecycleRule(new LifecycleRule("tmp", "tmp/", LifecycleRule.RuleStatus.Enabled, 30,
                new LifecycleRule.AbortMultipartUpload(1)));
        emulator.client.setBucketLifecycle(lifecycle);

        MainTest.Run r = checkBuckets(CMK_RULES);

        assertTrue(r.out.contains("(only prefix tmp/: after 1 days)"), r.out);
    }

    @Test
    void fixSetsTheDefaultTheRulesAgreeOnAndSaysSo() throws IOException {
        safeguards("enforced");

        MainTest.Run r = checkBuckets(CMK_RULES, "--fix");

        assertEquals(0, r.status, r.out + r.err);
        assertTrue(r.out.contains("fixed enforced: default encryption set to KMS(key=" + Emulator.CMK + ")"), r.out);
        assertEquals("KMS/" + Emulator.CMK, currentDefault("enforced"));
    }

    @Test
    void fixStrengthensAWeakerDefault() throws IOException {
        defaultEncryption("enforced", new ServerSideEncryptionByDefault(SSEAlgorithm.AES256));

        MainTest.Run r = checkBuckets(CMK_RULES, "--fix");

        assertTrue(r.out.contains("fixed enforced: default encryption changed from AES256 to KMS"), r.out);
        assertEquals("KMS/" + Emulator.CMK, currentDefault("enforced"));
    }

    @Test
    void fixNeverSwapsAnotherKeyForTheRulesKey() throws IOException {
        defaultEncryption("enforced", new ServerSideEncryptionByDefault(SSEAlgorithm.KMS)
                .withKMSMasterKeyID(Emulator.OTHER_CMK));

        MainTest.Run r = checkBuckets(CMK_RULES, "--fix");

        assertEquals(1, r.status, r.out + r.err);
        assertTrue(r.out.contains("left enforced: not changed"), r.out);
        assertEquals("KMS/" + Emulator.OTHER_CMK, currentDefault("enforced"));
    }

    @Test
    void fixLeavesAStrongerDefaultAlone() throws IOException {
        defaultEncryption("enforced", new ServerSideEncryptionByDefault(SSEAlgorithm.KMS));

        MainTest.Run r = checkBuckets("{\"buckets\":{\"enforced\":{\"rules\":[{\"id\":\"aes\",\"encryption\":"
                + "{\"algorithm\":\"AES256\"}}]}}}", "--fix");

        assertTrue(r.out.contains("left enforced: the default already satisfies every rule"), r.out);
        assertEquals("KMS", currentDefault("enforced"));
    }

    @Test
    void fixLeavesABucketWhoseRulesDisagree() throws IOException {
        MainTest.Run r = checkBuckets("{\"buckets\":{\"enforced\":{\"rules\":[{\"id\":\"cmk\",\"prefix\":\"r/\","
                + "\"encryption\":{\"algorithm\":\"KMS\"}},{\"id\":\"aes\",\"encryption\":{\"algorithm\":\"AES256\"}}"
                + "]}}}", "--fix");

        assertTrue(r.out.contains("left enforced: the enforcing rules ask for different encryptions (KMS, AES256)"),
                r.out);
        assertTrue(r.out.contains("enforced: NONE"), r.out);
    }
}
