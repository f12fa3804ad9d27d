package io.ossenforcer.rules;

import static io.ossenforcer.rules.RuleTest.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BucketIndexTest {
    @Test
    void matchingAgreesWithTryingEveryRuleInFileOrder() {
        Random random = new Random(2024);
        for (List<String> tokens : List.of(RandomRules.SIMPLE, RandomRules.WIDE)) {
            RandomRules randomRules = new RandomRules(random, tokens);
            Interner<List<Integer>> groups = new Interner<>(); // shared, as by the buckets of one file
            for (int set = 0; set < 300; set++) {
                List<Rule> rules = randomRules.rules("r", 25);
                BucketIndex index = new BucketIndex(rules, groups);
                for (int k = 0; k < 100; k++) {
                    String key = randomRules.key();
                    Optional<Rule> scanned = rules.stream().filter(r -> r.matches(key)).findFirst();
                    assertEquals(scanned, index.match(key), () -> key + " " + rules);
                }
            }
        }
    }

    @Test
    void shadowingNamesTheFirstEarlierRuleThatCoversEveryKeyOfTheLaterOne() {
        Random random = new Random(2026);
        for (List<String> tokens : List.of(RandomRules.SIMPLE, RandomRules.WIDE)) {
            RandomRules randomRules = new RandomRules(random, tokens);
            Interner<List<Integer>> groups = new Interner<>();
            for (int set = 0; set < 500; set++) {
                List<Rule> rules = randomRules.rules("r", 25);
                BucketIndex index = new BucketIndex(rules, groups);
                for (int later = 0; later < rules.size(); later++) {
                    int position = later;
                    OptionalInt scanned = IntStream.range(0, position)
                            .filter(earlier -> rules.get(earlier).matchesEveryKeyOf(rules.get(position)))
                            .findFirst();
                    assertEquals(scanned, index.shadowing(position), () -> rules + " at " + position);
                }
            }
        }
    }

    @Test
    void aSuffixThatIsHalfOfASurrogatePairStillEndsTheKeysThatEndWithIt() {
        String lowHalfOfAKey = "\uDD11";
        BucketIndex index = new BucketIndex(List.of(rule("half", null, lowHalfOfAKey)));

        assertEquals("half", index.match("a\uD83D\uDD11").map(Rule::id).orElseThrow());
    }

    @Test
    void aLaterRuleEndingWithAnEarlierSuffixIsShadowedByIt() {
        BucketIndex index = new BucketIndex(List.of(rule("gz", null, ".gz"), rule("tar-gz", "backups/", ".tar.gz")));

        assertEquals(OptionalInt.of(0), index.shadowing(1));
    }
}
