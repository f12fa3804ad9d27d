package io.ossenforcer.canary;

import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.Verification;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges one canary from what was read of it. An enforced canary is checked as the enforcer checks its own rewrite
 * ({@link Verification}), against the canary as it was sent, plus the tags and ACL sent; an audit canary must be
 * exactly as first read. Pure.
 */
public final class CanaryCheck {
    private CanaryCheck() {
    }

    public static CanaryResult check(Observation o) {
        if (!o.uploaded()) {
            return result(o, CanaryResult.Finding.NOT_UPLOADED, List.of(o.failure().orElseThrow().message()));
        }
        if (o.last().isEmpty()) {
            return o.failure().isPresent()
                    ? result(o, CanaryResult.Finding.UNREADABLE, List.of(o.failure().get().message()))
                    : result(o, CanaryResult.Finding.GONE, List.of("the object was deleted while it was watched"));
        }
        CanaryState last = o.last().get();
        return o.canary().mustBeEnforced() ? enforced(o, last) : audited(o, last);
    }

    private static CanaryResult enforced(Observation o, CanaryState last) {
        EncryptionSpec spec = o.canary().rule().encryption();
        List<String> problems = new ArrayList<>(Verification.problems(asSent(o, last), last.object(), spec));
        compare(problems, "tags", o.sent().tags(), last.tags());
        compare(problems, "object ACL", o.sent().acl(), last.acl());
        if (!spec.satisfiedBy(last.object().encryption())) {
            return result(o, o.rewritten() ? CanaryResult.Finding.WRONG_ENCRYPTION
                    : CanaryResult.Finding.NOT_ENFORCED, problems);
        }
        if (!problems.isEmpty()) {
            return result(o, CanaryResult.Finding.DAMAGED, problems);
        }
        // Not rewritten yet satisfied: only the bucket's default encryption gives a canary that on arrival.
        return result(o, o.rewritten() ? CanaryResult.Finding.ENFORCED : CanaryResult.Finding.ENCRYPTED_ON_ARRIVAL,
                problems);
    }

    private static CanaryResult audited(Observation o, CanaryState last) {
        // As first read: a bucket's default encryption applies on arrival, before any trigger, and is no change.
        CanaryState first = o.first().orElse(last);
        List<String> problems = new ArrayList<>();
        Encryption uploadedWith = o.canary().kind().uploadedWith();
        if (!o.encryptedOnArrival() && !first.object().encryption().equals(uploadedWith)) {
            problems.add("encryption changed from " + uploadedWith.describe() + " to "
                    + first.object().encryption().describe() + " before the first read, which the bucket's default"
                    + " encryption does not explain");
        }
        problems.addAll(differences(first, last));
        return result(o, problems.isEmpty() ? CanaryResult.Finding.UNTOUCHED : CanaryResult.Finding.CHANGED, problems);
    }

    /**
     * The canary as it was sent: the upload's encryption, size and CRC64, the content headers and metadata sent; the
     * storage class OSS gave it (the bucket's default) as first read.
     */
    static ObjectState asSent(Observation o, CanaryState last) {
        ObjectState read = o.first().orElse(last).object();
        return ObjectState.builder(read.bucket(), read.key())
                .encryption(o.canary().kind().uploadedWith())
                .eTag(read.eTag())
                .size(o.sent().bytes().length)
                .crc64(o.sentCrc64())
                .objectType(read.objectType())
                .storageClass(read.storageClass())
                .contentHeaders(o.sent().contentHeaders())
                .userMetadata(o.sent().userMetadata())
                .build();
    }

    /** Whether the first read showed the canary as it was sent (whatever its encryption): bytes, headers, tags, ACL. */
    static boolean storedAsSent(Observation o) {
        if (o.first().isEmpty()) {
            return false;
        }
        CanaryState first = o.first().get();
        ObjectState read = first.object();
        return read.size() == o.sent().bytes().length && read.crc64().equals(o.sentCrc64())
                && read.contentHeaders().equals(o.sent().contentHeaders())
                && read.userMetadata().equals(o.sent().userMetadata()) && first.tags().equals(o.sent().tags())
                && first.acl().equals(o.sent().acl());
    }

    /** Everything about the object that differs between two reads, its version and ETag included. */
    static List<String> differences(CanaryState before, CanaryState after) {
        ObjectState b = before.object();
        ObjectState a = after.object();
        List<String> d = new ArrayList<>();
        compare(d, "encryption", b.encryption().describe(), a.encryption().describe());
        compare(d, "ETag", b.eTag(), a.eTag());
        compare(d, "version", b.versionId().orElse("(none)"), a.versionId().orElse("(none)"));
        compare(d, "size", b.size(), a.size());
        compare(d, "CRC64", b.crc64().orElse("(none)"), a.crc64().orElse("(none)"));
        compare(d, "storage class", b.storageClass(), a.storageClass());
        compare(d, "content headers", b.contentHeaders(), a.contentHeaders());
        compare(d, "user metadata", b.userMetadata(), a.userMetadata());
        compare(d, "tags", before.tags(), after.tags());
        compare(d, "object ACL", before.acl(), after.acl());
        return d;
    }

    private static void compare(List<String> problems, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            problems.add(what + " changed from " + expected + " to " + actual);
        }
    }

    private static CanaryResult result(Observation o, CanaryResult.Finding finding, List<String> problems) {
        return new CanaryResult(o, finding, problems, Optional.empty(), Optional.empty());
    }
}
