package io.ossenforcer.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionTest {
    private static final EncryptionSpec KMS = EncryptionSpec.of(Algorithm.KMS);

    private static ObjectState.Builder object() {
        return ObjectState.builder("b", "k").eTag("E");
    }

    @Test
    void anObjectThatSatisfiesItsSpecIsCompliant() {
        ObjectState state = object().encryption(Encryption.of(Algorithm.KMS)).build();

        assertEquals(Decision.Kind.COMPLIANT, Decision.decide(KMS, state).kind());
    }

    @Test
    void aPlaintextObjectMustBeRewritten() {
        Decision decision = Decision.decide(KMS, object().build());

        assertEquals(Decision.Kind.REWRITE, decision.kind());
        assertTrue(decision.reason().contains("none does not satisfy KMS"), decision.reason());
    }

    @Test
    void aWeakerEncryptionMustBeRewritten() {
        ObjectState state = object().encryption(Encryption.of(Algorithm.AES256)).build();

        assertEquals(Decision.Kind.REWRITE, Decision.decide(KMS, state).kind());
    }

    @Test
    void aSymlinkIsSkippedBecauseACopyWouldCopyTheLink() {
        ObjectState state = object().objectType(ObjectState.SYMLINK).build();

        Decision decision = Decision.decide(KMS, state);

        assertEquals(Decision.Kind.SKIP, decision.kind());
        assertTrue(decision.reason().contains("symlink"), decision.reason());
    }

    @Test
    void anAppendableObjectIsSkippedBecauseCopyCannotChangeItsEncryption() {
        ObjectState state = object().objectType(ObjectState.APPENDABLE).build();

        Decision decision = Decision.decide(KMS, state);

        assertEquals(Decision.Kind.SKIP, decision.kind());
        assertTrue(decision.reason().contains("appendable"), decision.reason());
    }

    @Test
    void aCompliantAppendableObjectIsCompliantNotSkipped() {
        ObjectState state = object().objectType(ObjectState.APPENDABLE).encryption(Encryption.of(Algorithm.KMS))
                .build();

        assertEquals(Decision.Kind.COMPLIANT, Decision.decide(KMS, state).kind());
    }

    @Test
    void anArchiveObjectThatWasNeverRestoredIsSkippedWithItsStorageClass() {
        ObjectState state = object().storageClass("ColdArchive").build();

        Decision decision = Decision.decide(KMS, state);

        assertEquals(Decision.Kind.SKIP, decision.kind());
        assertTrue(decision.reason().contains("ColdArchive"), decision.reason());
    }

    @Test
    void anArchiveObjectStillBeingRestoredIsSkipped() {
        ObjectState state = object().storageClass("Archive").restore(Optional.of("ongoing-request=\"true\"")).build();

        assertEquals(Decision.Kind.SKIP, Decision.decide(KMS, state).kind());
    }

    @Test
    void aRestoredArchiveObjectIsRewrittenLikeAnyOther() {
        ObjectState state = object().storageClass("Archive")
                .restore(Optional.of("ongoing-request=\"false\", expiry-date=\"Sun, 16 Apr 2028 08:12:33 GMT\""))
                .build();

        assertEquals(Decision.Kind.REWRITE, Decision.decide(KMS, state).kind());
    }

    @Test
    void anInfrequentAccessObjectIsNotTreatedAsArchive() {
        ObjectState state = object().storageClass("IA").build();

        assertEquals(Decision.Kind.REWRITE, Decision.decide(KMS, state).kind());
    }
}
