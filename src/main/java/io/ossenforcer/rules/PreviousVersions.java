package io.ossenforcer.rules;

import java.util.Optional;

/**
 * In a versioned bucket a rewrite adds an encrypted current version and the old one stays: what to do with it.
 */
public enum PreviousVersions {
    /** Keep it; the report names its version id. The default: deleting data is never implicit. */
    KEEP,
    /** Delete exactly that version, by id, once the encrypted copy is verified. Never any other version. */
    DELETE;

    /** The name rules files use: {@code keep}, {@code delete}. */
    public String configName() {
        return ConfigNames.of(this);
    }

    public static Optional<PreviousVersions> fromConfigName(String name) {
        return ConfigNames.parse(values(), name);
    }
}
