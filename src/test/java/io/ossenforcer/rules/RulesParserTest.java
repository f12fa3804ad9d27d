package io.ossenforcer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RulesParserTest {
    private static final Path VALID = Path.of("test-fixtures/rules/valid");
    private static final Path INVALID = Path.of("test-fixtures/rules/invalid");
    private static final String ALLOWED_RULE_FIELDS =
            "(allowed: id, prefix, suffix, exclude, encryption, mode, previousVersions)";
    private static final String BUCKET_NAME_RULE = " is not a bucket name (3 to 63 lowercase letters, digits and"
            + " hyphens, not starting or ending with a hyphen)";
    private static final String DUPLICATE_ID_WHY = "; ids are unique across the file because outcomes are reported"
            + " by rule id";

    /** Every invalid fixture and exactly the problems it must be refused with. */
    private static final Map<String, List<String>> INVALID_FIXTURES = Map.ofEntries(
            Map.entry("bad-json.json", List.of("invalid JSON at line 3 column 81: not strict JSON (no comments, single"
                    + " quotes, unquoted names, NaN, leading zeros or trailing data)")),
            Map.entry("not-utf8.json", List.of("invalid UTF-8 at byte offset 42")),
            Map.entry("duplicate-field.json", List.of("$.buckets.abc.rules[0].prefix: duplicate field \"prefix\"")),
            Map.entry("top-level-not-object.json", List.of("$: expected an object, found array")),
            Map.entry("missing-buckets.json", List.of("$.bucket: unknown field (allowed: buckets)",
                    "$.buckets: missing")),
            Map.entry("empty-buckets.json", List.of("$.buckets: empty, expected at least one bucket")),
            Map.entry("invalid-bucket-name.json", List.of("$.buckets.Finance_Docs: \"Finance_Docs\"" + BUCKET_NAME_RULE)),
            Map.entry("bucket-without-rules.json", List.of("$.buckets.abc.rules: missing")),
            Map.entry("bucket-with-empty-rules.json", List.of("$.buckets.abc.rules: empty, expected at least one rule")),
            Map.entry("missing-id.json", List.of("$.buckets.abc.rules[0].id: missing")),
            Map.entry("empty-id.json", List.of("$.buckets.abc.rules[0].id: empty")),
            Map.entry("duplicate-id.json", List.of("$.buckets.xyz.rules[0].id: duplicate id \"same\" (first used at"
                    + " $.buckets.abc.rules[0].id)" + DUPLICATE_ID_WHY)),
            Map.entry("missing-encryption.json", List.of("$.buckets.abc.rules[0].encryption: missing")),
            Map.entry("unknown-algorithm.json", List.of("$.buckets.abc.rules[0].encryption.algorithm: \"aes256\" is"
                    + " not an algorithm (allowed: AES256, KMS, SM4)")),
            Map.entry("kms-key-without-kms.json", List.of("$.buckets.abc.rules[0].encryption.kmsKeyId: kmsKeyId is"
                    + " only allowed with algorithm KMS, not AES256")),
            Map.entry("data-encryption-not-sm4.json", List.of("$.buckets.abc.rules[0].encryption.dataEncryption:"
                    + " dataEncryption must be SM4, not AES256")),
            Map.entry("data-encryption-without-kms.json", List.of("$.buckets.abc.rules[0].encryption.dataEncryption:"
                    + " dataEncryption is only allowed with algorithm KMS, not SM4")),
            Map.entry("wrong-types.json", List.of(
                    "$.buckets.abc.rules[0].id: expected a string, found number",
                    "$.buckets.abc.rules[0].prefix: expected a string, found array",
                    "$.buckets.abc.rules[0].exclude: expected an array, found string",
                    "$.buckets.abc.rules[0].mode: expected a string, found boolean",
                    "$.buckets.abc.rules[0].encryption.kmsKeyId: expected a string, found number",
                    "$.buckets.abc.rules[0].encryption.exact: expected a boolean, found string")),
            Map.entry("empty-strings.json", List.of(
                    "$.buckets.abc.rules[0].prefix: empty (leave the field out to match every key)",
                    "$.buckets.abc.rules[0].suffix: empty (leave the field out to match every key)",
                    "$.buckets.abc.rules[0].exclude[1]: empty (it would exclude every key)")),
            Map.entry("unknown-fields.json", List.of(
                    "$.version: unknown field (allowed: buckets)",
                    "$.buckets.abc.comment: unknown field (allowed: rules)",
                    "$.buckets.abc.rules[0].prefx: unknown field " + ALLOWED_RULE_FIELDS,
                    "$.buckets.abc.rules[0].encryption.keyId: unknown field (allowed: algorithm, kmsKeyId,"
                            + " dataEncryption, exact)")),
            Map.entry("unknown-mode.json", List.of("$.buckets.abc.rules[0].mode: \"dry-run\" is not a mode (allowed:"
                    + " enforce, audit)")),
            Map.entry("shadowed-by-catch-all.json", List.of("$.buckets.abc.rules[1]: rule \"reports\" can never match:"
                    + " earlier rule \"everything\" ($.buckets.abc.rules[0]) matches every key it could match")),
            Map.entry("shadowed-by-shorter-prefix.json", List.of("$.buckets.abc.rules[1]: rule \"reports-2024\" can"
                    + " never match: earlier rule \"reports\" ($.buckets.abc.rules[0]) matches every key it could"
                    + " match")),
            Map.entry("excludes-own-prefix.json", List.of("$.buckets.abc.rules[0]: rule \"tmp\" can never match: it"
                    + " excludes \"reports/\", which covers its prefix \"reports/tmp/\"")),
            Map.entry("many-problems.json", List.of(
                    "$.buckets[\"Bad Bucket\"]: \"Bad Bucket\"" + BUCKET_NAME_RULE,
                    "$.buckets.finance-docs.rules[0].prefx: unknown field " + ALLOWED_RULE_FIELDS,
                    "$.buckets.finance-docs.rules[0].id: duplicate id \"ok-1\" (first used at"
                            + " $.buckets[\"Bad Bucket\"].rules[0].id)" + DUPLICATE_ID_WHY,
                    "$.buckets.finance-docs.rules[1].id: missing",
                    "$.buckets.finance-docs.rules[1].prefix: empty (leave the field out to match every key)",
                    "$.buckets.finance-docs.rules[1].encryption.algorithm: \"RSA\" is not an algorithm (allowed:"
                            + " AES256, KMS, SM4)",
                    "$.buckets.finance-docs.rules[2].encryption.kmsKeyId: kmsKeyId is only allowed with algorithm"
                            + " KMS, not AES256",
                    "$.buckets.finance-docs.rules[2].encryption.dataEncryption: dataEncryption is only allowed with"
                            + " algorithm KMS, not AES256",
                    "$.buckets.finance-docs.rules[3].exclude[0]: empty (it would exclude every key)",
                    "$.buckets.finance-docs.rules[3].mode: \"Audit\" is not a mode (allowed: enforce, audit)",
                    "$.buckets.finance-docs.rules[3].encryption.exact: expected a boolean, found number",
                    "$.buckets.finance-docs.rules[5]: rule \"never\" can never match: earlier rule \"all\""
                            + " ($.buckets.finance-docs.rules[4]) matches every key it could match",
                    "$.buckets.empty-bucket.rules: empty, expected at least one rule")));

    private static List<String> problemsOf(String json) {
        return assertThrows(RulesException.class, () -> RulesParser.parse(json, "test")).problems();
    }

    private static Rule rule(String id, String prefix, String suffix, List<String> exclude, EncryptionSpec spec,
            Mode mode) {
        return Rule.of(id, Optional.ofNullable(prefix), Optional.ofNullable(suffix), exclude, spec, mode);
    }

    private static EncryptionSpec kms(String keyId, boolean sm4) {
        return EncryptionSpec.of(Algorithm.KMS, Optional.ofNullable(keyId),
                sm4 ? Optional.of(Algorithm.SM4) : Optional.empty(), false);
    }

    private static String oneRule(String ruleJson) {
        return "{\"buckets\":{\"abc\":{\"rules\":[" + ruleJson + "]}}}";
    }

    // --- valid files ---

    static Stream<Path> validFixtures() throws IOException {
        return Files.list(VALID).sorted();
    }

    @ParameterizedTest
    @MethodSource("validFixtures")
    void everyValidFixtureLoads(Path file) throws Exception {
        RuleSet rules = RulesParser.load(file);

        assertEquals(file.toString(), rules.source());
        assertTrue(rules.ruleCount() > 0);
    }

    @Test
    void readsTheDocumentedExampleIntoRules() throws Exception {
        RuleSet rules = RulesParser.load(VALID.resolve("readme-example.json"));

        assertEquals(List.of(
                rule("reports-cmk", "reports/", ".pdf", List.of("reports/tmp/"),
                        kms("33701a45-6723-4a04-a367-68c060382652", false), Mode.ENFORCE),
                rule("audit-logs", "logs/", null, List.of(), kms(null, true), Mode.AUDIT),
                rule("everything-else", null, null, List.of(), EncryptionSpec.of(Algorithm.AES256), Mode.ENFORCE)),
                rules.rulesFor("finance-docs"));
    }

    @Test
    void fieldsLeftOutTakeTheirDefaults() throws Exception {
        Rule rule = RulesParser.load(VALID.resolve("minimal.json")).rulesFor("abc").get(0);

        assertEquals(rule("all", null, null, List.of(), EncryptionSpec.of(Algorithm.AES256), Mode.ENFORCE), rule);
        assertEquals(false, rule.encryption().exact());
    }

    @Test
    void readsEveryFieldAndTakesNullAsLeftOut() throws Exception {
        List<Rule> rules = RulesParser.load(VALID.resolve("every-field.json")).rulesFor("every-field-bucket");

        assertEquals(List.of(
                rule("all-fields", "a/", ".bin", List.of("a/skip/", "a/tmp/"), EncryptionSpec.of(Algorithm.KMS,
                        Optional.of("key-1"), Optional.of(Algorithm.SM4), true), Mode.ENFORCE),
                rule("nulls-are-absent", null, null, List.of(), EncryptionSpec.of(Algorithm.SM4), Mode.ENFORCE)),
                rules);
    }

    @Test
    void previousVersionsDefaultsToKeep() throws Exception {
        Rule rule = RulesParser.load(VALID.resolve("minimal.json")).rulesFor("abc").get(0);

        assertEquals(PreviousVersions.KEEP, rule.previousVersions());
    }

    @Test
    void previousVersionsDeleteIsRead() throws Exception {
        Rule rule = RulesParser.parse(oneRule("{\"id\":\"purge\",\"previousVersions\":\"delete\","
                + "\"encryption\":{\"algorithm\":\"AES256\"}}"), "test").rulesFor("abc").get(0);

        assertEquals(PreviousVersions.DELETE, rule.previousVersions());
    }

    @Test
    void anUnknownPreviousVersionsPolicyIsAProblemNamingTheChoices() {
        RulesException e = assertThrows(RulesException.class, () -> RulesParser.parse(oneRule(
                "{\"id\":\"purge\",\"previousVersions\":\"purge\",\"encryption\":{\"algorithm\":\"AES256\"}}"),
                "test"));

        assertEquals(List.of("$.buckets.abc.rules[0].previousVersions: \"purge\" is not a previous-versions policy"
                + " (allowed: keep, delete)"), e.problems());
    }

    @Test
    void keepsBucketsInFileOrder() throws Exception {
        RuleSet rules = RulesParser.load(VALID.resolve("many-buckets.json"));

        assertEquals("bucket-000", rules.buckets().iterator().next());
        assertEquals(20, rules.buckets().size());
        assertEquals(40, rules.ruleCount());
    }

    @Test
    void aBroaderRuleAfterANarrowerOneIsNotShadowed() throws Exception {
        RulesParser.parse(oneRule("{\"id\":\"pdf\",\"prefix\":\"a/\",\"suffix\":\".pdf\",\"encryption\":"
                + "{\"algorithm\":\"KMS\"}},{\"id\":\"rest\",\"prefix\":\"a/\",\"encryption\":{\"algorithm\":\"AES256\"}}"),
                "test");
    }

    @Test
    void aRuleAfterACatchAllWithAnExcludeUnderItsPrefixIsNotShadowed() throws Exception {
        RulesParser.parse(oneRule("{\"id\":\"all\",\"exclude\":[\"a/tmp/\"],\"encryption\":{\"algorithm\":\"AES256\"}},"
                + "{\"id\":\"a\",\"prefix\":\"a/\",\"encryption\":{\"algorithm\":\"KMS\"}}"), "test");
    }

    /** Two buckets with a rule alike but for its id, as large files have them bucket after bucket. */
    private static RuleSet bucketsAlike() throws RulesException {
        String rule = "{\"id\":\"%s-logs\",\"prefix\":\"logs/\",\"suffix\":\".gz\",\"exclude\":[\"logs/tmp/\"],"
                + "\"encryption\":{\"algorithm\":\"KMS\",\"kmsKeyId\":\"key-1\"}}";
        return RulesParser.parse("{\"buckets\":{\"abc\":{\"rules\":[" + String.format(rule, "abc")
                + "]},\"xyz\":{\"rules\":[" + String.format(rule, "xyz") + "]}}}", "test");
    }

    @Test
    void bucketsAlikeKeepOneInstanceOfEachEqualValue() throws Exception {
        RuleSet rules = bucketsAlike();
        Rule abc = rules.rulesFor("abc").get(0);
        Rule xyz = rules.rulesFor("xyz").get(0);

        assertSame(abc.prefix().orElseThrow(), xyz.prefix().orElseThrow());
        assertSame(abc.suffix().orElseThrow(), xyz.suffix().orElseThrow());
        assertSame(abc.exclude(), xyz.exclude());
        assertSame(abc.encryption(), xyz.encryption());
    }

    @Test
    void sharedValuesAreTheFileValuesOfEachRule() throws Exception {
        RuleSet rules = bucketsAlike();
        EncryptionSpec key1 = EncryptionSpec.of(Algorithm.KMS, Optional.of("key-1"), Optional.empty(), false);

        for (String bucket : List.of("abc", "xyz")) {
            Rule expected = Rule.of(bucket + "-logs", Optional.of("logs/"), Optional.of(".gz"), List.of("logs/tmp/"),
                    key1, Mode.ENFORCE);
            assertEquals(List.of(expected), rules.rulesFor(bucket));
            assertEquals(Optional.of(expected), rules.match(bucket, "logs/2024/app.gz"));
            assertEquals(Optional.empty(), rules.match(bucket, "logs/tmp/app.gz"));
        }
    }

    // --- refused files ---

    static Stream<Arguments> invalidFixtures() {
        return INVALID_FIXTURES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void refusesAnInvalidFixtureListingEveryProblemByPath(String name, List<String> problems) {
        RulesException e = assertThrows(RulesException.class, () -> RulesParser.load(INVALID.resolve(name)));

        assertEquals(problems, e.problems());
        assertEquals(INVALID.resolve(name).toString(), e.source());
    }

    @Test
    void everyInvalidFixtureHasItsExpectedProblems() throws IOException {
        try (Stream<Path> files = Files.list(INVALID)) {
            assertEquals(INVALID_FIXTURES.keySet(),
                    files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(java.util.TreeSet::new)));
        }
    }

    @Test
    void theMessageNamesTheSourceCountsAndListsTheProblems() {
        RulesException e = assertThrows(RulesException.class,
                () -> RulesParser.load(INVALID.resolve("missing-buckets.json")));

        assertEquals("test-fixtures/rules/invalid/missing-buckets.json: 2 problems:\n"
                + "  $.bucket: unknown field (allowed: buckets)\n"
                + "  $.buckets: missing", e.getMessage());
    }

    @Test
    void listsUnknownFieldsBeforeWhatIsWrongWithinWhereverTheyStandInTheFile() {
        assertEquals(List.of("$.version: unknown field (allowed: buckets)",
                "$.buckets.abc.comment: unknown field (allowed: rules)",
                "$.buckets.abc.rules[0].encryption: missing"),
                problemsOf("{\"buckets\":{\"abc\":{\"rules\":[{\"id\":\"a\"}],\"comment\":\"x\"}},\"version\":2}"));
    }

    @Test
    void aProblemWithTheJsonIsReportedAloneEvenAfterProblemsWithTheRules() {
        assertEquals(List.of("invalid JSON at line 1 column 42: unexpected end of input"),
                problemsOf("{\"buckets\":{\"abc\":{\"rules\":[{\"id\":\"a\"}]}}"));
    }

    @Test
    void listsAtMostOneHundredProblemsButCountsThemAll() {
        String rules = "{\"version\":1,\"buckets\":{\"abc\":{\"rules\":[" + "{\"id\":\"\"},".repeat(149) + "{\"id\":\"\"}]}}}";

        RulesException e = assertThrows(RulesException.class, () -> RulesParser.parse(rules, "test"));

        assertEquals(100, e.problems().size());
        assertEquals("$.version: unknown field (allowed: buckets)", e.problems().get(0));
        assertTrue(e.getMessage().startsWith("test: 301 problems:\n"), e::getMessage);
        assertTrue(e.getMessage().endsWith("\n  ... and 201 more"), e::getMessage);
    }

    @Test
    void refusesABucketNamedTwice() {
        String rules = "{\"rules\":[{\"id\":\"%s\",\"encryption\":{\"algorithm\":\"AES256\"}}]}";
        assertEquals(List.of("$.buckets.abc: duplicate field \"abc\""), problemsOf("{\"buckets\":{\"abc\":"
                + String.format(rules, "a") + ",\"abc\":" + String.format(rules, "b") + "}}"));
    }

    @Test
    void refusesABlankId() {
        assertEquals(List.of("$.buckets.abc.rules[0].id: blank"),
                problemsOf(oneRule("{\"id\":\"  \",\"encryption\":{\"algorithm\":\"AES256\"}}")));
    }

    @Test
    void refusesAPrefixThatIsNotValidUnicodeNamingItsPath() {
        assertEquals(List.of("$.buckets.abc.rules[0].prefix: not valid Unicode (an unpaired surrogate)"),
                problemsOf(oneRule("{\"id\":\"a\",\"prefix\":\"logs/\\ud800\","
                        + "\"encryption\":{\"algorithm\":\"AES256\"}}")));
    }

    @Test
    void refusesABlankKmsKeyId() {
        assertEquals(List.of("$.buckets.abc.rules[0].encryption.kmsKeyId: kmsKeyId must not be blank"),
                problemsOf(oneRule("{\"id\":\"a\",\"encryption\":{\"algorithm\":\"KMS\",\"kmsKeyId\":\" \"}}")));
    }

    @Test
    void refusesAKmsKeyIdWithALineBreakNamingTheCharacter() {
        assertEquals(List.of("$.buckets.abc.rules[0].encryption.kmsKeyId: kmsKeyId must be visible ASCII, without"
                + " whitespace or control characters: U+000D at index 3"), problemsOf(oneRule("{\"id\":\"a\","
                        + "\"encryption\":{\"algorithm\":\"KMS\",\"kmsKeyId\":\"key\\r\\nX-Injected: 1\"}}")));
    }

    @Test
    void refusesAKmsKeyIdWithASpace() {
        assertEquals(List.of("$.buckets.abc.rules[0].encryption.kmsKeyId: kmsKeyId must be visible ASCII, without"
                + " whitespace or control characters: U+0020 at index 2"), problemsOf(oneRule("{\"id\":\"a\","
                        + "\"encryption\":{\"algorithm\":\"KMS\",\"kmsKeyId\":\"my key\"}}")));
    }

    @Test
    void warnsAboutThePlaceholderKmsKeyIdButLoadsTheRules() throws Exception {
        RuleSet rules = RulesParser.parse(oneRule("{\"id\":\"a\",\"encryption\":{\"algorithm\":\"KMS\","
                + "\"kmsKeyId\":\"example-placeholder-cmk-id-replace-me\"}}"), "test");

        assertEquals(1, rules.ruleCount());
        assertEquals(List.of("$.buckets.abc.rules[0].encryption.kmsKeyId: \"example-placeholder-cmk-id-replace-me\" is"
                + " the placeholder the project ships, not a key: until it names your CMK, every rewrite under this rule"
                + " fails"), rules.warnings());
    }

    @Test
    void rulesWithRealKeyIdsHaveNoWarnings() throws Exception {
        assertEquals(List.of(), RulesParser.load(VALID.resolve("readme-example.json")).warnings());
    }

    @Test
    void theDefaultRulesWarnThatTheirKeyIdIsThePlaceholder() throws Exception {
        List<String> warnings = RulesParser.loadDefault().warnings();

        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("$.buckets.example-bucket.rules[0].encryption.kmsKeyId: "), warnings::toString);
    }

    @Test
    void refusesADataEncryptionThatIsNoAlgorithm() {
        assertEquals(List.of("$.buckets.abc.rules[0].encryption.dataEncryption: \"sm4\" is not an algorithm"
                + " (dataEncryption must be SM4)"), problemsOf(oneRule(
                        "{\"id\":\"a\",\"encryption\":{\"algorithm\":\"KMS\",\"dataEncryption\":\"sm4\"}}")));
    }

    @Test
    void refusesARuleThatIsNotAnObject() {
        assertEquals(List.of("$.buckets.abc.rules[0]: expected an object, found string"),
                problemsOf(oneRule("\"all\"")));
    }

    @Test
    void reportsAMissingFileAsARulesProblem() {
        RulesException e = assertThrows(RulesException.class, () -> RulesParser.load(Path.of("no/such/rules.json")));

        assertEquals("no/such/rules.json: 1 problem:\n  file not found", e.getMessage());
    }

    @Test
    void reportsADirectoryAsUnreadable() {
        RulesException e = assertThrows(RulesException.class, () -> RulesParser.load(VALID));

        assertTrue(e.problems().get(0).startsWith("cannot read the file: "), e::getMessage);
    }

    @Test
    void refusesRulesOverTheSizeLimitNamingIt() {
        String huge = " ".repeat(RulesParser.LIMITS.maxBytes() + 1);

        assertEquals(List.of("input is larger than the limit of 33554432 bytes (32 MiB)"), problemsOf(huge));
    }

    @Test
    void refusesDeepNesting() {
        List<String> problems = problemsOf("{\"buckets\":" + "[".repeat(100_000));

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).endsWith("nested deeper than 64 levels of objects and arrays"), problems::toString);
    }

    @Test
    void loadsOneHundredThousandRulesAcrossOneThousandBucketsQuickly() throws Exception {
        StringBuilder json = new StringBuilder("{\"buckets\":{");
        for (int b = 0; b < 1000; b++) {
            json.append(b == 0 ? "" : ",").append("\"bucket-").append(b).append("\":{\"rules\":[");
            for (int r = 0; r < 100; r++) {
                json.append(r == 0 ? "" : ",").append("{\"id\":\"b").append(b).append('-').append(r)
                        .append("\",\"prefix\":\"p/").append(r).append("/\",\"encryption\":{\"algorithm\":\"AES256\"}}");
            }
            json.append("]}");
        }
        String rules = json.append("}}").toString();

        RuleSet loaded = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> RulesParser.parse(rules, "big"));

        assertEquals(100_000, loaded.ruleCount());
        assertEquals("b999-42", loaded.match("bucket-999", "p/42/x").map(Rule::id).orElseThrow());
    }

    // --- the rules the project ships ---

    @Test
    void theDefaultRulesLoadFromTheClasspath() throws Exception {
        RuleSet rules = RulesParser.loadDefault();

        assertEquals("classpath:rules.json", rules.source());
        assertEquals(Set.of("example-bucket"), rules.buckets());
        assertEquals(Algorithm.KMS, rules.match("example-bucket", "secrets/db.env").orElseThrow().encryption().algorithm());
        assertEquals(EncryptionSpec.of(Algorithm.AES256),
                rules.match("example-bucket", "any/other key.txt").orElseThrow().encryption());
    }

    @Test
    void theDemoRulesAreTheOnesTheDemoDescribes() throws Exception {
        RuleSet rules = RulesParser.load(Path.of("src/main/resources/demo/rules.json"));

        assertEquals(List.of(
                rule("finance-reports-cmk", "reports/", null, List.of(), kms("demo-cmk-0001", false), Mode.ENFORCE),
                rule("finance-logs-audit", "logs/", null, List.of(), kms(null, true), Mode.AUDIT),
                rule("finance-catch-all", null, null, List.of("public/"), EncryptionSpec.of(Algorithm.AES256),
                        Mode.ENFORCE)), rules.rulesFor("demo-finance"));
        assertEquals(List.of(
                rule("media-raw-sm4", "raw/", null, List.of(), EncryptionSpec.of(Algorithm.SM4), Mode.ENFORCE),
                rule("media-thumbs-exact-aes256", "thumbs/", null, List.of(), EncryptionSpec.of(Algorithm.AES256,
                        Optional.empty(), Optional.empty(), true), Mode.ENFORCE)), rules.rulesFor("demo-media"));
    }
}
