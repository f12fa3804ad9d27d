package io.ossenforcer.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.rules.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One canary judged from its first and last reads. */
class CanaryCheckTest {
    private static final CanaryContent SENT = CanaryContent.forRun("run");
    private static final Encryption AES = Encryption.of(Algorithm.AES256);
    private static final Encryption KMS = Encryption.of(Optional.of("KMS"), Optional.of("managed"), Optional.empty());

    private static Canary canary(Mode mode) {
        return new Canary("bkt", "canary/r/plaintext", CanaryPlannerTest.rule("r", "", "", List.of(),
                EncryptionSpec.of(Algorithm.KMS), mode), Canary.Kind.PLAINTEXT, Optional.empty());
    }

    private static CanaryState state(Encryption encryption, String eTag, Map<String, String> tags) {
        return new CanaryState(ObjectState.builder("bkt", "canary/r/plaintext").encryption(encryption).eTag(eTag)
                .size(SENT.bytes().length).crc64(Optional.of("42")).contentHeaders(SENT.contentHeaders())
                .userMetadata(SENT.userMetadata()).build(), tags, SENT.acl());
    }

    private static CanaryResult check(Mode mode, CanaryState first, CanaryState last) {
        return check(mode, first, last, false);
    }

    private static CanaryResult check(Mode mode, CanaryState first, CanaryState last, boolean encryptedOnArrival) {
        return CanaryCheck.check(new Observation(canary(mode), SENT, Optional.of("42"), Optional.of(first),
                Optional.of(last), Optional.of(Duration.ofMillis(500)), Duration.ofMillis(100), Optional.empty(),
                encryptedOnArrival));
    }

    @Test
    void aPlaintextCanaryRewrittenWithTheRulesEncryptionAndAllElseKeptIsEnforced() {
        CanaryResult r = check(Mode.ENFORCE, state(Encryption.NONE, "e", SENT.tags()), state(KMS, "e", SENT.tags()));

        assertEquals(CanaryResult.Finding.ENFORCED, r.finding());
        assertEquals(Optional.of(Duration.ofMillis(500)), r.window());
    }

    @Test
    void aCanaryTheBucketsDefaultEncryptionEncryptedOnArrivalPassesWithoutAWindow() {
        CanaryResult r = check(Mode.ENFORCE, state(KMS, "e", SENT.tags()), state(KMS, "e", SENT.tags()), true);

        assertEquals(CanaryResult.Finding.ENCRYPTED_ON_ARRIVAL, r.finding());
        assertTrue(r.pass());
        assertEquals(Optional.empty(), r.window());
    }

    @Test
    void aRewriteThatLostTheTagsIsDamaged() {
        CanaryResult r = check(Mode.ENFORCE, state(Encryption.NONE, "e", SENT.tags()), state(KMS, "e", Map.of()));

        assertEquals(CanaryResult.Finding.DAMAGED, r.finding());
        assertEquals(List.of("tags changed from " + SENT.tags() + " to {}"), r.problems());
    }

    @Test
    void anAuditCanaryEncryptedOnArrivalAndNotTouchedSinceIsUntouched() {
        CanaryResult r = check(Mode.AUDIT, state(AES, "e", SENT.tags()), state(AES, "e", SENT.tags()), true);

        assertEquals(CanaryResult.Finding.UNTOUCHED, r.finding());
    }

    @Test
    void aCanaryTheFunctionRewroteBeforeTheFirstReadIsEnforcedNotEncryptedOnArrival() {
        CanaryResult r = check(Mode.ENFORCE, state(KMS, "e", SENT.tags()), state(KMS, "e", SENT.tags()), false);

        assertEquals(CanaryResult.Finding.ENFORCED, r.finding());
    }

    @Test
    void anAuditCanaryEncryptedBeforeTheFirstReadWithoutABucketDefaultHasChanged() {
        CanaryResult r = check(Mode.AUDIT, state(AES, "e", SENT.tags()), state(AES, "e", SENT.tags()), false);

        assertEquals(CanaryResult.Finding.CHANGED, r.finding());
        assertEquals(List.of("encryption changed from none to AES256 before the first read, which the bucket's"
                + " default encryption does not explain"), r.problems());
    }

    @Test
    void anAuditCanaryWrittenAgainWithTheSameEncryptionHasChanged() {
        CanaryResult r = check(Mode.AUDIT, state(Encryption.NONE, "e1", SENT.tags()),
                state(Encryption.NONE, "e2", SENT.tags()));

        assertEquals(CanaryResult.Finding.CHANGED, r.finding());
        assertEquals(List.of("ETag changed from e1 to e2"), r.problems());
    }
}
