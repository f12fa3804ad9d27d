package io.ossenforcer.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * The encryption a rule demands. A spec is a minimum: {@link #satisfiedBy} accepts any encryption at least as
 * strong as the one stated, unless {@link #exact()} demands the stated encryption and nothing else.
 */
public final class EncryptionSpec {
    private final Algorithm algorithm;
    private final Optional<String> kmsKeyId;
    private final Optional<Algorithm> dataEncryption;
    private final boolean exact;

    private EncryptionSpec(Algorithm algorithm, Optional<String> kmsKeyId, Optional<Algorithm> dataEncryption,
            boolean exact) {
        this.algorithm = algorithm;
        this.kmsKeyId = kmsKeyId;
        this.dataEncryption = dataEncryption;
        this.exact = exact;
    }

    /**
     * @throws IllegalArgumentException when the combination is one OSS does not accept: a key id or a data
     *     encryption without KMS, a data encryption other than SM4, or a key id that is blank or holds anything but
     *     visible ASCII.
     */
    public static EncryptionSpec of(Algorithm algorithm, Optional<String> kmsKeyId, Optional<Algorithm> dataEncryption,
            boolean exact) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (kmsKeyId.isPresent() && algorithm != Algorithm.KMS) {
            throw new IllegalArgumentException("kmsKeyId is only allowed with algorithm KMS, not " + algorithm);
        }
        if (kmsKeyId.isPresent() && kmsKeyId.get().isBlank()) {
            throw new IllegalArgumentException("kmsKeyId must not be blank");
        }
        if (kmsKeyId.isPresent()) {
            checkVisibleAscii(kmsKeyId.get());
        }
        if (dataEncryption.isPresent() && algorithm != Algorithm.KMS) {
            throw new IllegalArgumentException("dataEncryption is only allowed with algorithm KMS, not " + algorithm);
        }
        if (dataEncryption.isPresent() && dataEncryption.get() != Algorithm.SM4) {
            throw new IllegalArgumentException("dataEncryption must be SM4, not " + dataEncryption.get());
        }
        return new EncryptionSpec(algorithm, kmsKeyId, dataEncryption, exact);
    }

    /**
     * Key ids, aliases and ARNs are visible ASCII, and the id travels in a request header: a line break or a space
     * there would make every rewrite fail with a signature error that names neither the rule nor the key.
     */
    private static void checkVisibleAscii(String kmsKeyId) {
        for (int i = 0; i < kmsKeyId.length(); i++) {
            char c = kmsKeyId.charAt(i);
            if (c < '!' || c > '~') {
                throw new IllegalArgumentException(String.format("kmsKeyId must be visible ASCII, without whitespace"
                        + " or control characters: U+%04X at index %d", (int) c, i));
            }
        }
    }

    public static EncryptionSpec of(Algorithm algorithm) {
        return of(algorithm, Optional.empty(), Optional.empty(), false);
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public Optional<String> kmsKeyId() {
        return kmsKeyId;
    }

    public Optional<Algorithm> dataEncryption() {
        return dataEncryption;
    }

    public boolean exact() {
        return exact;
    }

    /**
     * Whether an object carrying {@code current} already meets this spec. Without {@code exact}: AES256 is met by
     * any server-side encryption; KMS by KMS (with the named CMK if one is given, with SM4 data encryption if that is
     * given); SM4 by SM4 or KMS with SM4 data encryption. With {@code exact}: the same algorithm, the same CMK when
     * one is named (the default managed key's id is not known in advance, so any KMS key meets an exact KMS spec
     * that names none) and the same data encryption, present or absent.
     */
    public boolean satisfiedBy(Encryption current) {
        return exact ? exactlyMatches(current) : atLeast(current);
    }

    private boolean atLeast(Encryption current) {
        switch (algorithm) {
            case AES256:
                return current.isEncrypted();
            case KMS:
                return current.is(Algorithm.KMS) && keyMatches(current)
                        && (dataEncryption.isEmpty() || current.hasDataEncryption(Algorithm.SM4));
            case SM4:
                return current.is(Algorithm.SM4)
                        || (current.is(Algorithm.KMS) && current.hasDataEncryption(Algorithm.SM4));
            default:
                throw new AssertionError(algorithm);
        }
    }

    private boolean exactlyMatches(Encryption current) {
        if (!current.is(algorithm)) {
            return false;
        }
        if (algorithm != Algorithm.KMS) {
            return current.kmsKeyId().isEmpty() && current.dataEncryption().isEmpty();
        }
        boolean dataMatches = dataEncryption.isPresent()
                ? current.hasDataEncryption(dataEncryption.get())
                : current.dataEncryption().isEmpty();
        return keyMatches(current) && dataMatches;
    }

    private boolean keyMatches(Encryption current) {
        return kmsKeyId.isEmpty() || kmsKeyId.equals(current.kmsKeyId());
    }

    /** Short human form, e.g. {@code AES256}, {@code KMS(key=abc)+SM4}, {@code exactly KMS}. */
    public String describe() {
        StringBuilder s = new StringBuilder(exact ? "exactly " : "").append(algorithm.headerValue());
        if (kmsKeyId.isPresent()) {
            s.append("(key=").append(kmsKeyId.get()).append(')');
        }
        if (dataEncryption.isPresent()) {
            s.append('+').append(dataEncryption.get().headerValue());
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EncryptionSpec)) {
            return false;
        }
        EncryptionSpec that = (EncryptionSpec) o;
        return exact == that.exact && algorithm == that.algorithm && kmsKeyId.equals(that.kmsKeyId)
                && dataEncryption.equals(that.dataEncryption);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, kmsKeyId, dataEncryption, exact);
    }

    @Override
    public String toString() {
        return "EncryptionSpec{" + describe() + '}';
    }
}
