package io.ossenforcer.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.rules.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON lines scripts read: their fields are a contract. */
class CanaryReportTest {
    private static final CanaryContent SENT = CanaryContent.forRun("run-1");

    private static CanaryState state(Encryption encryption) {
        return new CanaryState(ObjectState.builder("bkt", "canary/run-1/cmk/plaintext").encryption(encryption)
                .eTag("e").size(SENT.bytes().length).crc64(Optional.of("42")).contentHeaders(SENT.contentHeaders())
                .userMetadata(SENT.userMetadata()).build(), SENT.tags(), SENT.acl());
    }

    private static CanaryResult enforced() {
        EncryptionSpec cmk = EncryptionSpec.of(Algorithm.KMS, Optional.of("cmk-1"), Optional.empty(), false);
        Canary c = new Canary("bkt", "canary/run-1/cmk/plaintext", CanaryPlannerTest.rule("cmk", "", "", List.of(),
                cmk, Mode.ENFORCE), Canary.Kind.PLAINTEXT, Optional.empty());
        Encryption kms = Encryption.of(Optional.of("KMS"), Optional.of("cmk-1"), Optional.empty());
        return CanaryCheck.check(new Observation(c, SENT, Optional.of("42"), Optional.of(state(Encryption.NONE)),
                Optional.of(state(kms)), Optional.of(Duration.ofMillis(780)), Duration.ofMillis(120),
                Optional.empty(), false));
    }

    @Test
    void aCanaryLineNamesTheCanaryItsExpectationWhatItBecameAndTheWindow() {
        assertEquals("{\"type\":\"canary\",\"runId\":\"run-1\",\"bucket\":\"bkt\",\"key\":\"canary/run-1/cmk/plaintext\","
                + "\"ruleId\":\"cmk\",\"mode\":\"enforce\",\"canary\":\"plaintext\",\"uploadedWith\":{\"encryption\":"
                + "\"none\"},\"expected\":\"KMS(key=cmk-1)\",\"observed\":{\"encryption\":\"KMS\",\"kmsKeyId\":\"cmk-1\"},"
                + "\"verdict\":\"PASS\",\"finding\":\"ENFORCED\",\"exposureWindowMs\":780,\"exposureWindowAtLeastMs\":120}",
                CanaryReport.line("run-1", enforced()));
    }

    @Test
    void theRunLineGivesTheVerdictTheLongestWindowAndWhatWasLeft() {
        CanaryResult r = enforced();
        VerificationRun run = new VerificationRun(new CanaryPlan("run-1", List.of(r.canary()), List.of()), List.of(r),
                List.of("a note"), List.of("oss://bkt/canary/run-1/cmk/plaintext"), List.of());

        assertEquals("{\"type\":\"run\",\"runId\":\"run-1\",\"verdict\":\"PASS\",\"canaries\":1,\"failed\":0,"
                + "\"longestExposureWindowMs\":780,\"untested\":[],\"notes\":[\"a note\"],\"removed\":1,"
                + "\"leftInPlace\":[]}", CanaryReport.summary(run));
    }
}
