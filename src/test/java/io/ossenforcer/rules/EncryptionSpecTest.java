package io.ossenforcer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EncryptionSpecTest {
    /**
     * Which current encryption (columns) meets which spec (rows): a spec is a minimum unless it is exact. FUTURE is an
     * algorithm this code does not know; kms is KMS as a server might spell it in lower case.
     */
    private static final String SATISFACTION = """
            spec                 | none | AES256 | SM4 | KMS | KMS(k1) | KMS(k2) | KMS+SM4 | KMS(k1)+SM4 | FUTURE | kms
            AES256               | no   | yes    | yes | yes | yes     | yes     | yes     | yes         | yes    | yes
            exactly AES256       | no   | yes    | no  | no  | no      | no      | no      | no          | no     | no
            SM4                  | no   | no     | yes | no  | no      | no      | yes     | yes         | no     | no
            exactly SM4          | no   | no     | yes | no  | no      | no      | no      | no          | no     | no
            KMS                  | no   | no     | no  | yes | yes     | yes     | yes     | yes         | no     | yes
            exactly KMS          | no   | no     | no  | yes | yes     | yes     | no      | no          | no     | yes
            KMS(k1)              | no   | no     | no  | no  | yes     | no      | no      | yes         | no     | no
            exactly KMS(k1)      | no   | no     | no  | no  | yes     | no      | no      | no          | no     | no
            KMS+SM4              | no   | no     | no  | no  | no      | no      | yes     | yes         | no     | no
            exactly KMS+SM4      | no   | no     | no  | no  | no      | no      | yes     | yes         | no     | no
            KMS(k1)+SM4          | no   | no     | no  | no  | no      | no      | no      | yes         | no     | no
            exactly KMS(k1)+SM4  | no   | no     | no  | no  | no      | no      | no      | yes         | no     | no
            """;

    private static final Map<String, Encryption> CURRENT = Map.of(
            "none", Encryption.NONE,
            "AES256", current("AES256", null, null),
            "SM4", current("SM4", null, null),
            "KMS", current("KMS", null, null),
            "KMS(k1)", current("KMS", "k1", null),
            "KMS(k2)", current("KMS", "k2", null),
            "KMS+SM4", current("KMS", null, "SM4"),
            "KMS(k1)+SM4", current("KMS", "k1", "SM4"),
            "FUTURE", current("FUTURE", null, null),
            "kms", current("kms", null, null));

    private static Encryption current(String algorithm, String keyId, String dataEncryption) {
        return Encryption.of(Optional.of(algorithm), Optional.ofNullable(keyId), Optional.ofNullable(dataEncryption));
    }

    /** Reads a row name such as {@code exactly KMS(k1)+SM4}. */
    private static EncryptionSpec spec(String name) {
        boolean exact = name.startsWith("exactly ");
        String rest = exact ? name.substring("exactly ".length()) : name;
        Optional<Algorithm> dataEncryption = rest.endsWith("+SM4") ? Optional.of(Algorithm.SM4) : Optional.empty();
        rest = rest.replace("+SM4", "");
        Optional<String> keyId = rest.contains("(") ? Optional.of(rest.substring(4, rest.length() - 1)) : Optional.empty();
        Algorithm algorithm = Algorithm.valueOf(rest.replaceAll("\\(.*\\)", ""));
        return EncryptionSpec.of(algorithm, keyId, dataEncryption, exact);
    }

    static Stream<Arguments> satisfaction() {
        List<String[]> rows = SATISFACTION.lines().map(line -> line.split("\\s*\\|\\s*")).toList();
        String[] columns = rows.get(0);
        List<Arguments> cases = new ArrayList<>();
        for (String[] row : rows.subList(1, rows.size())) {
            for (int c = 1; c < columns.length; c++) {
                cases.add(Arguments.of(row[0].trim(), columns[c].trim(), row[c].trim().equals("yes")));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} satisfied by {1}: {2}")
    @MethodSource("satisfaction")
    void isSatisfiedExactlyAsTheTableSays(String spec, String current, boolean satisfied) {
        assertEquals(satisfied, spec(spec).satisfiedBy(CURRENT.get(current)));
    }

    @Test
    void theTableCoversEveryAlgorithmExactAndNot() {
        List<String> specs = satisfaction().map(a -> (String) a.get()[0]).distinct().toList();

        for (Algorithm algorithm : Algorithm.values()) {
            assertTrue(specs.contains(algorithm.name()), algorithm::name);
            assertTrue(specs.contains("exactly " + algorithm.name()), algorithm::name);
        }
        assertEquals(CURRENT.keySet().size(), satisfaction().map(a -> a.get()[1]).distinct().count());
    }

    @Test
    void refusesAKeyIdWithoutKms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EncryptionSpec.of(Algorithm.AES256, Optional.of("k1"), Optional.empty(), false));

        assertEquals("kmsKeyId is only allowed with algorithm KMS, not AES256", e.getMessage());
    }

    @Test
    void refusesABlankKeyId() {
        assertThrows(IllegalArgumentException.class,
                () -> EncryptionSpec.of(Algorithm.KMS, Optional.of(" "), Optional.empty(), false));
    }

    @Test
    void refusesAKeyIdHoldingWhitespaceControlsOrNonAscii() {
        for (String keyId : List.of("key\r\nX-Injected: 1", "my key", "key\t", "\u0000key", "k\u00e9y", "key\u007f")) {
            assertThrows(IllegalArgumentException.class,
                    () -> EncryptionSpec.of(Algorithm.KMS, Optional.of(keyId), Optional.empty(), false), keyId);
        }
    }

    @Test
    void acceptsKeyIdsAliasesAndArns() {
        for (String keyId : List.of("33701a45-6723-4a04-a367-68c060382652", "key-hzz62f1cb66fa42qo****",
                "alias/finance_docs", "acs:kms:cn-hangzhou:1234567890123456:key/key-hzz62f1cb66fa42qo****")) {
            assertEquals(Optional.of(keyId),
                    EncryptionSpec.of(Algorithm.KMS, Optional.of(keyId), Optional.empty(), false).kmsKeyId());
        }
    }

    @Test
    void refusesDataEncryptionWithoutKms() {
        for (Algorithm algorithm : Arrays.asList(Algorithm.AES256, Algorithm.SM4)) {
            assertThrows(IllegalArgumentException.class,
                    () -> EncryptionSpec.of(algorithm, Optional.empty(), Optional.of(Algorithm.SM4), false));
        }
    }

    @Test
    void refusesDataEncryptionOtherThanSm4() {
        assertThrows(IllegalArgumentException.class,
                () -> EncryptionSpec.of(Algorithm.KMS, Optional.empty(), Optional.of(Algorithm.AES256), false));
    }

    @Test
    void describesItselfBriefly() {
        assertEquals("exactly KMS(key=k1)+SM4", spec("exactly KMS(k1)+SM4").describe());
        assertEquals("AES256", EncryptionSpec.of(Algorithm.AES256).describe());
    }

    @Test
    void isAValue() {
        assertEquals(spec("KMS(k1)+SM4"), spec("KMS(k1)+SM4"));
        assertEquals(spec("KMS(k1)+SM4").hashCode(), spec("KMS(k1)+SM4").hashCode());
        assertNotEquals(spec("KMS"), spec("exactly KMS"));
    }
}
