package io.ossenforcer.localoss;

import java.util.Optional;

/**
 * An object's server-side encryption: AES256, SM4, or KMS with a key id (given or the managed key) and optionally SM4
 * data encryption. Built only from a write request's own headers: OSS never inherits encryption from a copy source.
 */
final class ServerSideEncryption {
    static final String ALGORITHM = "x-oss-server-side-encryption";
    static final String KEY_ID = "x-oss-server-side-encryption-key-id";
    static final String DATA_ENCRYPTION = "x-oss-server-side-data-encryption";

    private final String algorithm;
    private final Optional<String> keyId;
    private final Optional<String> dataEncryption;

    private ServerSideEncryption(String algorithm, Optional<String> keyId, Optional<String> dataEncryption) {
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.dataEncryption = dataEncryption;
    }

    /**
     * Validates the SSE headers of a write (see {@link #validated}).
     */
    static Optional<ServerSideEncryption> fromRequest(OssRequest request, Settings settings) {
        Optional<String> algorithm = request.header(ALGORITHM);
        Optional<String> keyId = request.header(KEY_ID);
        Optional<String> data = request.header(DATA_ENCRYPTION);
        if (!algorithm.isPresent()) {
            if (keyId.isPresent() || data.isPresent()) {
                String name = keyId.isPresent() ? KEY_ID : DATA_ENCRYPTION;
                throw OssError.invalidArgument(name + " requires " + ALGORITHM + ": KMS.", name,
                        keyId.orElseGet(data::get));
            }
            return Optional.empty();
        }
        return Optional.of(validated(algorithm.get(), keyId, data, settings, ALGORITHM, KEY_ID, DATA_ENCRYPTION,
                true).withKeyId(settings));
    }

    /**
     * A bucket's default encryption rule ({@code ApplyServerSideEncryptionByDefault}), validated like the headers;
     * an empty {@code KMSMasterKeyID} means none. KMS without a key id stays so (GetBucketEncryption shows it); the
     * objects it encrypts report the managed key, see {@link #withKeyId}.
     */
    static ServerSideEncryption bucketRule(String algorithm, Optional<String> keyId, Optional<String> data,
            Settings settings) {
        return validated(algorithm, keyId.filter(k -> !k.isEmpty()), data.filter(d -> !d.isEmpty()), settings,
                "SSEAlgorithm", "KMSMasterKeyID", "KMSDataEncryption", false);
    }

    /**
     * A bucket rule applied to a write: OSS stores a rule naming a CMK it cannot see, so the key is checked here,
     * when a write would need it (404 {@code KeyNotFound}, the strict reading).
     */
    ServerSideEncryption appliedBy(Settings settings) {
        keyId.filter(id -> !settings.isKnownKmsKey(id)).ifPresent(id -> {
            throw keyNotFound(id);
        });
        return withKeyId(settings);
    }

    /**
     * Strict where OSS is undocumented: a key id or data encryption without KMS is {@code InvalidArgument}; an
     * unknown CMK id on a write ({@code checkKey}) is 404 {@code KeyNotFound} (see docs/LOCAL-OSS.md).
     */
    private static ServerSideEncryption validated(String value, Optional<String> keyId, Optional<String> data,
            Settings settings, String algorithmName, String keyIdName, String dataName, boolean checkKey) {
        if (!value.equals("AES256") && !value.equals("KMS") && !value.equals("SM4")) {
            throw new OssError(400, "InvalidEncryptionAlgorithmError",
                    "The Encryption request you specified is not valid. Supported value: AES256/KMS/SM4")
                    .with("ArgumentName", algorithmName).with("ArgumentValue", value);
        }
        if (!value.equals("KMS") && keyId.isPresent()) {
            throw OssError.invalidArgument(keyIdName + " is only valid with " + algorithmName + ": KMS.", keyIdName,
                    keyId.get());
        }
        if (!value.equals("KMS") && data.isPresent()) {
            throw OssError.invalidArgument(dataName + " is only valid with " + algorithmName + ": KMS.", dataName,
                    data.get());
        }
        if (data.isPresent() && !data.get().equals("SM4")) {
            throw OssError.invalidArgument("The only supported " + dataName + " is SM4.", dataName, data.get());
        }
        if (keyId.isPresent() && keyId.get().isEmpty()) {
            throw OssError.invalidArgument(keyIdName + " must not be empty.", keyIdName, "");
        }
        if (checkKey && keyId.isPresent() && !settings.isKnownKmsKey(keyId.get())) {
            throw keyNotFound(keyId.get());
        }
        return new ServerSideEncryption(value, keyId, data);
    }

    private static OssError keyNotFound(String keyId) {
        return new OssError(404, "KeyNotFound", "The specified parameter KMS keyId is not found").with("KeyId", keyId);
    }

    /** KMS without an explicit key id is reported with the managed key, as OSS does. */
    ServerSideEncryption withKeyId(Settings settings) {
        return algorithm.equals("KMS") && !keyId.isPresent()
                ? new ServerSideEncryption(algorithm, Optional.of(settings.managedKmsKeyId()), dataEncryption)
                : this;
    }

    String algorithm() {
        return algorithm;
    }

    Optional<String> keyId() {
        return keyId;
    }

    Optional<String> dataEncryption() {
        return dataEncryption;
    }

    void writeTo(OssResponse.Builder response) {
        response.header(ALGORITHM, algorithm);
        keyId.ifPresent(id -> response.header(KEY_ID, id));
        dataEncryption.ifPresent(d -> response.header(DATA_ENCRYPTION, d));
    }
}
