package io.ossenforcer.rules;

import static io.ossenforcer.rules.RuleTest.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RuleSetTest {
    private static final Rule REPORTS_PDF = rule("reports-pdf", "reports/", ".pdf");
    private static final Rule REPORTS = rule("reports", "reports/", null, "reports/tmp/");
    private static final Rule DEEP = rule("deep", "reports/2024/", null);
    private static final Rule ALL = rule("all", null, null, "public/");
    private static final Rule MEDIA = rule("media", "raw/", null);

    private static RuleSet ruleSet() {
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        rules.put("finance", List.of(REPORTS_PDF, REPORTS, DEEP, ALL));
        rules.put("media", List.of(MEDIA));
        return RuleSet.of("test", rules);
    }

    @Test
    void theFirstMatchingRuleInFileOrderWins() {
        assertEquals(Optional.of(REPORTS_PDF), ruleSet().match("finance", "reports/2024/q1.pdf"));
        assertEquals(Optional.of(REPORTS), ruleSet().match("finance", "reports/2024/q1.txt"));
    }

    @Test
    void aLaterLongerPrefixLosesToAnEarlierShorterOne() {
        assertEquals(Optional.of(REPORTS), ruleSet().match("finance", "reports/2024/notes.txt"));
    }

    @Test
    void anExcludedKeyFallsThroughToTheNextRule() {
        assertEquals(Optional.of(ALL), ruleSet().match("finance", "reports/tmp/x.txt"));
    }

    @Test
    void aKeyNoRuleMatchesHasNoRule() {
        assertEquals(Optional.empty(), ruleSet().match("finance", "public/index.html"));
        assertEquals(Optional.empty(), ruleSet().match("media", "thumbs/a.png"));
    }

    @Test
    void aBucketTheRulesDoNotNameIsNeverMatched() {
        assertEquals(Optional.empty(), ruleSet().match("other-bucket", "reports/q1.pdf"));
        assertFalse(ruleSet().namesBucket("other-bucket"));
        assertEquals(List.of(), ruleSet().rulesFor("other-bucket"));
    }

    @Test
    void listsBucketsAndRulesInFileOrder() {
        assertEquals(List.of("finance", "media"), List.copyOf(ruleSet().buckets()));
        assertEquals(List.of(REPORTS_PDF, REPORTS, DEEP, ALL), ruleSet().rulesFor("finance"));
        assertTrue(ruleSet().namesBucket("media"));
    }

    @Test
    void countsRulesAcrossBuckets() {
        assertEquals(5, ruleSet().ruleCount());
    }

    @Test
    void anEmptyRuleSetNamesNoBucketAndMatchesNothing() {
        RuleSet rules = RuleSet.of("empty", Map.of());
        assertEquals(Optional.empty(), rules.match("finance", "reports/q1.pdf"));
        assertFalse(rules.namesBucket("finance"));
        assertEquals(0, rules.ruleCount());
        assertEquals(List.of(), List.copyOf(rules.buckets()));
    }

    @Test
    void remembersItsSource() {
        assertEquals("test", ruleSet().source());
    }

    @Test
    void isAValue() {
        assertEquals(ruleSet(), ruleSet());
        assertEquals(ruleSet().hashCode(), ruleSet().hashCode());
        assertEquals("RuleSet{test buckets=2 rules=5}", ruleSet().toString());
    }

    @Test
    void matchingAgreesWithTryingEveryRuleOfTheBucketInFileOrder() {
        Random random = new Random(2024);
        for (int set = 0; set < 300; set++) {
            RuleSet rules = RandomRules.ruleSet(random, 3, 25);
            for (int k = 0; k < 300; k++) {
                String bucket = "bucket-" + random.nextInt(4);
                String key = RandomRules.key(random);
                Optional<Rule> scanned = rules.rulesFor(bucket).stream().filter(r -> r.matches(key)).findFirst();
                assertEquals(scanned, rules.match(bucket, key), () -> bucket + " " + key + " " + rules.rulesFor(bucket));
            }
        }
    }

    @Test
    void ofAThousandBucketsEachFindsItsOwnRulesAndNoOtherBucketIsNamed() {
        Map<String, List<Rule>> byBucket = new LinkedHashMap<>();
        for (int b = 0; b < 1000; b++) {
            byBucket.put("bucket-" + b, List.of(rule("all-" + b, null, null)));
        }
        RuleSet rules = RuleSet.of("many", byBucket);

        for (int b = 0; b < 1000; b++) {
            assertEquals("all-" + b, rules.match("bucket-" + b, "key").map(Rule::id).orElseThrow());
        }
        for (int b = 1000; b < 3000; b++) {
            assertEquals(Optional.empty(), rules.match("bucket-" + b, "key"));
        }
    }

    @Test
    void aBucketNamedWithoutRulesMatchesNothing() {
        Map<String, List<Rule>> byBucket = new LinkedHashMap<>();
        byBucket.put("empty", List.of());
        byBucket.put("full", List.of(ALL));
        RuleSet rules = RuleSet.of("t", byBucket);

        assertTrue(rules.namesBucket("empty"));
        assertEquals(Optional.empty(), rules.match("empty", "key"));
        assertEquals(Optional.of(ALL), rules.match("full", "key"));
    }

    @Test
    void prefixesOfOneLengthAreToldApart() {
        RuleSet rules = RuleSet.of("t", Map.of("b", List.of(rule("aa", "Aa/", null), rule("bb", "BB/", null))));
        assertEquals("aa", rules.match("b", "Aa/x").map(Rule::id).orElseThrow());
        assertEquals("bb", rules.match("b", "BB/x").map(Rule::id).orElseThrow());
        assertEquals(Optional.empty(), rules.match("b", "AB/x"));
    }

    @Test
    void aKeyShorterThanEveryPrefixHasNoRule() {
        RuleSet rules = RuleSet.of("t", Map.of("b", List.of(rule("long", "reports/2024/", null))));
        assertEquals(Optional.empty(), rules.match("b", "reports/"));
    }

    @Test
    void thePrefixIndexHandlesKeysSortingBetweenPrefixes() {
        RuleSet rules = RuleSet.of("t", Map.of("b", List.of(rule("ab", "a/b", null), rule("a", "a/", null),
                rule("ac", "a/c", null), rule("a-dash", "a-", null))));

        assertEquals("a", rules.match("b", "a/a").map(Rule::id).orElseThrow());
        assertEquals("ab", rules.match("b", "a/bz").map(Rule::id).orElseThrow());
        assertEquals("a", rules.match("b", "a/d").map(Rule::id).orElseThrow());
        assertEquals("a-dash", rules.match("b", "a-/x").map(Rule::id).orElseThrow());
        assertEquals(Optional.empty(), rules.match("b", "a"));
    }
}
