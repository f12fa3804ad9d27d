package io.ossenforcer.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How rules files spell enum values: the constant's name in lower case ({@code enforce}, {@code delete}). */
final class ConfigNames {
    private ConfigNames() {
    }

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The value spelled exactly as {@link #of} spells it. */
    static <E extends Enum<E>> Optional<E> parse(E[] values, String name) {
        return Arrays.stream(values).filter(v -> of(v).equals(name)).findFirst();
    }

    static String allowed(Enum<?>[] values) {
        return Arrays.stream(values).map(ConfigNames::of).collect(Collectors.joining(", "));
    }
}
