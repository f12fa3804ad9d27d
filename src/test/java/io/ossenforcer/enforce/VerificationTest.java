package io.ossenforcer.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerificationTest {
    private static final EncryptionSpec AES = EncryptionSpec.of(Algorithm.AES256);

    private static ObjectState.Builder before() {
        return ObjectState.builder("b", "k").eTag("E").size(10).crc64(Optional.of("123")).storageClass("IA")
                .contentHeaders(Map.of("Content-Type", "text/csv")).userMetadata(Map.of("owner", "bob"));
    }

    private static ObjectState.Builder encrypted() {
        return before().encryption(Encryption.of(Algorithm.AES256));
    }

    @Test
    void aRewriteThatOnlyChangedTheEncryptionVerifies() {
        assertEquals(List.of(), Verification.problems(before().build(), encrypted().build(), AES));
    }

    @Test
    void anEncryptionThatStillFallsShortIsAProblem() {
        List<String> problems = Verification.problems(before().build(), before().build(), AES);

        assertEquals(List.of("encryption is none, wanted AES256"), problems);
    }

    @Test
    void aChangedSizeIsAProblem() {
        List<String> problems = Verification.problems(before().build(), encrypted().size(9).build(), AES);

        assertEquals(List.of("size changed from 10 to 9"), problems);
    }

    @Test
    void aChangedOrMissingCrc64IsAProblem() {
        assertEquals(List.of("CRC64 changed from 123 to 124"),
                Verification.problems(before().build(), encrypted().crc64(Optional.of("124")).build(), AES));
        assertEquals(List.of("CRC64 changed from 123 to (none)"),
                Verification.problems(before().build(), encrypted().crc64(Optional.empty()).build(), AES));
    }

    @Test
    void aChangedStorageClassIsAProblem() {
        List<String> problems = Verification.problems(before().build(), encrypted().storageClass("Standard").build(),
                AES);

        assertEquals(List.of("storage class changed from IA to Standard"), problems);
    }

    @Test
    void lostContentHeadersOrUserMetadataAreProblems() {
        List<String> problems = Verification.problems(before().build(),
                encrypted().contentHeaders(Map.of()).userMetadata(Map.of()).build(), AES);

        assertEquals(2, problems.size());
        assertTrue(problems.get(0).startsWith("content headers changed"), problems.get(0));
        assertTrue(problems.get(1).startsWith("user metadata changed"), problems.get(1));
    }
}
