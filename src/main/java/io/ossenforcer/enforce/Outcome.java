package io.ossenforcer.enforce;

import io.ossenforcer.rules.Encryption;
import java.util.Objects;
import java.util.Optional;

/** How the enforcement of one event record ended, with a reason a person can act on. */
public final class Outcome {
    public enum Kind {
        /** The object was rewritten and the rewrite verified. */
        ENCRYPTED,
        /** The object already satisfied its rule. */
        COMPLIANT,
        /** The object does not satisfy its rule, and the rule is in audit mode (or this is a dry run). */
        WOULD_ENCRYPT,
        /** Nothing to do or nothing that may be done: not an upload, bucket or key not covered, special object. */
        SKIPPED,
        /** The object no longer exists. */
        GONE,
        /** The object changed while being enforced; the newer upload has its own event. */
        SUPERSEDED,
        /** Enforcement failed; {@link #retryable()} says whether a retry may succeed. */
        FAILED
    }

    private final String bucket;
    private final String key;
    private final String eventName;
    private final Optional<String> ruleId;
    private final Kind kind;
    private final String reason;
    private final Optional<Encryption> before;
    private final Optional<Encryption> after;
    private final Optional<String> errorCode;
    private final Optional<String> requestId;
    private final boolean retryable;
    private final Optional<String> previousVersionId;
    private final boolean previousVersionDeleted;

    private Outcome(Builder b) {
        this.bucket = Objects.requireNonNull(b.bucket);
        this.key = Objects.requireNonNull(b.key);
        this.eventName = Objects.requireNonNull(b.eventName);
        this.ruleId = b.ruleId;
        this.kind = Objects.requireNonNull(b.kind);
        this.reason = Objects.requireNonNull(b.reason);
        this.before = b.before;
        this.after = b.after;
        this.errorCode = b.errorCode;
        this.requestId = b.requestId;
        this.retryable = b.retryable;
        this.previousVersionId = b.previousVersionId;
        this.previousVersionDeleted = b.previousVersionDeleted;
    }

    static Builder builder(String bucket, String key, String eventName) {
        return new Builder(bucket, key, eventName);
    }

    /** A record the caller decided to leave alone before any OSS request (the enforcer's own copy's event). */
    public static Outcome skipped(String bucket, String key, String eventName, String reason) {
        return builder(bucket, key, eventName).end(Kind.SKIPPED, reason);
    }

    public String bucket() {
        return bucket;
    }

    /** The key enforced: the event's key, or its percent-decoded form when only that one exists. */
    public String key() {
        return key;
    }

    public String eventName() {
        return eventName;
    }

    public Optional<String> ruleId() {
        return ruleId;
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    public Optional<Encryption> before() {
        return before;
    }

    public Optional<Encryption> after() {
        return after;
    }

    public Optional<String> errorCode() {
        return errorCode;
    }

    public Optional<String> requestId() {
        return requestId;
    }

    /** True for a FAILED outcome that a later retry of the invocation may fix. */
    public boolean retryable() {
        return retryable;
    }

    /** In a versioned bucket, the version a rewrite left behind (the object as it was before). */
    public Optional<String> previousVersionId() {
        return previousVersionId;
    }

    /** Whether {@link #previousVersionId()} was deleted (rule {@code previousVersions: delete}) or kept. */
    public boolean previousVersionDeleted() {
        return previousVersionDeleted;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Outcome)) {
            return false;
        }
        Outcome that = (Outcome) o;
        return retryable == that.retryable && previousVersionDeleted == that.previousVersionDeleted
                && previousVersionId.equals(that.previousVersionId) && bucket.equals(that.bucket) && key.equals(that.key)
                && eventName.equals(that.eventName) && ruleId.equals(that.ruleId) && kind == that.kind
                && reason.equals(that.reason) && before.equals(that.before) && after.equals(that.after)
                && errorCode.equals(that.errorCode) && requestId.equals(that.requestId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, key, eventName, ruleId, kind, reason, before, after, errorCode, requestId,
                retryable, previousVersionId, previousVersionDeleted);
    }

    @Override
    public String toString() {
        return "Outcome{" + kind + " oss://" + bucket + "/" + key + " " + eventName + ruleId.map(r -> " rule=" + r)
                .orElse("") + ": " + reason + before.map(e -> " before=" + e.describe()).orElse("")
                + after.map(e -> " after=" + e.describe()).orElse("") + errorCode.map(c -> " code=" + c).orElse("")
                + requestId.map(r -> " requestId=" + r).orElse("") + (retryable ? " retryable" : "")
                + previousVersionId.map(v -> " previousVersion=" + v + (previousVersionDeleted ? " deleted" : " kept"))
                        .orElse("") + '}';
    }

    static final class Builder {
        private final String bucket;
        private String key;
        private final String eventName;
        private Optional<String> ruleId = Optional.empty();
        private Kind kind;
        private String reason;
        private Optional<Encryption> before = Optional.empty();
        private Optional<Encryption> after = Optional.empty();
        private Optional<String> errorCode = Optional.empty();
        private Optional<String> requestId = Optional.empty();
        private boolean retryable;
        private Optional<String> previousVersionId = Optional.empty();
        private boolean previousVersionDeleted;
        private String reasonPrefix = "";

        private Builder(String bucket, String key, String eventName) {
            this.bucket = bucket;
            this.key = key;
            this.eventName = eventName;
        }

        Builder key(String v) {
            this.key = v;
            return this;
        }

        Builder rule(String id) {
            this.ruleId = Optional.of(id);
            return this;
        }

        Builder before(Encryption e) {
            this.before = Optional.of(e);
            return this;
        }

        Builder after(Encryption e) {
            this.after = Optional.of(e);
            return this;
        }

        Builder failure(ObjectStoreException e) {
            this.errorCode = e.errorCode();
            this.requestId = e.requestId();
            this.retryable = e.kind() == ObjectStoreException.Kind.TRANSIENT;
            return this;
        }

        Builder retryable() {
            this.retryable = true;
            return this;
        }

        Builder notRetryable() {
            this.retryable = false;
            return this;
        }

        Builder previousVersion(String versionId, boolean deleted) {
            this.previousVersionId = Optional.of(versionId);
            this.previousVersionDeleted = deleted;
            return this;
        }

        /** What happened before the step that ends this outcome, put in front of its reason. */
        Builder reasonPrefix(String prefix) {
            this.reasonPrefix = prefix;
            return this;
        }

        Outcome end(Kind kind, String reason) {
            this.kind = kind;
            this.reason = reasonPrefix + reason;
            return new Outcome(this);
        }
    }
}
