package io.ossenforcer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RuleTest {
    static Rule rule(String id, String prefix, String suffix, String... exclude) {
        return Rule.of(id, Optional.ofNullable(prefix), Optional.ofNullable(suffix), List.of(exclude),
                EncryptionSpec.of(Algorithm.AES256), Mode.ENFORCE);
    }

    @Test
    void aRuleWithoutPrefixSuffixOrExcludeMatchesEveryKey() {
        Rule all = rule("all", null, null);

        assertTrue(all.matches("a"));
        assertTrue(all.matches("deep/path/with space+plus%20.txt"));
    }

    @Test
    void matchesOnlyKeysWithItsPrefix() {
        Rule reports = rule("r", "reports/", null);

        assertTrue(reports.matches("reports/q1.pdf"));
        assertFalse(reports.matches("logs/reports/q1.pdf"));
        assertFalse(reports.matches("reports"));
    }

    @Test
    void matchesOnlyKeysWithItsSuffix() {
        Rule pdf = rule("p", null, ".pdf");

        assertTrue(pdf.matches("a/b.pdf"));
        assertFalse(pdf.matches("a/b.pdf.tmp"));
    }

    @Test
    void needsBothPrefixAndSuffix() {
        Rule rule = rule("r", "reports/", ".pdf");

        assertTrue(rule.matches("reports/q1.pdf"));
        assertFalse(rule.matches("reports/q1.txt"));
        assertFalse(rule.matches("other/q1.pdf"));
    }

    @Test
    void leavesKeysUnderAnyExcludedPrefixAlone() {
        Rule rule = rule("r", "reports/", null, "reports/tmp/", "reports/draft");

        assertFalse(rule.matches("reports/tmp/x.pdf"));
        assertFalse(rule.matches("reports/drafts/x.pdf"));
        assertTrue(rule.matches("reports/final/x.pdf"));
    }

    @Test
    void comparesKeysAsTheyAreWithoutDecoding() {
        Rule rule = rule("r", "a b/", null);

        assertTrue(rule.matches("a b/c"));
        assertFalse(rule.matches("a%20b/c"));
        assertFalse(rule.matches("a+b/c"));
    }

    @Test
    void treatsAnEmptyPrefixOrSuffixAsAbsent() {
        assertEquals(rule("r", null, null), rule("r", "", ""));
        assertEquals(Optional.empty(), rule("r", "", "").prefix());
    }

    @Test
    void isAValue() {
        assertEquals(rule("r", "a/", ".x", "a/b/"), rule("r", "a/", ".x", "a/b/"));
        assertEquals(rule("r", "a/", ".x", "a/b/").hashCode(), rule("r", "a/", ".x", "a/b/").hashCode());
        assertNotEquals(rule("r", "a/", ".x"), rule("r", "a/", ".y"));
        assertEquals("Rule{r prefix=a/ suffix=.x exclude=[a/b/] AES256 enforce}", rule("r", "a/", ".x", "a/b/").toString());
    }

    @Test
    void anEarlierCatchAllMatchesEveryKeyOfAnyLaterRule() {
        assertTrue(rule("all", null, null).matchesEveryKeyOf(rule("r", "reports/", ".pdf", "reports/tmp/")));
    }

    @Test
    void anEarlierShorterPrefixMatchesEveryKeyOfALongerOne() {
        assertTrue(rule("a", "reports/", null).matchesEveryKeyOf(rule("b", "reports/2024/", null)));
        assertFalse(rule("b", "reports/2024/", null).matchesEveryKeyOf(rule("a", "reports/", null)));
    }

    @Test
    void anEarlierSuffixLeavesLaterKeysWithOtherEndings() {
        assertFalse(rule("a", "reports/", ".pdf").matchesEveryKeyOf(rule("b", "reports/", null)));
        assertTrue(rule("a", "reports/", ".pdf").matchesEveryKeyOf(rule("b", "reports/", "q1.pdf")));
    }

    @Test
    void anEarlierExcludeUnderTheLaterPrefixLeavesItKeys() {
        assertFalse(rule("a", null, null, "reports/tmp/").matchesEveryKeyOf(rule("b", "reports/", null)));
    }

    @Test
    void anEarlierExcludeTheLaterRuleAlsoExcludesLeavesItNothing() {
        assertTrue(rule("a", null, null, "reports/tmp/")
                .matchesEveryKeyOf(rule("b", "reports/", null, "reports/tmp/")));
    }

    @Test
    void anEarlierExcludeElsewhereDoesNotMatter() {
        assertTrue(rule("a", null, null, "public/").matchesEveryKeyOf(rule("b", "reports/", null)));
    }

    @Test
    void sayingOneRuleMatchesEveryKeyOfAnotherIsNeverWrong() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Rule earlier = RandomRules.rule(random, "e");
            Rule later = RandomRules.rule(random, "l");
            if (earlier.matchesEveryKeyOf(later)) {
                for (int k = 0; k < 50; k++) {
                    String key = RandomRules.key(random);
                    assertTrue(!later.matches(key) || earlier.matches(key), () -> earlier + " " + later + " " + key);
                }
            }
        }
    }
}
