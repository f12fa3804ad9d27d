package io.ossenforcer.app;

import io.ossenforcer.oss.CopyLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What the handler reads from its environment, once per instance. */
public final class Settings {
    public static final String RULES_FILE = "RULES_FILE";
    public static final String OSS_ENDPOINT = "OSS_ENDPOINT";
    public static final String FC_REGION = "FC_REGION";
    public static final String DRY_RUN = "DRY_RUN";
    public static final String RULES_OSS_URI = "RULES_OSS_URI";
    public static final String RULES_TTL = "RULES_TTL";
    public static final String COPY_LIMIT_BYTES = "COPY_LIMIT_BYTES";
    public static final String COPY_PART_BYTES = "COPY_PART_BYTES";
    public static final String COPY_PARALLELISM = "COPY_PARALLELISM";
    public static final String COPY_ABANDONED_AFTER_SECONDS = "COPY_ABANDONED_AFTER_SECONDS";
    /** Read by log4j2.xml itself; checked here so that a misspelt level fails the start instead of logging less. */
    public static final String LOG_LEVEL = "LOG_LEVEL";
    private static final Set<String> LOG_LEVELS = Set.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE",
            "ALL");
    static final Duration DEFAULT_RULES_TTL = Duration.ofSeconds(60);

    private final Optional<Path> rulesFile;
    private final Optional<OssUri> rulesUri;
    private final Duration rulesTtl;
    private final CopyLimits copyLimits;
    private final Optional<String> endpoint;
    private final Optional<String> defaultRegion;
    private final boolean dryRun;

    public Settings(Optional<Path> rulesFile, Optional<String> endpoint, Optional<String> defaultRegion,
            boolean dryRun) {
        this(rulesFile, Optional.empty(), DEFAULT_RULES_TTL, CopyLimits.oss(), endpoint, defaultRegion, dryRun);
    }

    private Settings(Optional<Path> rulesFile, Optional<OssUri> rulesUri, Duration rulesTtl, CopyLimits copyLimits,
            Optional<String> endpoint, Optional<String> defaultRegion, boolean dryRun) {
        if (rulesFile.isPresent() && rulesUri.isPresent()) {
            throw new IllegalArgumentException("set " + RULES_FILE + " or " + RULES_OSS_URI + ", not both");
        }
        this.rulesFile = rulesFile;
        this.rulesUri = rulesUri;
        this.rulesTtl = Objects.requireNonNull(rulesTtl);
        this.copyLimits = Objects.requireNonNull(copyLimits);
        this.endpoint = Objects.requireNonNull(endpoint);
        this.defaultRegion = Objects.requireNonNull(defaultRegion);
        this.dryRun = dryRun;
    }

    /** @throws IllegalArgumentException naming the variable that is wrong and why */
    public static Settings fromEnvironment(Map<String, String> env) {
        Optional<String> level = text(env, LOG_LEVEL);
        if (level.isPresent() && !LOG_LEVELS.contains(level.get().toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException(LOG_LEVEL + " must be one of " + new TreeSet<>(LOG_LEVELS) + ", not \""
                    + level.get() + "\"");
        }
        Optional<String> uri = text(env, RULES_OSS_URI);
        Optional<OssUri> rulesUri = uri.isPresent() ? Optional.of(rulesUri(uri.get())) : Optional.empty();
        Optional<String> file = text(env, RULES_FILE);
        Optional<Path> rulesFile = file.isPresent() ? Optional.of(Path.of(file.get())) : Optional.empty();
        Optional<String> dryRun = text(env, DRY_RUN);
        return new Settings(rulesFile, rulesUri,
                Duration.ofSeconds(number(env, RULES_TTL, "seconds", DEFAULT_RULES_TTL.getSeconds())),
                copyLimits(env), text(env, OSS_ENDPOINT), text(env, FC_REGION),
                dryRun.isPresent() && Boolean.parseBoolean(dryRun.get()));
    }

    private static OssUri rulesUri(String value) {
        try {
            return OssUri.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(RULES_OSS_URI + ": " + e.getMessage(), e);
        }
    }

    private static CopyLimits copyLimits(Map<String, String> env) {
        CopyLimits oss = CopyLimits.oss();
        long single = number(env, COPY_LIMIT_BYTES, "bytes", oss.singleCopyMaxBytes());
        long part = number(env, COPY_PART_BYTES, "bytes", oss.partBytes());
        long parallelism = number(env, COPY_PARALLELISM, "copies", oss.parallelism());
        long abandoned = number(env, COPY_ABANDONED_AFTER_SECONDS, "seconds", oss.abandonedAfter().toSeconds());
        try {
            return new CopyLimits(single, part, (int) Math.min(parallelism, Integer.MAX_VALUE),
                    Duration.ofSeconds(abandoned));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(COPY_LIMIT_BYTES + ", " + COPY_PART_BYTES + ", " + COPY_PARALLELISM
                    + ": " + e.getMessage(), e);
        }
    }

    private static long number(Map<String, String> env, String name, String unit, long otherwise) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(value.get());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException(name + " must be a whole number of " + unit + " (0 or more), not \""
                + value.get() + "\"");
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        String value = env.get(name);
        String trimmed = value == null ? "" : value.trim();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
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

    /** {@code COPY_LIMIT_BYTES}, {@code COPY_PART_BYTES}, {@code COPY_PARALLELISM}: OSS's limits by default. */
    public CopyLimits copyLimits() {
        return copyLimits;
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
        return new Settings(rulesFile, rulesUri, rulesTtl, copyLimits, endpoint, defaultRegion, value);
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
                && rulesTtl.equals(that.rulesTtl) && copyLimits.equals(that.copyLimits) && endpoint.equals(that.endpoint)
                && defaultRegion.equals(that.defaultRegion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rulesFile, rulesUri, rulesTtl, copyLimits, endpoint, defaultRegion, dryRun);
    }

    @Override
    public String toString() {
        String rules = "classpath:rules.json";
        if (rulesUri.isPresent()) {
            rules = rulesUri.get() + " (checked every " + rulesTtl.getSeconds() + " s)";
        } else if (rulesFile.isPresent()) {
            rules = rulesFile.get().toString();
        }
        return "Settings{rules=" + rules + ", endpoint="
                + endpoint.orElse("internal endpoint of the event's region") + ", defaultRegion="
                + defaultRegion.orElse("none") + ", " + copyLimits + ", dryRun=" + dryRun + '}';
    }
}
