package io.ossenforcer.handler;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What the handler reads from its environment, once per instance. */
public final class Settings {
    public static final String RULES_FILE = "RULES_FILE";
    public static final String OSS_ENDPOINT = "OSS_ENDPOINT";
    public static final String FC_REGION = "FC_REGION";
    public static final String DRY_RUN = "DRY_RUN";

    private final Optional<Path> rulesFile;
    private final Optional<String> endpoint;
    private final Optional<String> defaultRegion;
    private final boolean dryRun;

    public Settings(Optional<Path> rulesFile, Optional<String> endpoint, Optional<String> defaultRegion,
            boolean dryRun) {
        this.rulesFile = Objects.requireNonNull(rulesFile);
        this.endpoint = Objects.requireNonNull(endpoint);
        this.defaultRegion = Objects.requireNonNull(defaultRegion);
        this.dryRun = dryRun;
    }

    public static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(text(env, RULES_FILE).map(Path::of), text(env, OSS_ENDPOINT), text(env, FC_REGION),
                text(env, DRY_RUN).map(Boolean::parseBoolean).orElse(false));
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** {@code RULES_FILE}; absent means the {@code rules.json} packaged in the jar. */
    public Optional<Path> rulesFile() {
        return rulesFile;
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
        return new Settings(rulesFile, endpoint, defaultRegion, value);
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
        return dryRun == that.dryRun && rulesFile.equals(that.rulesFile) && endpoint.equals(that.endpoint)
                && defaultRegion.equals(that.defaultRegion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rulesFile, endpoint, defaultRegion, dryRun);
    }

    @Override
    public String toString() {
        return "Settings{rules=" + rulesFile.map(Path::toString).orElse("classpath:rules.json") + ", endpoint="
                + endpoint.orElse("internal endpoint of the event's region") + ", defaultRegion="
                + defaultRegion.orElse("none") + ", dryRun=" + dryRun + '}';
    }
}
