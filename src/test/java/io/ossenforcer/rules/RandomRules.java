package io.ossenforcer.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Rules and keys over a three-letter alphabet, short enough that prefixes, suffixes and excludes often overlap. */
final class RandomRules {
    private static final String ALPHABET = "ab/";

    private RandomRules() {
    }

    static String key(Random random) {
        return text(random, 1 + random.nextInt(6));
    }

    private static String text(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static Optional<String> maybe(Random random, int percent, int maxLength) {
        return random.nextInt(100) < percent ? Optional.of(text(random, 1 + random.nextInt(maxLength)))
                : Optional.empty();
    }

    static Rule rule(Random random, String id) {
        Optional<String> prefix = maybe(random, 70, 3);
        List<String> exclude = new ArrayList<>();
        for (int n = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0; n > 0; n--) {
            exclude.add(prefix.orElse("") + text(random, 1 + random.nextInt(2)));
        }
        return Rule.of(id, prefix, maybe(random, 25, 2), exclude, EncryptionSpec.of(Algorithm.AES256), Mode.ENFORCE);
    }

    static RuleSet ruleSet(Random random, int buckets, int maxRulesPerBucket) {
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        for (int b = 0; b < buckets; b++) {
            List<Rule> bucketRules = new ArrayList<>();
            for (int r = random.nextInt(maxRulesPerBucket + 1); r > 0; r--) {
                bucketRules.add(rule(random, "b" + b + "-r" + bucketRules.size()));
            }
            rules.put("bucket-" + b, bucketRules);
        }
        return RuleSet.of("random", rules);
    }
}
