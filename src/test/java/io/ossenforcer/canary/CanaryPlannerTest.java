package io.ossenforcer.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.rules.Mode;
import io.ossenforcer.rules.Rule;
import io.ossenforcer.rules.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CanaryPlannerTest {
    private static final String RUN = "20261203T120000Z-0a1b2c3d";
    private static final String PREFIX = CanaryPlanner.DEFAULT_PREFIX;
    private static final EncryptionSpec CMK = EncryptionSpec.of(Algorithm.KMS, Optional.of("cmk-1"), Optional.empty(),
            false);

    static Rule rule(String id, String prefix, String suffix, List<String> exclude, EncryptionSpec spec, Mode mode) {
        return Rule.of(id, Optional.of(prefix), Optional.of(suffix), exclude, spec, mode);
    }

    static Rule rule(String id, EncryptionSpec spec) {
        return rule(id, "", "", List.of(), spec, Mode.ENFORCE);
    }

    private static CanaryPlan plan(Rule... rules) {
        return CanaryPlanner.plan(RuleSet.of("rules.json", Map.of("bkt", List.of(rules))), List.of("bkt"), PREFIX, RUN);
    }

    private static List<String> keys(CanaryPlan plan) {
        return plan.canaries().stream().map(Canary::key).collect(Collectors.toList());
    }

    @Test
    void aKmsRuleGetsAPlaintextAndAnAes256CanaryUnderTheDedicatedPrefix() {
        CanaryPlan plan = plan(rule("kms", CMK));

        assertEquals(List.of(PREFIX + RUN + "/kms/plaintext", PREFIX + RUN + "/kms/weaker"), keys(plan));
        assertEquals(List.of(Canary.Kind.PLAINTEXT, Canary.Kind.WEAKER),
                plan.canaries().stream().map(Canary::kind).collect(Collectors.toList()));
        assertTrue(plan.canaries().stream().allMatch(c -> c.mustBeEnforced() && c.placement().isEmpty()));
    }

    @Test
    void anAes256RuleGetsOnlyAPlaintextCanaryForNothingIsWeaker() {
        CanaryPlan plan = plan(rule("sse", EncryptionSpec.of(Algorithm.AES256)));

        assertEquals(List.of(PREFIX + RUN + "/sse/plaintext"), keys(plan));
    }

    @Test
    void anAuditRuleGetsOneCanaryThatMustEndUntouched() {
        CanaryPlan plan = plan(rule("watch", "", "", List.of(), CMK, Mode.AUDIT));

        assertEquals(1, plan.canaries().size());
        assertEquals("untouched (audit)", plan.canaries().get(0).expected());
        assertTrue(!plan.canaries().get(0).mustBeEnforced());
    }

    @Test
    void aRuleThatCannotCoverTheDedicatedPrefixGetsItsCanariesUnderItsOwnAndSaysSo() {
        CanaryPlan plan = plan(rule("reports", "reports/", ".pdf", List.of(), CMK, Mode.ENFORCE));

        assertEquals(List.of("reports/" + PREFIX + RUN + "/reports/plaintext.pdf",
                "reports/" + PREFIX + RUN + "/reports/weaker.pdf"), keys(plan));
        assertEquals(Optional.of("rule reports covers only keys under reports/, so its canary is there rather than"
                + " under " + PREFIX), plan.canaries().get(0).placement());
    }

    @Test
    void aKeyAnEarlierRuleWouldTakeIsNeverUsedAndTheRuleIsReportedUntestable() {
        Rule earlier = rule("canaries-first", PREFIX, "", List.of(), EncryptionSpec.of(Algorithm.AES256),
                Mode.ENFORCE);
        Rule later = rule("everything", CMK);

        CanaryPlan plan = plan(earlier, later);

        assertEquals(List.of(PREFIX + RUN + "/canaries-first/plaintext"), keys(plan));
        assertEquals(List.of("bkt rule everything: no key under " + PREFIX + " or under the rule's own prefix is this"
                + " rule's (an earlier rule or an exclusion takes them); choose another --prefix"), plan.untestable());
    }

    @Test
    void anExclusionOfTheDedicatedPrefixMovesNothingIntoIt() {
        CanaryPlan plan = plan(rule("most", "", "", List.of(PREFIX), CMK, Mode.ENFORCE));

        assertEquals(List.of(), plan.canaries());
        assertEquals(1, plan.untestable().size());
    }

    @Test
    void aRuleIdThatIsNoPlainNameIsReplacedInTheKeyByTheRulesPosition() {
        CanaryPlan plan = plan(rule("reports", "reports/", "", List.of(), CMK, Mode.ENFORCE),
                rule("报表 / Q3\n", EncryptionSpec.of(Algorithm.AES256)));

        assertEquals(PREFIX + RUN + "/rule-2/plaintext", plan.canaries().get(2).key());
        assertEquals("报表 / Q3\n", plan.canaries().get(2).rule().id());
    }

    @Test
    void refusesABucketTheRulesDoNotName() {
        RuleSet rules = RuleSet.of("rules.json", Map.of("bkt", List.of(rule("kms", CMK))));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CanaryPlanner.plan(rules, List.of("other"), PREFIX, RUN));
        assertEquals("bucket other is not named in rules.json: the enforcer never touches it, and neither does this"
                + " command", e.getMessage());
    }
}
