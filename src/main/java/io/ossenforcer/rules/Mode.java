package io.ossenforcer.rules;

import java.util.Optional;

/** What the enforcer does with an object whose encryption falls short of its rule. */
public enum Mode {
    /** Re-encrypt the object. */
    ENFORCE,
    /** Only report the object: for trying a rule out before it changes anything. */
    AUDIT;

    /** The name rules files use: {@code enforce}, {@code audit}. */
    public String configName() {
        return ConfigNames.of(this);
    }

    /** The mode a rules file names, spelled exactly as {@link #configName()} spells it. */
    public static Optional<Mode> fromConfigName(String name) {
        return ConfigNames.parse(values(), name);
    }
}
