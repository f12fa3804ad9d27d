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
     * Validates the SSE headers of a write. Strict where OSS is undocumented: a key id or data encryption without KMS
     * is {@code InvalidArgument}; an unknown CMK id is 404 {@code KeyNotFound} (see docs/LOCAL-OSS.md).
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
        String value = algorithm.get();
        if (!value.equals("AES256") && !value.equals("KMS") && !value.equals("SM4")) {
            throw new OssError(400, "InvalidEncryptionAlgorithmError",
                    "The Encryption request you specified is not valid. Supported value: AES256/KMS/SM4")
                    .with("ArgumentName", ALGORITHM).with("ArgumentValue", value);
        }
        if (!value.equals("KMS") && keyId.isPresent()) {
            throw OssError.invalidArgument(KEY_ID + " is only valid with " + ALGORITHM + ": KMS.", KEY_ID,
                    keyId.get());
        }
        if (!value.equals("KMS") && data.isPresent()) {
            throw OssError.invalidArgument(DATA_ENCRYPTION + " is only valid with " + ALGORITHM + ": KMS.",
                    DATA_ENCRYPTION, data.get());
        }
        if (data.isPresent() && !data.get().equals("SM4")) {
            throw OssError.invalidArgument("The only supported " + DATA_ENCRYPTION + " is SM4.", DATA_ENCRYPTION,
                    data.get());
        }
        if (!value.equals("KMS")) {
            return Optional.of(new ServerSideEncryption(value, Optional.empty(), Optional.empty()));
        }
        if (keyId.isPresent() && keyId.get().isEmpty()) {
            throw OssError.invalidArgument(KEY_ID + " must not be empty.", KEY_ID, "");
        }
        if (keyId.isPresent() && !settings.isKnownKmsKey(keyId.get())) {
            throw new OssError(404, "KeyNotFound", "The specified parameter KMS keyId is not found")
                    .with("KeyId", keyId.get());
        }
        return Optional.of(new ServerSideEncryption(value, Optional.of(keyId.orElse(settings.managedKmsKeyId())),
                data));
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
