package io.ossenforcer.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * The server-side encryption an object carries, as OSS reports it. Values are kept as OSS sent them (strings, not
 * {@link Algorithm}) so that an algorithm this code does not know yet is reported faithfully rather than dropped.
 */
public final class Encryption {
    public static final Encryption NONE = new Encryption(Optional.empty(), Optional.empty(), Optional.empty());

    private final Optional<String> algorithm;
    private final Optional<String> kmsKeyId;
    private final Optional<String> dataEncryption;

    private Encryption(Optional<String> algorithm, Optional<String> kmsKeyId, Optional<String> dataEncryption) {
        this.algorithm = algorithm;
        this.kmsKeyId = kmsKeyId;
        this.dataEncryption = dataEncryption;
    }

    /** From the three OSS response headers; blank values count as absent. */
    public static Encryption of(Optional<String> algorithm, Optional<String> kmsKeyId, Optional<String> dataEncryption) {
        Optional<String> alg = nonBlank(algorithm);
        if (alg.isEmpty()) {
            return NONE;
        }
        return new Encryption(alg, nonBlank(kmsKeyId), nonBlank(dataEncryption));
    }

    public static Encryption of(Algorithm algorithm) {
        return new Encryption(Optional.of(algorithm.headerValue()), Optional.empty(), Optional.empty());
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        if (Objects.requireNonNull(value).isEmpty()) {
            return value;
        }
        String trimmed = value.get().trim();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    public Optional<String> algorithm() {
        return algorithm;
    }

    public Optional<String> kmsKeyId() {
        return kmsKeyId;
    }

    public Optional<String> dataEncryption() {
        return dataEncryption;
    }

    public boolean isEncrypted() {
        return algorithm.isPresent();
    }

    public boolean is(Algorithm a) {
        return algorithm.isPresent() && a.headerValue().equalsIgnoreCase(algorithm.get());
    }

    public boolean hasDataEncryption(Algorithm a) {
        return dataEncryption.isPresent() && a.headerValue().equalsIgnoreCase(dataEncryption.get());
    }

    /** Short human form, e.g. {@code none}, {@code AES256}, {@code KMS(key=abc)+SM4}. */
    public String describe() {
        if (algorithm.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder(algorithm.get());
        if (kmsKeyId.isPresent()) {
            s.append("(key=").append(kmsKeyId.get()).append(')');
        }
        if (dataEncryption.isPresent()) {
            s.append('+').append(dataEncryption.get());
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Encryption)) {
            return false;
        }
        Encryption that = (Encryption) o;
        return algorithm.equals(that.algorithm) && kmsKeyId.equals(that.kmsKeyId)
                && dataEncryption.equals(that.dataEncryption);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, kmsKeyId, dataEncryption);
    }

    @Override
    public String toString() {
        return "Encryption{" + describe() + '}';
    }
}
