package io.ossenforcer.app;

import io.ossenforcer.oss.AccessKey;
import java.util.Map;
import java.util.Optional;

/** An AccessKey from {@code ALIBABA_CLOUD_ACCESS_KEY_ID}, {@code _SECRET} and optional {@code _SECURITY_TOKEN}. */
public final class EnvironmentCredentials {
    public static final String ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public static final String ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public static final String SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";

    private EnvironmentCredentials() {
    }

    /** Empty unless both the id and the secret are set and not blank. */
    public static Optional<AccessKey> of(Map<String, String> env) {
        String id = env.get(ACCESS_KEY_ID);
        String secret = env.get(ACCESS_KEY_SECRET);
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AccessKey(id, secret, Optional.ofNullable(env.get(SECURITY_TOKEN))));
    }
}
