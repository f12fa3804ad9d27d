package io.ossenforcer.canary;

import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.Mode;
import io.ossenforcer.rules.Rule;
import java.util.Objects;
import java.util.Optional;

/**
 * One small object uploaded to prove that the deployed function enforces one rule: where, how, and what it must
 * become.
 */
public final class Canary {
    /** How a canary is uploaded. */
    public enum Kind {
        /** Without any SSE header: what most clients send. */
        PLAINTEXT("plaintext", Encryption.NONE),
        /**
         * With SSE-OSS (AES256), weaker than a KMS or SM4 rule; an explicit header wins over bucket default
         * encryption.
         */
        WEAKER("weaker", Encryption.of(Algorithm.AES256));

        private final String label;
        private final Encryption uploadedWith;

        Kind(String label, Encryption uploadedWith) {
            this.label = label;
            this.uploadedWith = uploadedWith;
        }

        public String label() {
            return label;
        }

        public Encryption uploadedWith() {
            return uploadedWith;
        }
    }

    private final String bucket;
    private final String key;
    private final Rule rule;
    private final Kind kind;
    private final Optional<String> placement;

    Canary(String bucket, String key, Rule rule, Kind kind, Optional<String> placement) {
        this.bucket = Objects.requireNonNull(bucket);
        this.key = Objects.requireNonNull(key);
        this.rule = Objects.requireNonNull(rule);
        this.kind = Objects.requireNonNull(kind);
        this.placement = Objects.requireNonNull(placement);
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public Rule rule() {
        return rule;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the function must rewrite it ({@code enforce} rules) or leave it exactly as uploaded ({@code audit}). */
    public boolean mustBeEnforced() {
        return rule.mode() == Mode.ENFORCE;
    }

    /** Why the key is not under the dedicated prefix, when the rule's filters could not cover that prefix. */
    public Optional<String> placement() {
        return placement;
    }

    /** What the rule says must become of it, e.g. {@code KMS(key=k1)} or {@code untouched (audit)}. */
    public String expected() {
        return mustBeEnforced() ? rule.encryption().describe() : "untouched (audit)";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Canary)) {
            return false;
        }
        Canary that = (Canary) o;
        return bucket.equals(that.bucket) && key.equals(that.key) && rule.equals(that.rule) && kind == that.kind
                && placement.equals(that.placement);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, key, rule, kind, placement);
    }

    @Override
    public String toString() {
        return "oss://" + bucket + "/" + key + " (" + kind.label + ", rule " + rule.id() + ")";
    }
}
