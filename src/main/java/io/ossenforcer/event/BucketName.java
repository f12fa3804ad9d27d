package io.ossenforcer.event;

import io.ossenforcer.json.Problems;
import java.util.Optional;
import java.util.regex.Pattern;

/** OSS's rule for bucket names, shared by events and rules so both refuse the same names. */
public final class BucketName {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    private BucketName() {
    }

    public static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    /** What is wrong with {@code name} as a bucket name, or empty when it is a valid one. */
    public static Optional<String> problemWith(String name) {
        return isValid(name)
                ? Optional.empty()
                : Optional.of(Problems.quote(name) + " is not a bucket name (3 to 63 lowercase letters, digits and"
                        + " hyphens, not starting or ending with a hyphen)");
    }
}
