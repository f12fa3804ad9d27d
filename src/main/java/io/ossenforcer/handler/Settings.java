package io.ossenforcer.handler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What the handler reads from its environment, once per instance. */
public final class Settings {
    public static final String RULES_FILE = "RULES_FILE";
    public static final String OSS_ENDPOINT = "OSS_ENDPOINT";
    public static final String FC_REGION = "FC_REGION";
    public static final String DRY_RUN = "DRY_RUN";
    public static final String RULES_OSS_URI = "RULES_OSS_URI";
    public static final String RULES_TTL = "RULES_TTL";
    static final Duration DEFAULT_RULES_TTL = Duration.ofSeconds(60);

    private final Optional<Path> rulesFile;
    private final Optional<OssUri> rulesUri;
    private final Duration rulesTtl;
    private final Optional<String> endpoint;
    private final Optional<String> defaultRegion;
    private final boolean dryRun;

    public Settings(Optional<Path> rulesFile, Optional<String> endpoint, Optional<String> defaultRegion,
            boolean dryRun) {
        this(rulesFile, Optional.empty(), DEFAULT_RULES_TTL, endpoint, defaultRegion, dryRun);
    }

    private Settings(Optional<Path> rulesFile, Optional<OssUri> rulesUri, Duration rulesTtl, Optional<String> endpoint,
            Optional<String> defaultRegion, boolean dryRun) {
        if (rulesFile.isPresent() && rulesUri.isPresent()) {
            throw new IllegalArgumentException("set " + RULES_FILE + " or " + RULES_OSS_URI + ", not both");
        }
        this.rulesFile = rulesFile;
        this.rulesUri = rulesUri;
        this.rulesTtl = Objects.requireNonNull(rulesTtl);
        this.endpoint = Objects.requireNonNull(endpoint);
        this.defaultRegion = Objects.requireNonNull(defaultRegion);
        this.dryRun = dryRun;
    }

    /** @throws IllegalArgumentException naming the variable that is wrong and why */
    public static Settings fromEnvironment(Map<String, String> env) {
        Optional<OssUri> uri = text(env, RULES_OSS_URI).map(v -> {
            try {
                return OssUri.parse(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RULES_OSS_URI + ": " + e.getMessage(), e);
            }
        });
        return new Settings(text(env, RULES_FILE).map(Path::of), uri, text(env, RULES_TTL).map(Settings::ttl)
                .orElse(DEFAULT_RULES_TTL), text(env, OSS_ENDPOINT), text(env, FC_REGION),
                text(env, DRY_RUN).map(Boolean::parseBoolean).orElse(false));
    }

    private static Duration ttl(String seconds) {
        try {
            long n = Long.parseLong(seconds);
            if (n >= 0) {
                return Duration.ofSeconds(n);
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException(RULES_TTL + " must be a whole number of seconds (0 or more), not \""
                + seconds + "\"");
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** {@code RULES_FILE}; absent means the {@code rules.json} packaged in the jar. */
    public Optional<Path> rulesFile() {
        return rulesFile;
    }

    /** {@code RULES_OSS_URI}: rules kept in OSS and reloaded when they change. */
    public Optional<OssUri> rulesUri() {
        return rulesUri;
    }

    /** {@code RULES_TTL}: how long OSS-kept rules are used before their ETag is checked again. */
    public Duration rulesTtl() {
        return rulesTtl;
    }

    /** {@code OSS_ENDPOINT}; absent means the internal endpoint of each event's region. */
    public Optional<String> endpoint() {
        return endpoint;
    }

    /** {@code FC_REGION}: the region of records whose event names none. */
    public Optional<String> defaultRegion() {
        return defaultRegion;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Settings withDryRun(boolean value) {
        return new Settings(rulesFile, rulesUri, rulesTtl, endpoint, defaultRegion, value);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Settings)) {
            return false;
        }
        Settings that = (Settings) o;
        return dryRun == that.dryRun && rulesFile.equals(that.rulesFile) && rulesUri.equals(that.rulesUri)
                && rulesTtl.equals(that.rulesTtl) && endpoint.equals(that.endpoint)
                && defaultRegion.equals(that.defaultRegion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rulesFile, rulesUri, rulesTtl, endpoint, defaultRegion, dryRun);
    }

    @Override
    public String toString() {
        String rules = rulesUri.map(u -> u + " (checked every " + rulesTtl.getSeconds() + " s)")
                .orElseGet(() -> rulesFile.map(Path::toString).orElse("classpath:rules.json"));
        return "Settings{rules=" + rules + ", endpoint="
                + endpoint.orElse("internal endpoint of the event's region") + ", defaultRegion="
                + defaultRegion.orElse("none") + ", dryRun=" + dryRun + '}';
    }
}
