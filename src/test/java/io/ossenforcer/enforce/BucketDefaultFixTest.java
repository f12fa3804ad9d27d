package io.ossenforcer.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.rules.Mode;
import io.ossenforcer.rules.PreviousVersions;
import io.ossenforcer.rules.Rule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BucketDefaultFixTest {
    private static final EncryptionSpec CMK = EncryptionSpec.of(Algorithm.KMS, Optional.of("cmk-1"), Optional.empty(),
            false);

    private static Rule rule(String id, EncryptionSpec spec, Mode mode) {
        return Rule.of(id, Optional.empty(), Optional.empty(), List.of(), spec, mode, PreviousVersions.KEEP);
    }

    private static Optional<Encryption> current(String algorithm, String key) {
        return Optional.of(Encryption.of(Optional.of(algorithm), Optional.ofNullable(key), Optional.empty()));
    }

    @Test
    void noDefaultGetsTheOneEncryptionTheRulesAskFor() {
        BucketDefaultFix fix = BucketDefaultFix.plan(Optional.empty(), List.of(rule("a", CMK, Mode.ENFORCE)));
        assertEquals(Optional.of(CMK), fix.target());
    }

    @Test
    void rulesThatDifferOnlyInExactnessAgree() {
        EncryptionSpec exact = EncryptionSpec.of(Algorithm.KMS, Optional.of("cmk-1"), Optional.empty(), true);
        BucketDefaultFix fix = BucketDefaultFix.plan(Optional.empty(),
                List.of(rule("a", CMK, Mode.ENFORCE), rule("b", exact, Mode.ENFORCE)));
        assertEquals(Optional.of(CMK), fix.target());
    }

    @Test
    void auditRulesAreNotAskedFor() {
        BucketDefaultFix fix = BucketDefaultFix.plan(Optional.empty(), List.of(rule("a", CMK, Mode.AUDIT)));
        assertEquals(Optional.empty(), fix.target());
    }

    @Test
    void aWeakerDefaultIsStrengthened() {
        BucketDefaultFix fix = BucketDefaultFix.plan(current("AES256", null), List.of(rule("a", CMK, Mode.ENFORCE)));
        assertEquals(Optional.of(CMK), fix.target());
        assertTrue(fix.reason().startsWith("changed from AES256"), fix.reason());
    }

    @Test
    void anSm4DefaultIsNotReplacedByKmsWithoutSm4() {
        BucketDefaultFix fix = BucketDefaultFix.plan(current("SM4", null), List.of(rule("a", CMK, Mode.ENFORCE)));
        assertEquals(Optional.empty(), fix.target());
    }

    @Test
    void anUnknownDefaultAlgorithmIsLeftAlone() {
        BucketDefaultFix fix = BucketDefaultFix.plan(current("DES", null), List.of(rule("a", CMK, Mode.ENFORCE)));
        assertEquals(Optional.empty(), fix.target());
    }
}
