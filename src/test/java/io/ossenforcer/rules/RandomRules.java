package io.ossenforcer.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Rules and keys made of a few tokens, short enough that prefixes, suffixes and excludes often overlap. The default
 * tokens are single characters; {@link #WIDE} adds tokens of two characters, one of them a character outside the
 * Basic Multilingual Plane (a surrogate pair).
 */
final class RandomRules {
    static final List<String> SIMPLE = List.of("a", "b", "/");
    static final List<String> WIDE = List.of("Aa", "BB", "/", "\uD83D\uDD11");

    private final Random random;
    private final List<String> tokens;

    RandomRules(Random random, List<String> tokens) {
        this.random = random;
        this.tokens = tokens;
    }

    static String key(Random random) {
        return new RandomRules(random, SIMPLE).key();
    }

    static Rule rule(Random random, String id) {
        return new RandomRules(random, SIMPLE).rule(id);
    }

    static RuleSet ruleSet(Random random, int buckets, int maxRulesPerBucket) {
        return new RandomRules(random, SIMPLE).ruleSet(buckets, maxRulesPerBucket);
    }

    String key() {
        return text(1 + random.nextInt(6));
    }

    private String text(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(tokens.get(random.nextInt(tokens.size())));
        }
        return s.toString();
    }

    private Optional<String> maybe(int percent, int maxLength) {
        return random.nextInt(100) < percent ? Optional.of(text(1 + random.nextInt(maxLength))) : Optional.empty();
    }

    Rule rule(String id) {
        Optional<String> prefix = maybe(70, 3);
        List<String> exclude = new ArrayList<>();
        for (int n = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0; n > 0; n--) {
            exclude.add(prefix.orElse("") + text(1 + random.nextInt(2)));
        }
        return Rule.of(id, prefix, maybe(25, 2), exclude, EncryptionSpec.of(Algorithm.AES256), Mode.ENFORCE);
    }

    List<Rule> rules(String idPrefix, int maxRules) {
        List<Rule> rules = new ArrayList<>();
        for (int r = random.nextInt(maxRules + 1); r > 0; r--) {
            rules.add(rule(idPrefix + "-r" + rules.size()));
        }
        return rules;
    }

    RuleSet ruleSet(int buckets, int maxRulesPerBucket) {
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        for (int b = 0; b < buckets; b++) {
            rules.put("bucket-" + b, rules("b" + b, maxRulesPerBucket));
        }
        return RuleSet.of("random", rules);
    }
}
