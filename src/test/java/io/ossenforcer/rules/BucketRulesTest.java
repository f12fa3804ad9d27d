package io.ossenforcer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BucketRulesTest {
    @Test
    void shadowingNamesTheFirstEarlierRuleThatCoversEveryKeyOfTheLaterOne() {
        Random random = new Random(2026);
        for (List<String> tokens : List.of(RandomRules.SIMPLE, RandomRules.COLLIDING)) {
            RandomRules randomRules = new RandomRules(random, tokens);
            for (int set = 0; set < 500; set++) {
                List<Rule> rules = randomRules.rules("r", 25);
                BucketRules index = new BucketRules(rules);
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
}
