package io.ossenforcer.enforce;

import io.ossenforcer.rules.EncryptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Compares an object after a rewrite with the object before it: only the encryption may differ. Pure. */
public final class Verification {
    private Verification() {
    }

    /** Every difference that makes the rewrite unacceptable; empty when the rewrite did exactly its job. */
    public static List<String> problems(ObjectState before, ObjectState after, EncryptionSpec spec) {
        List<String> problems = new ArrayList<>();
        if (!spec.satisfiedBy(after.encryption())) {
            problems.add("encryption is " + after.encryption().describe() + ", wanted " + spec.describe());
        }
        if (before.size() != after.size()) {
            problems.add("size changed from " + before.size() + " to " + after.size());
        }
        compare(problems, "CRC64", before.crc64(), after.crc64());
        if (!before.storageClass().equals(after.storageClass())) {
            problems.add("storage class changed from " + before.storageClass() + " to " + after.storageClass());
        }
        if (!before.contentHeaders().equals(after.contentHeaders())) {
            problems.add("content headers changed from " + before.contentHeaders() + " to " + after.contentHeaders());
        }
        if (!before.userMetadata().equals(after.userMetadata())) {
            problems.add("user metadata changed from " + before.userMetadata() + " to " + after.userMetadata());
        }
        return problems;
    }

    /** A CRC that was there before must be there after, and equal: OSS reports it for every object type. */
    private static void compare(List<String> problems, String what, Optional<String> before, Optional<String> after) {
        if (before.isPresent() && !before.equals(after)) {
            problems.add(what + " changed from " + before.get() + " to " + after.orElse("(none)"));
        }
    }
}
