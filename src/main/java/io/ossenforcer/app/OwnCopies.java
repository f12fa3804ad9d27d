package io.ossenforcer.app;

import io.ossenforcer.event.EventRecord;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recognises the events of the enforcer's own rewrites, so that they are not paid for as a second run: a CopyObject
 * (single copy) or CompleteMultipartUpload (multipart rewrite) made by a principal listed in {@code OWN_PRINCIPAL_ID}
 * ends before any OSS request. Such an object was verified by the run that rewrote it. Any other event of that
 * principal (a PutObject, say) and every event of other principals is enforced as usual, so a configured id can
 * only ever skip a copy made with the function's own credentials. Pure.
 */
public final class OwnCopies {
    public static final String OWN_PRINCIPAL_ID = "OWN_PRINCIPAL_ID";
    private static final Set<String> REWRITE_EVENTS = Set.of("ObjectCreated:CopyObject",
            "ObjectCreated:CompleteMultipartUpload");

    private final Set<String> principals;

    private OwnCopies(Set<String> principals) {
        this.principals = principals;
    }

    static OwnCopies none() {
        return new OwnCopies(Set.of());
    }

    /**
     * Comma-separated principal ids, blanks around them ignored.
     *
     * @throws IllegalArgumentException naming the variable when an id holds anything but visible ASCII
     */
    public static OwnCopies fromEnvironment(Map<String, String> env) {
        String value = env.get(OWN_PRINCIPAL_ID);
        if (value == null || value.isBlank()) {
            return none();
        }
        Set<String> ids = Arrays.stream(value.split(",")).map(String::trim).filter(id -> !id.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String id : ids) {
            if (!id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException(OWN_PRINCIPAL_ID + ": principal id \"" + id
                        + "\" holds a character that is not visible ASCII");
            }
        }
        return new OwnCopies(ids);
    }

    /** Why the record is the enforcer's own rewrite, or empty when it must be enforced. */
    Optional<String> reasonToSkip(EventRecord record) {
        if (!REWRITE_EVENTS.contains(record.eventName()) || record.principalId().isEmpty()
                || !principals.contains(record.principalId().get())) {
            return Optional.empty();
        }
        return Optional.of("the enforcer's own rewrite (" + record.eventName() + " by principal "
                + record.principalId().get() + ", " + OWN_PRINCIPAL_ID + "): verified by the run that made it");
    }

    boolean isEmpty() {
        return principals.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OwnCopies && principals.equals(((OwnCopies) o).principals);
    }

    @Override
    public int hashCode() {
        return Objects.hash(principals);
    }

    @Override
    public String toString() {
        return "OwnCopies" + principals;
    }
}
