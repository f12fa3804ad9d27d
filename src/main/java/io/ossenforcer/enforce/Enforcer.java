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
                return enforce(rule.get(), state.get(), store, out, record.eTag());
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

    private Outcome enforce(Rule rule, ObjectState before, ObjectStore store, Outcome.Builder out,
            Optional<String> uploaded) {
        out.before(before.encryption());
        Decision decision = Decision.decide(rule.encryption(), before);
        switch (decision.kind()) {
            case COMPLIANT:
                return out.end(Outcome.Kind.COMPLIANT, decision.reason() + replacedUpload(uploaded, before));
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

    /**
     * An upload's event that finds its key compliant but with another ETag than it uploaded: a later write replaced
     * the upload (its own event covers it), a multipart rewrite gave the same bytes a multipart ETag, or, in an
     * unversioned bucket's residual window, a rewrite overwrote the upload. Said, so the report never hides the last.
     */
    private static String replacedUpload(Optional<String> uploaded, ObjectState now) {
        if (uploaded.isEmpty() || uploaded.get().equalsIgnoreCase(now.eTag())) {
            return "";
        }
        return "; but the object is no longer the upload of this event (ETag " + uploaded.get() + ", now "
                + now.eTag() + "): a later write replaced it, or a multipart rewrite gave it a multipart ETag";
    }

    private static Outcome rewrite(Rule rule, ObjectState before, ObjectStore store, Outcome.Builder out,
            Decision decision) {
        Rewritten done;
        try {
            done = store.rewrite(before, rule.encryption());
        } catch (ObjectStoreException e) {
            out.failure(e);
            switch (e.kind()) {
                case NOT_FOUND:
                case CHANGED:
                    return changed(before, store, out, e);
                default:
                    return out.end(Outcome.Kind.FAILED, e.getMessage());
            }
        }
        String notes = done.notes().stream().map(n -> "; " + n).reduce("", String::concat);
        if (before.versionId().isPresent() && done.versionId().isPresent()) {
            try {
                Optional<Outcome> repaired = repairBuriedWrite(rule, before, done, store, out, notes);
                if (repaired.isPresent()) {
                    return repaired.get();
                }
            } catch (ObjectStoreException e) {
                // A retry would find the new version compliant and never look again: not retryable, and the reason
                // says which versions to compare by hand.
                return out.failure(e).notRetryable().end(Outcome.Kind.FAILED, "rewritten as version "
                        + done.versionId().get() + ", but looking for a write or delete that landed between version "
                        + before.versionId().get() + " read and it failed; list the key's versions and put any such"
                        + " entry back on top by deleting " + done.versionId().get() + ": " + e.getMessage());
            }
        }
        ObjectState after;
        try {
            Optional<ObjectState> found = headConfirmed(store, before.bucket(), before.key());
            if (found.isEmpty()) {
                return out.end(Outcome.Kind.GONE, "object was deleted right after the rewrite (HEAD answered 404"
                        + " twice)" + notes);
            }
            after = found.get();
        } catch (ObjectStoreException e) {
            return out.failure(e).end(Outcome.Kind.FAILED, e.getMessage());
        }
        out.after(after.encryption());
        if (done.isOverwrittenBy(after)) {
            return out.end(Outcome.Kind.SUPERSEDED, "rewritten, then overwritten by a newer write before it could be"
                    + " verified (" + describe(done) + ", now " + describe(after) + "); the newer write is enforced"
                    + " by its own event" + notes);
        }
        List<String> problems = Verification.problems(before, after, rule.encryption());
        if (!problems.isEmpty()) {
            return out.end(Outcome.Kind.FAILED, "rewrite did not verify: " + String.join("; ", problems) + notes);
        }
        String verified = decision.reason() + "; rewritten as " + after.encryption().describe()
                + " and verified (size, CRC64, metadata unchanged)" + notes;
        Optional<String> previous = before.versionId();
        if (previous.isEmpty() || after.versionId().equals(previous)) {
            return out.end(Outcome.Kind.ENCRYPTED, verified);
        }
        return handlePreviousVersion(rule, before, previous.get(), store, out, verified);
    }

    /** HEAD, and on a 404 HEAD once more: a single 404 is not believed. */
    private static Optional<ObjectState> headConfirmed(ObjectStore store, String bucket, String key)
            throws ObjectStoreException {
        Optional<ObjectState> first = headIfExists(store, bucket, key);
        return first.isPresent() ? first : headIfExists(store, bucket, key);
    }

    private static String describe(Rewritten r) {
        return r.versionId().map(v -> "version " + v).orElse("ETag " + r.eTag()
                + r.lastModified().map(t -> " of " + t).orElse(""));
    }

    private static String describe(ObjectState s) {
        return s.versionId().map(v -> "version " + v).orElse("ETag " + s.eTag()
                + s.lastModified().map(t -> " of " + t).orElse(""));
    }

    /**
     * In a versioned bucket a write (or a delete) that landed between the version read and the version the rewrite
     * created makes that new version stale: it carries the object as read over a newer entry. The rewrite's own
     * version is then deleted by id (no other writer's version is touched), whether or not it is on top, so nobody
     * can bring it back; then whatever is on top is looked at once more: a delete is GONE, a write that satisfies the
     * rule is SUPERSEDED, one that falls short is enforced in turn. Empty when nothing landed in between.
     */
    private static Optional<Outcome> repairBuriedWrite(Rule rule, ObjectState before, Rewritten done,
            ObjectStore store, Outcome.Builder out, String notes) throws ObjectStoreException {
        String read = before.versionId().get();
        String created = done.versionId().get();
        List<VersionEntry> versions = store.versions(before.bucket(), before.key());
        int mine = indexOf(versions, created);
        int source = indexOf(versions, read);
        if (mine < 0 || source <= mine + 1) {
            return Optional.empty();
        }
        VersionEntry buried = versions.get(mine + 1);
        store.deleteVersion(before.bucket(), before.key(), created);
        String what = (buried.isDeleteMarker() ? "a delete (marker " : "a write (version ") + buried.versionId()
                + ") landed between version " + read + " read and version " + created + " the rewrite created; "
                + created + " was deleted so it cannot stand for the newer entry, and version " + read + " is kept"
                + notes;
        Optional<ObjectState> top = headConfirmed(store, before.bucket(), before.key());
        if (top.isEmpty()) {
            return Optional.of(out.end(Outcome.Kind.GONE, "object was deleted while being enforced: " + what));
        }
        if (top.get().versionId().equals(before.versionId())) {
            // The listing could not order a delete marker against the version read (same second): it was older.
            return Optional.of(out.end(Outcome.Kind.FAILED, "entry " + buried.versionId() + " in the same second as"
                    + " version " + read + " was taken as newer and version " + created + " deleted, but version "
                    + read + " is on top again: enforce it again"));
        }
        Decision decision = Decision.decide(rule.encryption(), top.get());
        if (decision.kind() != Decision.Kind.REWRITE) {
            return Optional.of(out.after(top.get().encryption()).end(Outcome.Kind.SUPERSEDED,
                    "object was overwritten while being enforced: " + what + "; on top now: " + describe(top.get())
                    + ", " + decision.reason()));
        }
        Outcome.Builder next = out.reasonPrefix("object was overwritten while being enforced: " + what
                + "; then the newer write: ");
        return Optional.of(rewrite(rule, top.get(), store, next, decision));
    }

    private static int indexOf(List<VersionEntry> versions, String versionId) {
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).versionId().equals(versionId)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * OSS answered 412 or 404. Only an object that really moved on (another ETag, size, version or Last-Modified) was
     * superseded (its newer write has its own event), and only one a second HEAD cannot find is gone; one that is
     * still the object read met a failure a retry may get past.
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
        if (before.isOtherWriteThan(now.get())) {
            return out.end(Outcome.Kind.SUPERSEDED, "object was overwritten while being enforced (" + describe(before)
                    + " read, now " + describe(now.get()) + "); the newer write is enforced by its own event");
        }
        return out.retryable().end(Outcome.Kind.FAILED, e.getMessage() + "; yet the object is still the one read"
                + " (ETag " + before.eTag() + "), so nothing superseded it");
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
