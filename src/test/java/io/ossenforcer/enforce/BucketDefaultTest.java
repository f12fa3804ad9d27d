package io.ossenforcer.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.rules.Mode;
import io.ossenforcer.rules.Rule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BucketDefaultTest {
    private static Rule rule(String id, EncryptionSpec spec) {
        return Rule.of(id, Optional.empty(), Optional.empty(), List.of(), spec, Mode.ENFORCE);
    }

    private static final Rule AES = rule("aes", EncryptionSpec.of(Algorithm.AES256));
    private static final Rule CMK = rule("cmk", EncryptionSpec.of(Algorithm.KMS, Optional.of("k1"), Optional.empty(),
            false));

    @Test
    void noDefaultEncryptionIsDrift() {
        assertEquals(BucketDefault.Verdict.NONE, BucketDefault.assess(Optional.empty(), List.of(AES)).verdict());
    }

    @Test
    void aDefaultThatSatisfiesEveryRuleIsOk() {
        Encryption cmk = Encryption.of(Optional.of("KMS"), Optional.of("k1"), Optional.empty());

        assertEquals(BucketDefault.Verdict.OK, BucketDefault.assess(Optional.of(cmk), List.of(AES, CMK)).verdict());
    }

    @Test
    void aDefaultWeakerThanSomeRuleNamesThoseRules() {
        BucketDefault verdict = BucketDefault.assess(Optional.of(Encryption.of(Algorithm.AES256)), List.of(AES, CMK));

        assertEquals(BucketDefault.Verdict.WEAKER, verdict.verdict());
        assertEquals("weaker than rule(s) cmk (KMS(key=k1))", verdict.reason());
    }

    @Test
    void aDefaultWithTheManagedKeyDoesNotMeetARuleNamingACmk() {
        BucketDefault verdict = BucketDefault.assess(Optional.of(Encryption.of(Algorithm.KMS)), List.of(CMK));

        assertTrue(verdict.reason().contains("cmk"), verdict.reason());
    }
}
