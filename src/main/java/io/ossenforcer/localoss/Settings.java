package io.ossenforcer.localoss;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The emulator's fixed configuration: who may call it, where it pretends to be, what KMS knows. */
final class Settings {
    private final String region;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final Optional<String> securityToken;
    private final Optional<Instant> securityTokenExpiry;
    private final Set<String> kmsKeys;
    private final String managedKmsKeyId;
    private final long copyLimitBytes;
    private final String accountId;
    private final boolean restoreInstantly;

    Settings(String region, String accessKeyId, String accessKeySecret, Optional<String> securityToken,
            Optional<Instant> securityTokenExpiry, Set<String> kmsKeys, String managedKmsKeyId, long copyLimitBytes, String accountId,
            boolean restoreInstantly) {
        this.region = region;
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
        this.securityToken = securityToken;
        this.securityTokenExpiry = securityTokenExpiry;
        this.kmsKeys = Collections.unmodifiableSet(new LinkedHashSet<>(kmsKeys));
        this.managedKmsKeyId = managedKmsKeyId;
        this.copyLimitBytes = copyLimitBytes;
        this.accountId = accountId;
        this.restoreInstantly = restoreInstantly;
    }

    String region() {
        return region;
    }

    String accessKeyId() {
        return accessKeyId;
    }

    String accessKeySecret() {
        return accessKeySecret;
    }

    Optional<String> securityToken() {
        return securityToken;
    }

    /** When the STS token stops being accepted ({@code SecurityTokenExpired}); never when empty. */
    Optional<Instant> securityTokenExpiry() {
        return securityTokenExpiry;
    }

    /** The configured customer CMKs and the managed key both exist in this emulator's KMS. */
    boolean isKnownKmsKey(String keyId) {
        return kmsKeys.contains(keyId) || managedKmsKeyId.equals(keyId);
    }

    String managedKmsKeyId() {
        return managedKmsKeyId;
    }

    long copyLimitBytes() {
        return copyLimitBytes;
    }

    /** Whether RestoreObject completes at once instead of waiting for {@link LocalOss#completeRestores()}. */
    boolean restoreInstantly() {
        return restoreInstantly;
    }

    /** The numeric account id OSS reports as owner, in ACLs and in event ARNs. */
    String accountId() {
        return accountId;
    }
}
