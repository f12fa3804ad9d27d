package io.ossenforcer.enforce;

import io.ossenforcer.event.EventRecord;
import io.ossenforcer.rules.Mode;
import io.ossenforcer.rules.PreviousVersions;
import io.ossenforcer.rules.Rule;
import io.ossenforcer.rules.RuleSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Enforces the rules on one event record: match, HEAD, decide, rewrite, HEAD again, verify. All network access goes
 * through the {@link ObjectStore} port; everything else here is plain logic over values.
 */
public final class Enforcer {
    private final RuleSet rules;
    private final StoreResolver stores;
    private final boolean dryRun;

    public Enforcer(RuleSet rules, StoreResolver stores, boolean dryRun) {
        this.rules = Objects.requireNonNull(rules);
        this.stores = Objects.requireNonNull(stores);
        this.dryRun = dryRun;
    }

    public Outcome enforce(EventRecord record) {
        if (!record.isObjectCreated()) {
            return Outcome.builder(record.bucket(), record.key(), record.eventName())
                    .end(Outcome.Kind.SKIPPED, "not an object-created event: " + record.eventName());
        }
        return enforceCandidates(record, keyCandidates(record.key()));
    }

    /**
     * Enforces an object a listing named (a sweep): its key is exact, so no decoded form is tried, and the record's
     * event name only says what found it.
     */
    public Outcome enforceListed(EventRecord record) {
        return enforceCandidates(record, List.of(record.key()));
    }

    private Outcome enforceCandidates(EventRecord record, List<String> candidates) {
        Outcome.Builder out = Outcome.builder(record.bucket(), record.key(), record.eventName());
        if (!rules.namesBucket(record.bucket())) {
            return out.end(Outcome.Kind.SKIPPED, "bucket " + record.bucket() + " is not named in the rules ("
                    + rules.source() + "); it is never touched");
        }
        try {
            ObjectStore store = stores.storeFor(record);
            return enforceFirstExisting(record, candidates, store, out);
        } catch (ObjectStoreException e) {
            return out.failure(e).end(Outcome.Kind.FAILED, e.getMessage());
        }
    }

    /** Enforces the first candidate key that a rule covers and that exists. */
    private Outcome enforceFirstExisting(EventRecord record, List<String> candidates, ObjectStore store,
            Outcome.Builder out) throws ObjectStoreException {
        boolean anyRule = false;
        for (String key : candidates) {
            Optional<Rule> rule = rules.match(record.bucket(), key);
            if (rule.isEmpty()) {
                continue;
            }
            anyRule = true;
            out.key(key).rule(rule.get().id());
            Optional<ObjectState> state = headIfExists(store, record.bucket(), key);
            if (state.isPresent()) {
                return enforce(rule.get(), state.get(), store, out);
            }
        }
        out.key(record.key());
        if (!anyRule) {
            return out.end(Outcome.Kind.SKIPPED, "no rule of bucket " + record.bucket() + " matches this key");
        }
        return out.end(Outcome.Kind.GONE, "object no longer exists");
    }

    private static Optional<ObjectState> headIfExists(ObjectStore store, String bucket, String key)
            throws ObjectStoreException {
        try {
            return Optional.of(store.head(bucket, key));
        } catch (ObjectStoreException e) {
            if (e.kind() == ObjectStoreException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Outcome enforce(Rule rule, ObjectState before, ObjectStore store, Outcome.Builder out) {
        out.before(before.encryption());
        Decision decision = Decision.decide(rule.encryption(), before);
        switch (decision.kind()) {
            case COMPLIANT:
                return out.end(Outcome.Kind.COMPLIANT, decision.reason());
            case SKIP:
                return out.end(Outcome.Kind.SKIPPED, decision.reason());
            case REWRITE:
                if (rule.mode() == Mode.AUDIT) {
                    return out.end(Outcome.Kind.WOULD_ENCRYPT, decision.reason() + " (rule in audit mode)");
                }
                if (dryRun) {
                    return out.end(Outcome.Kind.WOULD_ENCRYPT, decision.reason() + " (dry run)");
                }
                return rewrite(rule, before, store, out, decision);
            default:
                throw new AssertionError(decision.kind());
        }
    }

    private static Outcome rewrite(Rule rule, ObjectState before, ObjectStore store, Outcome.Builder out,
            Decision decision) {
        ObjectState after;
        try {
            store.rewrite(before, rule.encryption());
            after = store.head(before.bucket(), before.key());
        } catch (ObjectStoreException e) {
            out.failure(e);
            switch (e.kind()) {
                case NOT_FOUND:
                    return out.end(Outcome.Kind.GONE, "object was deleted while being enforced");
                case CHANGED:
                    return changed(before, store, out, e);
                default:
                    return out.end(Outcome.Kind.FAILED, e.getMessage());
            }
        }
        out.after(after.encryption());
        List<String> problems = Verification.problems(before, after, rule.encryption());
        if (!problems.isEmpty()) {
            return out.end(Outcome.Kind.FAILED, "rewrite did not verify: " + String.join("; ", problems));
        }
        String done = decision.reason() + "; rewritten as " + after.encryption().describe()
                + " and verified (size, CRC64, metadata unchanged)";
        Optional<String> previous = before.versionId();
        if (previous.isEmpty() || after.versionId().equals(previous)) {
            return out.end(Outcome.Kind.ENCRYPTED, done);
        }
        return handlePreviousVersion(rule, before, previous.get(), store, out, done);
    }

    /**
     * OSS answered 412. Only an object whose ETag really moved on was superseded (its newer upload has its own
     * event); one that still has the ETag read met a failure a retry may get past.
     */
    private static Outcome changed(ObjectState before, ObjectStore store, Outcome.Builder out,
            ObjectStoreException e) {
        Optional<ObjectState> now;
        try {
            now = headIfExists(store, before.bucket(), before.key());
        } catch (ObjectStoreException headFailed) {
            return out.retryable().end(Outcome.Kind.FAILED, e.getMessage() + "; whether the object changed is"
                    + " unknown: " + headFailed.getMessage());
        }
        if (now.isEmpty()) {
            return out.end(Outcome.Kind.GONE, "object was deleted while being enforced");
        }
        if (!now.get().eTag().equals(before.eTag())) {
            return out.end(Outcome.Kind.SUPERSEDED, "object was overwritten while being enforced; the newer upload is"
                    + " enforced by its own event");
        }
        return out.retryable().end(Outcome.Kind.FAILED, e.getMessage() + "; yet the object still has ETag "
                + before.eTag() + ", so nothing superseded it");
    }

    /**
     * A versioned bucket keeps the object as it was as a previous version. Deleting it happens only here, after the
     * encrypted copy verified, by that exact version id.
     */
    private static Outcome handlePreviousVersion(Rule rule, ObjectState before, String versionId, ObjectStore store,
            Outcome.Builder out, String done) {
        String was = "previous version " + versionId + " (" + before.encryption().describe() + ")";
        if (rule.previousVersions() == PreviousVersions.KEEP) {
            return out.previousVersion(versionId, false).end(Outcome.Kind.ENCRYPTED,
                    done + "; the " + was + " remains (previousVersions: keep)");
        }
        try {
            store.deleteVersion(before.bucket(), before.key(), versionId);
        } catch (ObjectStoreException e) {
            // A retry would find the object compliant and never come back to this version: not retryable, and the
            // reason names the version to delete by hand.
            return out.previousVersion(versionId, false).failure(e).notRetryable().end(Outcome.Kind.FAILED,
                    done + ", but deleting the " + was + " failed; delete it by hand: " + e.getMessage());
        }
        return out.previousVersion(versionId, true).end(Outcome.Kind.ENCRYPTED, done + "; the " + was + " was deleted");
    }

    /**
     * The key as delivered, then its percent-decoded form: whether OSS events encode keys is not documented, and
     * the decoded form is only ever used when the raw key does not exist.
     */
    static List<String> keyCandidates(String key) {
        Optional<String> decoded = PercentDecoding.decode(key);
        return decoded.isPresent() && !decoded.get().equals(key) ? List.of(key, decoded.get()) : List.of(key);
    }
}
