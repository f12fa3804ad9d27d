package io.ossenforcer.oss;

import java.util.Objects;
import java.util.Optional;

/** An AccessKey pair with an optional STS token. Its {@link #toString()} never shows the secret or the token. */
public final class AccessKey {
    private final String id;
    private final String secret;
    private final Optional<String> securityToken;

    public AccessKey(String id, String secret, Optional<String> securityToken) {
        this.id = requireText(id, "access key id");
        this.secret = requireText(secret, "access key secret");
        boolean blank = Objects.requireNonNull(securityToken).isPresent() && securityToken.get().isBlank();
        this.securityToken = blank ? Optional.empty() : securityToken;
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return value;
    }

    public String id() {
        return id;
    }

    public String secret() {
        return secret;
    }

    public Optional<String> securityToken() {
        return securityToken;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AccessKey)) {
            return false;
        }
        AccessKey that = (AccessKey) o;
        return id.equals(that.id) && secret.equals(that.secret) && securityToken.equals(that.securityToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, secret, securityToken);
    }

    @Override
    public String toString() {
        return "AccessKey{id=" + id + ", secret=***" + (securityToken.isPresent() ? ", token=***" : "") + '}';
    }
}
