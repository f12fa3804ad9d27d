package io.ossenforcer.canary;

import io.ossenforcer.rules.Mode;
import io.ossenforcer.rules.Rule;
import io.ossenforcer.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks the canaries of a run from the rules: for every rule of the chosen buckets, keys that the rule itself (and no
 * earlier rule of its bucket) covers, under the dedicated prefix where the rule's filters allow it. Pure.
 */
public final class CanaryPlanner {
    /** Where canaries go unless {@code --prefix} says otherwise. */
    public static final String DEFAULT_PREFIX = "oss-sse-enforcer-canary/";
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CanaryPlanner() {
    }

    /**
     * @param buckets buckets the rules name; a bucket they do not name is refused
     * @param prefix the dedicated prefix canaries go under
     * @param runId what makes this run's keys new, so no existing object is ever overwritten
     * @throws IllegalArgumentException for a bucket the rules do not name
     */
    public static CanaryPlan plan(RuleSet rules, List<String> buckets, String prefix, String runId) {
        List<Canary> canaries = new ArrayList<>();
        List<String> untestable = new ArrayList<>();
        for (String bucket : buckets) {
            if (!rules.namesBucket(bucket)) {
                throw new IllegalArgumentException("bucket " + bucket + " is not named in " + rules.source()
                        + ": the enforcer never touches it, and neither does this command");
            }
            List<Rule> ofBucket = rules.rulesFor(bucket);
            for (int position = 0; position < ofBucket.size(); position++) {
                Rule rule = ofBucket.get(position);
                for (Canary.Kind kind : kinds(rule)) {
                    Optional<Canary> canary = place(rules, bucket, rule, kind, prefix,
                            runId + "/" + keySegment(rule, position));
                    if (canary.isPresent()) {
                        canaries.add(canary.get());
                    } else {
                        untestable.add(bucket + " rule " + rule.id() + ": no key under " + prefix + " or under the"
                                + " rule's own prefix is this rule's (an earlier rule or an exclusion takes them);"
                                + " choose another --prefix");
                        break;
                    }
                }
            }
        }
        return new CanaryPlan(runId, canaries, untestable);
    }

    /**
     * A plaintext canary for every rule; a weaker one too for a rule that something weaker than its encryption falls
     * short of (nothing is weaker than AES256). An audit rule gets one canary: it must end untouched.
     */
    private static List<Canary.Kind> kinds(Rule rule) {
        if (rule.mode() == Mode.AUDIT) {
            return List.of(Canary.Kind.PLAINTEXT);
        }
        boolean weakerFallsShort = !rule.encryption().satisfiedBy(Canary.Kind.WEAKER.uploadedWith());
        return weakerFallsShort ? List.of(Canary.Kind.PLAINTEXT, Canary.Kind.WEAKER) : List.of(Canary.Kind.PLAINTEXT);
    }

    /**
     * The rule's id where it is a plain name; otherwise its position in the bucket's rules ({@code rule-3}): an id
     * may hold anything, a key should not (control characters, a leading slash, a thousand bytes).
     */
    private static String keySegment(Rule rule, int position) {
        return PLAIN_ID.matcher(rule.id()).matches() ? rule.id() : "rule-" + (position + 1);
    }

    private static Optional<Canary> place(RuleSet rules, String bucket, Rule rule, Canary.Kind kind, String prefix,
            String runAndRule) {
        String name = runAndRule + "/" + kind.label() + rule.suffix().orElse("");
        String underPrefix = prefix + name;
        if (coveredBy(rules, bucket, underPrefix, rule)) {
            return Optional.of(new Canary(bucket, underPrefix, rule, kind, Optional.empty()));
        }
        String ruleOwn = rule.prefix().orElse("") + prefix + name;
        if (coveredBy(rules, bucket, ruleOwn, rule)) {
            return Optional.of(new Canary(bucket, ruleOwn, rule, kind, Optional.of("rule " + rule.id()
                    + " covers only keys under " + rule.prefix().orElse("") + ", so its canary is there rather than"
                    + " under " + prefix)));
        }
        return Optional.empty();
    }

    /** The rule that the function, reading these rules, would apply to {@code key} is {@code rule}. */
    private static boolean coveredBy(RuleSet rules, String bucket, String key, Rule rule) {
        return rules.match(bucket, key).filter(rule::equals).isPresent();
    }
}
