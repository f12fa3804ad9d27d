package io.ossenforcer.app;

import io.ossenforcer.enforce.ObjectStore;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.SmallObject;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesException;
import io.ossenforcer.rules.RulesParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Rules kept in an OSS object ({@code RULES_OSS_URI}), so they change without a redeploy. Re-checked at most every
 * TTL with a conditional GET (no body unless the ETag changed). A new file that does not validate, or an object that
 * cannot be read, leaves the last good rules in force and logs why; with no good rules yet (a cold start) it fails.
 */
final class ReloadingRules implements RulesSource {
    /** Reads the rules object with the given credentials. */
    interface Stores {
        ObjectStore storeFor(AccessKey key) throws ObjectStoreException;
    }

    private final OssUri uri;
    private final Duration ttl;
    private final Clock clock;
    private final Stores stores;
    private RuleSet lastGood;
    private Optional<String> lastGoodETag = Optional.empty();
    private Optional<String> lastSeenETag = Optional.empty();
    private Instant lastCheck = Instant.MIN;

    ReloadingRules(OssUri uri, Duration ttl, Clock clock, Stores stores) {
        this.uri = uri;
        this.ttl = ttl;
        this.clock = clock;
        this.stores = stores;
    }

    @Override
    public synchronized RuleSet rules(Optional<AccessKey> key) throws InvocationException {
        Instant now = clock.instant();
        if (lastGood != null && now.isBefore(lastCheck.plus(ttl))) {
            return lastGood;
        }
        lastCheck = now;
        Optional<SmallObject> fresh;
        try {
            if (key.isEmpty()) {
                throw new InvocationException("no credentials to read the rules from " + uri);
            }
            fresh = stores.storeFor(key.get()).readIfChanged(uri.bucket(), uri.key(), lastSeenETag,
                    RulesParser.LIMITS.maxBytes());
        } catch (ObjectStoreException | InvocationException e) {
            return keepLastGood("cannot read the rules from " + uri + ": " + e.getMessage());
        }
        if (fresh.isEmpty()) {
            return lastGood;
        }
        String source = uri + " (ETag " + fresh.get().eTag() + ")";
        try {
            RuleSet parsed = RulesParser.parse(fresh.get().content(), source);
            warnOfDroppedBuckets(parsed, source);
            lastGood = parsed;
            lastGoodETag = Optional.of(fresh.get().eTag());
            lastSeenETag = lastGoodETag;
            OutcomeLog.note("rules", "rules loaded", source + ": " + parsed.buckets().size() + " bucket(s), "
                    + parsed.ruleCount() + " rule(s)");
            OutcomeLog.rulesWarnings("rules", parsed);
            return parsed;
        } catch (RulesException e) {
            if (lastGood != null) {
                // Remembered so the same bad file is not downloaded and reported again every TTL.
                lastSeenETag = Optional.of(fresh.get().eTag());
            }
            return keepLastGood("rejected new rules: " + e.getMessage());
        }
    }

    /**
     * A reload that drops a bucket stops enforcing it silently otherwise: uploads there are then skipped as "bucket
     * not in the rules". One WARN per bucket, so an alert on the bucket's name finds it.
     */
    private void warnOfDroppedBuckets(RuleSet parsed, String source) {
        if (lastGood == null) {
            return;
        }
        for (String bucket : lastGood.buckets()) {
            if (!parsed.buckets().contains(bucket)) {
                OutcomeLog.warning("rules", "bucket dropped", source + " no longer names bucket " + bucket
                        + ": its uploads are no longer enforced (the rules of ETag " + lastGoodETag.orElse("?")
                        + " named it)");
            }
        }
    }

    private RuleSet keepLastGood(String problem) throws InvocationException {
        if (lastGood == null) {
            OutcomeLog.error("rules", "bad rules", problem);
            throw new InvocationException("bad rules: " + problem);
        }
        OutcomeLog.error("rules", "rules not reloaded", problem + "; the rules of ETag "
                + lastGoodETag.orElse("?") + " stay in force");
        return lastGood;
    }
}
