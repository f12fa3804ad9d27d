package io.ossenforcer.enforce;

import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.Rule;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a bucket's default encryption compares with its rules. The default applies only to uploads that send no SSE
 * header; one at least as strong as every rule means most uploads arrive compliant and the enforcer only HEADs them.
 * Pure.
 */
public final class BucketDefault {
    public enum Verdict {
        /** The default satisfies every rule of the bucket. */
        OK,
        /** No default: uploads without SSE headers arrive unencrypted. */
        NONE,
        /** A default weaker than (or different from) what some rules demand. */
        WEAKER
    }

    private final Verdict verdict;
    private final String reason;

    private BucketDefault(Verdict verdict, String reason) {
        this.verdict = verdict;
        this.reason = reason;
    }

    public static BucketDefault assess(Optional<Encryption> bucketDefault, List<Rule> rules) {
        if (bucketDefault.isEmpty() || !bucketDefault.get().isEncrypted()) {
            return new BucketDefault(Verdict.NONE, "no default encryption: uploads without SSE headers arrive"
                    + " unencrypted and each costs a rewrite");
        }
        List<Rule> unmet = rules.stream().filter(r -> !r.encryption().satisfiedBy(bucketDefault.get()))
                .collect(Collectors.toList());
        if (unmet.isEmpty()) {
            return new BucketDefault(Verdict.OK, "the default satisfies every rule");
        }
        return new BucketDefault(Verdict.WEAKER, "weaker than rule(s) " + unmet.stream()
                .map(r -> r.id() + " (" + r.encryption().describe() + ")").collect(Collectors.joining(", ")));
    }

    public Verdict verdict() {
        return verdict;
    }

    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BucketDefault && verdict == ((BucketDefault) o).verdict
                && reason.equals(((BucketDefault) o).reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(verdict, reason);
    }

    @Override
    public String toString() {
        return "BucketDefault{" + verdict + ": " + reason + '}';
    }
}
