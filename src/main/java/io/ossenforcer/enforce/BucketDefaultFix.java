package io.ossenforcer.enforce;

import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.rules.Mode;
import io.ossenforcer.rules.Rule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code check-buckets --fix} may set as a bucket's default encryption: the one encryption every enforcing rule
 * of the bucket asks for, and only where that never weakens the current default — the new default must satisfy the
 * current one read as a minimum, so a default is only ever made stronger, never swapped for another key or cipher.
 * Pure.
 */
public final class BucketDefaultFix {
    private final Optional<EncryptionSpec> target;
    private final String reason;

    private BucketDefaultFix(Optional<EncryptionSpec> target, String reason) {
        this.target = target;
        this.reason = reason;
    }

    public static BucketDefaultFix plan(Optional<Encryption> current, List<Rule> rules) {
        List<Rule> enforcing = rules.stream().filter(r -> r.mode() == Mode.ENFORCE).collect(Collectors.toList());
        if (enforcing.isEmpty()) {
            return keep("no enforcing rule (audit only): nothing to set");
        }
        Set<EncryptionSpec> asked = new LinkedHashSet<>();
        enforcing.forEach(r -> asked.add(EncryptionSpec.of(r.encryption().algorithm(), r.encryption().kmsKeyId(),
                r.encryption().dataEncryption(), false)));
        if (asked.size() > 1) {
            return keep("the enforcing rules ask for different encryptions ("
                    + asked.stream().map(EncryptionSpec::describe).collect(Collectors.joining(", "))
                    + "): choose the default by hand");
        }
        EncryptionSpec wanted = asked.iterator().next();
        Encryption asSet = Encryption.of(Optional.of(wanted.algorithm().headerValue()), wanted.kmsKeyId(),
                wanted.dataEncryption().map(Algorithm::headerValue));
        if (current.isEmpty() || !current.get().isEncrypted()) {
            return new BucketDefaultFix(Optional.of(wanted), "set to " + wanted.describe());
        }
        if (enforcing.stream().allMatch(r -> r.encryption().satisfiedBy(current.get()))) {
            return keep("the default already satisfies every rule");
        }
        Optional<EncryptionSpec> currentAsMinimum = asMinimum(current.get());
        if (currentAsMinimum.isEmpty() || !currentAsMinimum.get().satisfiedBy(asSet)) {
            return keep("not changed: " + wanted.describe() + " would not keep what the current default "
                    + current.get().describe() + " gives; change it by hand");
        }
        return new BucketDefaultFix(Optional.of(wanted), "changed from " + current.get().describe() + " to "
                + wanted.describe());
    }

    /** The current default read as a rule; empty for an algorithm this tool does not know. */
    private static Optional<EncryptionSpec> asMinimum(Encryption current) {
        try {
            Algorithm algorithm = Algorithm.valueOf(current.algorithm().orElseThrow());
            Optional<Algorithm> data = current.dataEncryption().isPresent()
                    ? Optional.of(Algorithm.valueOf(current.dataEncryption().get())) : Optional.empty();
            return Optional.of(EncryptionSpec.of(algorithm, current.kmsKeyId(), data, false));
        } catch (IllegalArgumentException | NoSuchElementException e) {
            return Optional.empty();
        }
    }

    private static BucketDefaultFix keep(String reason) {
        return new BucketDefaultFix(Optional.empty(), reason);
    }

    /** The default to set, or empty to leave the bucket as it is. */
    public Optional<EncryptionSpec> target() {
        return target;
    }

    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BucketDefaultFix && target.equals(((BucketDefaultFix) o).target)
                && reason.equals(((BucketDefaultFix) o).reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, reason);
    }

    @Override
    public String toString() {
        return "BucketDefaultFix{" + target.map(EncryptionSpec::describe).orElse("keep") + ": " + reason + '}';
    }
}
