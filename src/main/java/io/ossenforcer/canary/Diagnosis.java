package io.ossenforcer.canary;

import io.ossenforcer.canary.CanaryResult.Finding;
import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.EncryptionSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Names the likely cause of each failed canary, and the fix, from what the canaries of the whole run show together:
 * a canary left as uploaded while others of its bucket were rewritten points at the trigger's filter, while KMS
 * canaries left alone when AES256 ones were rewritten point at the role's KMS permissions. Pure.
 */
public final class Diagnosis {
    static final String POLICY = "docs/ram-policy-verify.json";
    private static final String RULES_FIX = "make the function load the rules you passed: upload them to the object"
            + " its RULES_OSS_URI names (it reloads within RULES_TTL seconds, 60 by default) or, with packaged rules,"
            + " rebuild and s deploy; `check-rules` both files to compare them";

    private final List<CanaryResult> results;
    private final Duration timeout;

    private Diagnosis(List<CanaryResult> results, Duration timeout) {
        this.results = results;
        this.timeout = timeout;
    }

    /** The same results, each failed one with its cause and fix. */
    public static List<CanaryResult> explain(List<CanaryResult> results, Duration timeout) {
        Diagnosis d = new Diagnosis(List.copyOf(results), timeout);
        List<CanaryResult> explained = new ArrayList<>();
        for (CanaryResult r : results) {
            explained.add(r.pass() ? r : d.explain(r));
        }
        return explained;
    }

    private CanaryResult explain(CanaryResult r) {
        Canary c = r.canary();
        switch (r.finding()) {
            case NOT_ENFORCED:
                return notEnforced(r);
            case WRONG_ENCRYPTION:
                return r.explained("the function encrypted it as " + r.observed() + " but --rules demands "
                        + c.rule().encryption().describe() + ": the rules the function uses differ from --rules"
                        + " (another rules object or file, or rules changed less than RULES_TTL seconds ago)",
                        RULES_FIX);
            case CHANGED:
                return changed(r);
            case DAMAGED:
                return CanaryCheck.storedAsSent(r.observation())
                        ? r.explained("the function's rewrite did not keep everything: " + String.join("; ",
                                r.problems()), "deploy this build (s deploy): the function deployed is not the"
                                + " enforcer of this version; if this persists, report it with this line")
                        : r.explained("OSS did not store the canary as it was sent, before the function acted: "
                                + String.join("; ", r.problems()), "check what sits between this command and OSS"
                                + " (a proxy rewriting headers); the function is not at fault here");
            case GONE:
                return r.explained("the canary was deleted while it was watched: a lifecycle rule, a sync job or"
                        + " someone else deletes objects under " + folder(c.key()), "choose another --prefix, one"
                        + " nothing else deletes from");
            case NOT_UPLOADED:
                return notUploaded(r);
            case UNREADABLE:
                return accessDenied(r) ? r.explained("this command's identity may not read the canary (HEAD,"
                        + " GetObjectTagging, GetObjectAcl)", "attach " + POLICY + " to it, with this bucket's"
                        + " canary prefix as resource")
                        : r.explained("the canary could not be read: " + r.problems().get(0), "run again");
            default:
                throw new AssertionError(r.finding());
        }
    }

    private CanaryResult notEnforced(CanaryResult r) {
        Canary c = r.canary();
        EncryptionSpec spec = c.rule().encryption();
        String notWithin = "not enforced within " + timeout.toSeconds() + " s: still " + r.observed() + "; ";
        Optional<CanaryResult> sibling = find(o -> o.canary().bucket().equals(c.bucket())
                && o.canary().rule().id().equals(c.rule().id()) && o.canary().kind() != c.kind());
        if (c.kind() == Canary.Kind.WEAKER && sibling.map(s -> s.finding() == Finding.WRONG_ENCRYPTION).orElse(false)) {
            return r.explained(notWithin + "the function wrote " + sibling.get().observed() + " on the plaintext"
                    + " canary of this rule and found this " + r.observed() + " one compliant: its rule for this key"
                    + " demands less than --rules' " + spec.describe() + ", so the rules it uses differ", RULES_FIX);
        }
        if (spec.algorithm() == Algorithm.KMS && !rewrittenWith(spec)) {
            boolean otherKms = any(o -> o.finding() == Finding.ENFORCED && isKms(o));
            boolean anyRewrite = any(o -> o.finding() == Finding.ENFORCED);
            if (spec.kmsKeyId().isPresent() && otherKms) {
                String key = spec.kmsKeyId().get();
                return r.explained(notWithin + "canaries of other KMS keys were enforced, none with CMK " + key
                        + ": the function's role likely lacks kms:GenerateDataKey/kms:Decrypt on that key, or the"
                        + " key is disabled, pending deletion or in another region (the function logs FAILED with"
                        + " AccessDenied or a KMS error code)", "grant the function's role kms:GenerateDataKey and"
                        + " kms:Decrypt on acs:kms:<region>:<account>:key/" + key + " (docs/ram-policy.json) and"
                        + " check in the KMS console that the key is enabled");
            }
            if (anyRewrite && !otherKms) {
                return r.explained(notWithin + "canaries of non-KMS rules were enforced and no KMS one was: the"
                        + " function's role likely lacks kms:GenerateDataKey/kms:Decrypt, or KMS is not activated"
                        + " in this region (the function logs FAILED with AccessDenied or KmsServiceNotEnabled)",
                        "attach the KMS statement of docs/ram-policy.json to the function's role, and activate KMS"
                        + " in the region");
            }
        }
        if (sibling.map(s -> s.finding() == Finding.ENFORCED).orElse(false)) {
            return r.explained(notWithin + "the " + sibling.get().canary().kind().label() + " canary of the same"
                    + " rule was enforced: the function found this one compliant (its rule for this key accepts "
                    + r.observed() + ", unlike --rules) or failed on it", "look for this key in the function's log"
                    + " (s logs): COMPLIANT means its rules differ (" + RULES_FIX + "); FAILED names the error");
        }
        String bucket = c.bucket();
        if (any(o -> o.canary().bucket().equals(bucket) && o.observation().rewritten())) {
            return r.explained(notWithin + "other canaries of bucket " + bucket + " were rewritten: no trigger"
                    + " covers " + c.key() + " (the filter.key prefix/suffix of the bucket's OSS trigger leaves it"
                    + " out), or the function's rules match it to no rule (it logs SKIPPED)", "make the trigger of "
                    + bucket + " in s.yaml cover " + folder(c.key()) + " (an empty prefix and suffix cover every"
                    + " key) and s deploy; check the rules the function loads");
        }
        if (any(o -> o.observation().rewritten())) {
            return r.explained(notWithin + "canaries of other buckets were rewritten, none of " + bucket + ": no"
                    + " OSS trigger of the function fires for " + bucket + ", or the rules it loads do not name it",
                    "add the trigger of " + bucket + " to s.yaml (sourceArn acs:oss:<region>:<account>:" + bucket
                    + ", the ObjectCreated events), name it in the rules, and s deploy");
        }
        return r.explained(notWithin + "no canary in any bucket was rewritten: the function is not deployed or has"
                + " no trigger on these buckets, runs with DRY_RUN=true, fails every invocation (rules unreadable or"
                + " invalid at start, AccessDenied), or takes longer than --timeout", "check the function and its"
                + " triggers (s info), its log (s logs: errors, WOULD_ENCRYPT when dry-running), then run again"
                + " with a longer --timeout");
    }

    private CanaryResult changed(CanaryResult r) {
        Canary c = r.canary();
        if (r.observation().rewritten()) {
            return r.explained("--rules only audits this key, but it ended " + r.observed() + ": the function's"
                    + " rules enforce here, so they differ from --rules", RULES_FIX);
        }
        return r.explained("something rewrote the canary although its encryption did not change: "
                + String.join("; ", r.problems()) + " (a second function or trigger, a replication or sync job)",
                "find what writes under " + folder(c.key()) + ", or choose another --prefix");
    }

    private CanaryResult notUploaded(CanaryResult r) {
        Optional<String> code = r.observation().failure().flatMap(Observation.Failure::errorCode);
        String bucket = r.canary().bucket();
        if (code.equals(Optional.of(DeploymentVerifier.KEY_EXISTS)) || code.equals(Optional.of("FileAlreadyExists"))) {
            return r.explained("an object with this key exists already; it was not touched", "run again (each run"
                    + " has its own keys) or choose another --prefix");
        }
        if (accessDenied(r)) {
            return r.explained("this command's identity may not upload to " + bucket + "/" + folder(r.canary().key()),
                    "attach " + POLICY + " to it, with this bucket's canary prefix as resource");
        }
        if (code.isPresent() && DeploymentVerifier.CREDENTIALS_REJECTED.contains(code.get())) {
            return r.explained("OSS rejected this command's credentials (" + code.get() + ")", "check"
                    + " ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and ALIBABA_CLOUD_SECURITY_TOKEN,"
                    + " and that --endpoint and --region are those of the rule buckets");
        }
        if (code.equals(Optional.of("NoSuchBucket"))) {
            return r.explained("bucket " + bucket + " does not exist at this endpoint", "check --region and"
                    + " --endpoint: the rule buckets and the function are in one region");
        }
        return r.explained("OSS refused the upload" + code.map(c -> " (" + c + ")").orElse(""), "fix what OSS"
                + " names (above) and run again");
    }

    private static boolean accessDenied(CanaryResult r) {
        return r.observation().failure().flatMap(Observation.Failure::errorCode)
                .equals(Optional.of("AccessDenied"));
    }

    /** Whether some canary was rewritten with what {@code spec} names (its CMK, or any KMS key without one). */
    private boolean rewrittenWith(EncryptionSpec spec) {
        return any(o -> o.finding() == Finding.ENFORCED && o.observation().last()
                .map(s -> spec.satisfiedBy(s.object().encryption())).orElse(false));
    }

    private static boolean isKms(CanaryResult r) {
        return r.observation().last().map(s -> s.object().encryption().is(Algorithm.KMS)).orElse(false);
    }

    private boolean any(Predicate<CanaryResult> p) {
        return results.stream().anyMatch(p);
    }

    private Optional<CanaryResult> find(Predicate<CanaryResult> p) {
        return results.stream().filter(p).findFirst();
    }

    private static String folder(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? key : key.substring(0, slash + 1);
    }
}
