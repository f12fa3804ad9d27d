package io.ossenforcer.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a bucket: which keys it covers and the encryption they must carry. A key is covered when it starts
 * with {@link #prefix()}, ends with {@link #suffix()} and starts with none of {@link #exclude()}; an absent prefix
 * or suffix covers every key.
 */
public final class Rule {
    private final String id;
    // "" stands for an absent prefix or suffix: it is what every key starts and ends with.
    private final String prefix;
    private final String suffix;
    private final List<String> exclude;
    private final EncryptionSpec encryption;
    private final Mode mode;
    private final PreviousVersions previousVersions;

    private Rule(String id, String prefix, String suffix, List<String> exclude, EncryptionSpec encryption, Mode mode,
            PreviousVersions previousVersions) {
        this.id = id;
        this.prefix = prefix;
        this.suffix = suffix;
        this.exclude = exclude;
        this.encryption = encryption;
        this.mode = mode;
        this.previousVersions = previousVersions;
    }

    /**
     * Makes a rule as given; {@link RulesParser} is what checks a rule for problems. An empty prefix or suffix is the
     * same as an absent one.
     */
    public static Rule of(String id, Optional<String> prefix, Optional<String> suffix, List<String> exclude,
            EncryptionSpec encryption, Mode mode, PreviousVersions previousVersions) {
        return new Rule(Objects.requireNonNull(id, "id"), prefix.orElse(""), suffix.orElse(""), List.copyOf(exclude),
                Objects.requireNonNull(encryption, "encryption"), Objects.requireNonNull(mode, "mode"),
                Objects.requireNonNull(previousVersions, "previousVersions"));
    }

    /** A rule that keeps previous versions (the default). */
    public static Rule of(String id, Optional<String> prefix, Optional<String> suffix, List<String> exclude,
            EncryptionSpec encryption, Mode mode) {
        return of(id, prefix, suffix, exclude, encryption, mode, PreviousVersions.KEEP);
    }

    public String id() {
        return id;
    }

    public Optional<String> prefix() {
        return prefix.isEmpty() ? Optional.empty() : Optional.of(prefix);
    }

    public Optional<String> suffix() {
        return suffix.isEmpty() ? Optional.empty() : Optional.of(suffix);
    }

    /** Key prefixes this rule leaves alone, even when the key has the rule's prefix and suffix. */
    public List<String> exclude() {
        return exclude;
    }

    public EncryptionSpec encryption() {
        return encryption;
    }

    public Mode mode() {
        return mode;
    }

    /** What happens to the previous version a rewrite leaves behind in a versioned bucket. */
    public PreviousVersions previousVersions() {
        return previousVersions;
    }

    public boolean matches(String key) {
        return key.startsWith(prefix) && key.endsWith(suffix) && !isExcluded(key);
    }

    private boolean isExcluded(String key) {
        for (String excluded : exclude) {
            if (key.startsWith(excluded)) {
                return true;
            }
        }
        return false;
    }

    /** The prefix as a string, {@code ""} when absent: what the index groups rules by. */
    String prefixOrEmpty() {
        return prefix;
    }

    /** The suffix as a string, {@code ""} when absent. */
    String suffixOrEmpty() {
        return suffix;
    }

    /**
     * Whether this rule matches every key {@code later} could match, so that {@code later}, placed after it, never
     * gets a key. Errs on the side of "no": it is used to report mistakes, never to decide a match.
     */
    boolean matchesEveryKeyOf(Rule later) {
        if (!later.prefix.startsWith(prefix) || !later.suffix.endsWith(suffix)) {
            return false;
        }
        for (String excluded : exclude) {
            boolean excludesAllOfLater = later.prefix.startsWith(excluded);
            boolean excludesSomeOfLater = excluded.startsWith(later.prefix) && !later.isExcluded(excluded);
            if (excludesAllOfLater || excludesSomeOfLater) {
                return false;
            }
        }
        return true;
    }

    /** An exclude that covers this rule's own prefix, leaving the rule no key to match. */
    Optional<String> excludeCoveringPrefix() {
        for (String excluded : exclude) {
            if (prefix.startsWith(excluded)) {
                return Optional.of(excluded);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Rule)) {
            return false;
        }
        Rule that = (Rule) o;
        return id.equals(that.id) && prefix.equals(that.prefix) && suffix.equals(that.suffix)
                && exclude.equals(that.exclude) && encryption.equals(that.encryption) && mode == that.mode
                && previousVersions == that.previousVersions;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, prefix, suffix, exclude, encryption, mode, previousVersions);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Rule{").append(id);
        if (!prefix.isEmpty()) {
            s.append(" prefix=").append(prefix);
        }
        if (!suffix.isEmpty()) {
            s.append(" suffix=").append(suffix);
        }
        if (!exclude.isEmpty()) {
            s.append(" exclude=").append(exclude);
        }
        s.append(' ').append(encryption.describe()).append(' ').append(mode.configName());
        if (previousVersions != PreviousVersions.KEEP) {
            s.append(" previousVersions=").append(previousVersions.configName());
        }
        return s.append('}').toString();
    }
}
