package io.ossenforcer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.event.BucketName;
import io.ossenforcer.testing.HostileJson;
import io.ossenforcer.testing.ReadableProblems;
import io.ossenforcer.testing.SeededCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever a rules file holds, {@link RulesParser#load} returns rules that keep the documented invariants
 * or throws {@link RulesException} whose every problem names a JSON path or what is wrong with the file as a whole.
 * Never another exception, a stack overflow or a hang. Inputs: hostile variants of every valid fixture, read from a
 * file exactly as {@code RULES_FILE} is.
 */
class RulesParserFuzzTest {
    private static final Path VALID = Path.of("test-fixtures/rules/valid");
    /** Rules have no count cap of their own: arrays near 10,000 stress the shadowing check, not a limit. */
    private static final int LARGE_ARRAY = 10_000;

    private static List<HostileJson> generators() throws IOException {
        try (Stream<Path> files = Files.list(VALID)) {
            return files.sorted().map(RulesParserFuzzTest::generator).toList();
        }
    }

    private static HostileJson generator(Path fixture) {
        try {
            return new HostileJson(Files.readString(fixture), RulesParser.LIMITS.maxDepth(), LARGE_ARRAY);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Timeout(120) // a hang guard, not a speed target
    void hostileRulesLoadKeepingTheirInvariantsOrAreRefusedWithProblemsNamingWhere(@TempDir Path dir)
            throws IOException {
        List<HostileJson> generators = generators();
        Path file = dir.resolve("rules.json");

        SeededCases.run(20261127L, 2000, (random, i) -> {
            Files.write(file, generators.get(i % generators.size()).variant(random));
            try {
                RuleSet rules = RulesParser.load(file);
                assertInvariants(rules);
                assertEquals(rules, RulesParser.load(file), "loading is deterministic");
            } catch (RulesException e) {
                assertNamesWhere(e, file);
            }
        });
    }

    @Test
    @Timeout(120)
    void rulesWithArraysOfTenThousandLoadOrAreRefusedWithProblemsNamingWhere(@TempDir Path dir) throws IOException {
        List<HostileJson> generators = generators();
        Path file = dir.resolve("rules.json");

        SeededCases.run(13L, generators.size(), (random, i) -> {
            Files.write(file, generators.get(i % generators.size()).withHugeArray(random));
            try {
                assertInvariants(RulesParser.load(file));
            } catch (RulesException e) {
                assertNamesWhere(e, file);
            }
        });
    }

    private static void assertInvariants(RuleSet rules) {
        assertFalse(rules.buckets().isEmpty(), "rules name at least one bucket");
        Set<String> ids = new HashSet<>();
        for (String bucket : rules.buckets()) {
            assertTrue(BucketName.isValid(bucket), bucket);
            assertFalse(rules.rulesFor(bucket).isEmpty(), bucket);
            for (Rule rule : rules.rulesFor(bucket)) {
                assertFalse(rule.id().isBlank(), rule::toString);
                assertTrue(ids.add(rule.id()), () -> "duplicate id " + rule.id());
                rule.prefix().ifPresent(p -> assertFalse(p.isEmpty(), rule::toString));
                rule.suffix().ifPresent(p -> assertFalse(p.isEmpty(), rule::toString));
                rule.exclude().forEach(x -> assertFalse(x.isEmpty(), rule::toString));
                EncryptionSpec spec = rule.encryption();
                assertTrue(spec.kmsKeyId().isEmpty() || spec.algorithm() == Algorithm.KMS, rule::toString);
                assertTrue(spec.dataEncryption().isEmpty() || spec.algorithm() == Algorithm.KMS, rule::toString);
            }
        }
    }

    private static void assertNamesWhere(RulesException e, Path file) {
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e::getMessage);
        ReadableProblems.assertReadable(e.problems());
    }
}
