package io.ossenforcer.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.rules.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cause each failure is given, from what all canaries of a run show together. */
class DiagnosisTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final CanaryContent SENT = CanaryContent.forRun("run");
    private static final EncryptionSpec AES = EncryptionSpec.of(Algorithm.AES256);
    private static final EncryptionSpec KMS = EncryptionSpec.of(Algorithm.KMS);
    private static final EncryptionSpec CMK = EncryptionSpec.of(Algorithm.KMS, Optional.of("cmk-1"), Optional.empty(),
            false);
    private static final Encryption KMS_DEFAULT = Encryption.of(Optional.of("KMS"), Optional.of("managed"),
            Optional.empty());

    private final List<CanaryResult> results = new ArrayList<>();

    /** A canary of rule {@code ruleId} in {@code bucket} that ended as {@code ended}, all else kept. */
    private CanaryResult canary(String bucket, String ruleId, EncryptionSpec spec, Encryption ended) {
        return canary(bucket, ruleId, spec, Canary.Kind.PLAINTEXT, ended, SENT.userMetadata());
    }

    private CanaryResult canary(String bucket, String ruleId, EncryptionSpec spec, Canary.Kind kind, Encryption ended,
            Map<String, String> metadata) {
        Canary c = new Canary(bucket, "canary/" + ruleId + "/" + kind.label(),
                CanaryPlannerTest.rule(ruleId, "", "", List.of(), spec, Mode.ENFORCE), kind, Optional.empty());
        CanaryState first = state(c, kind.uploadedWith(), SENT.userMetadata());
        CanaryState last = state(c, ended, metadata);
        boolean changed = !ended.equals(kind.uploadedWith());
        Observation o = new Observation(c, SENT, Optional.of("42"), Optional.of(first), Optional.of(last),
                changed ? Optional.of(Duration.ofMillis(700)) : Optional.empty(), Duration.ofMillis(300),
                Optional.empty(), false);
        CanaryResult r = CanaryCheck.check(o);
        results.add(r);
        return r;
    }

    private static Canary plaintextOfRuleA() {
        return new Canary("bkt", "canary/a/plaintext", CanaryPlannerTest.rule("a", AES), Canary.Kind.PLAINTEXT,
                Optional.empty());
    }

    private static CanaryState state(Canary c, Encryption encryption, Map<String, String> metadata) {
        return new CanaryState(ObjectState.builder(c.bucket(), c.key()).encryption(encryption).eTag("e")
                .size(SENT.bytes().length).crc64(Optional.of("42")).contentHeaders(SENT.contentHeaders())
                .userMetadata(metadata).build(), SENT.tags(), SENT.acl());
    }

    private String causeOf(CanaryResult r) {
        return Diagnosis.explain(results, TIMEOUT).get(results.indexOf(r)).cause().orElseThrow();
    }

    @Test
    void kmsCanariesLeftAloneWhileOthersWereRewrittenPointAtTheRolesKmsPermissions() {
        canary("bkt", "sse", AES, Encryption.of(Algorithm.AES256));
        CanaryResult kms = canary("bkt", "kms", KMS, Encryption.NONE);

        assertTrue(causeOf(kms).startsWith("not enforced within 120 s: still none; canaries of non-KMS rules were"
                + " enforced and no KMS one was: the function's role likely lacks kms:GenerateDataKey/kms:Decrypt"),
                causeOf(kms));
    }

    @Test
    void aCmkCanaryLeftAloneWhileAnotherKmsKeyWorkedNamesThatCmk() {
        canary("bkt", "kms", KMS, KMS_DEFAULT);
        CanaryResult cmk = canary("bkt", "cmk", CMK, Encryption.NONE);

        assertTrue(causeOf(cmk).contains("canaries of other KMS keys were enforced, none with CMK cmk-1: the"
                + " function's role likely lacks kms:GenerateDataKey/kms:Decrypt on that key"), causeOf(cmk));
    }

    @Test
    void aCanaryLeftAloneWhileOthersOfItsBucketWereRewrittenPointsAtTheTriggersFilter() {
        canary("bkt", "a", AES, Encryption.of(Algorithm.AES256));
        CanaryResult b = canary("bkt", "b", AES, Encryption.NONE);

        assertTrue(causeOf(b).contains("other canaries of bucket bkt were rewritten: no trigger covers canary/b/"
                + "plaintext"), causeOf(b));
    }

    @Test
    void aBucketWithNothingRewrittenWhileOthersWerePointsAtItsMissingTrigger() {
        canary("first", "a", AES, Encryption.of(Algorithm.AES256));
        CanaryResult other = canary("second", "a", AES, Encryption.NONE);

        assertTrue(causeOf(other).contains("canaries of other buckets were rewritten, none of second: no OSS trigger"
                + " of the function fires for second"), causeOf(other));
    }

    @Test
    void nothingRewrittenAnywhereSaysSoWithTheTimeout() {
        CanaryResult only = canary("bkt", "a", KMS, Encryption.NONE);

        assertTrue(causeOf(only).startsWith("not enforced within 120 s: still none; no canary in any bucket was"
                + " rewritten"), causeOf(only));
    }

    @Test
    void aRewriteThatLostMetadataNamesWhatWasLost() {
        CanaryResult damaged = canary("bkt", "a", AES, Canary.Kind.PLAINTEXT, Encryption.of(Algorithm.AES256),
                Map.of("purpose", "oss-sse-enforcer-canary"));

        assertEquals(CanaryResult.Finding.DAMAGED, damaged.finding());
        assertTrue(causeOf(damaged).startsWith("the function's rewrite did not keep everything: user metadata changed"
                + " from"), causeOf(damaged));
    }

    @Test
    void aCanaryDeletedWhileWatchedPointsAtWhateverDeletesUnderItsFolder() {
        Canary c = plaintextOfRuleA();
        CanaryResult gone = CanaryCheck.check(new Observation(c, SENT, Optional.of("42"),
                Optional.of(state(c, Encryption.NONE, SENT.userMetadata())), Optional.empty(),
                Optional.of(Duration.ofMillis(500)), Duration.ofMillis(100), Optional.empty(), false));
        results.add(gone);

        assertEquals(CanaryResult.Finding.GONE, gone.finding());
        assertEquals("the canary was deleted while it was watched: a lifecycle rule, a sync job or someone else"
                + " deletes objects under canary/a/", causeOf(gone));
    }

    @Test
    void aCanaryThisIdentityMayNotReadPointsAtTheCommandsOwnPolicy() {
        Canary c = plaintextOfRuleA();
        CanaryResult unreadable = CanaryCheck.check(new Observation(c, SENT, Optional.of("42"), Optional.empty(),
                Optional.empty(), Optional.empty(), Duration.ZERO, Optional.of(new Observation.Failure("read",
                        Optional.of("AccessDenied"), "HeadObject failed")), false));
        results.add(unreadable);

        assertEquals(CanaryResult.Finding.UNREADABLE, unreadable.finding());
        assertTrue(causeOf(unreadable).startsWith("this command's identity may not read the canary"),
                causeOf(unreadable));
    }

    @Test
    void anUploadDeniedPointsAtTheCommandsOwnPolicy() {
        Canary c = plaintextOfRuleA();
        CanaryResult denied = CanaryCheck.check(Observation.notUploaded(c, SENT, new Observation.Failure("upload",
                Optional.of("AccessDenied"), "PutObject failed")));
        results.add(denied);

        assertEquals("this command's identity may not upload to bkt/canary/a/", causeOf(denied));
        assertTrue(Diagnosis.explain(results, TIMEOUT).get(0).fix().orElseThrow()
                .startsWith("attach docs/ram-policy-verify.json"));
    }
}
