package io.ossenforcer.enforce;

import io.ossenforcer.rules.EncryptionSpec;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** What must happen to one object, decided from its rule's spec and its HEAD alone. Pure. */
public final class Decision {
    public enum Kind {
        /** The object already satisfies its rule. */
        COMPLIANT,
        /** The object must be rewritten with the rule's encryption. */
        REWRITE,
        /** The object cannot or must not be rewritten; the reason says why. */
        SKIP
    }

    private static final Set<String> ARCHIVE_CLASSES = Set.of("archive", "coldarchive", "deepcoldarchive");

    private final Kind kind;
    private final String reason;

    private Decision(Kind kind, String reason) {
        this.kind = kind;
        this.reason = reason;
    }

    public static Decision decide(EncryptionSpec spec, ObjectState state) {
        String current = state.encryption().describe();
        if (ObjectState.SYMLINK.equalsIgnoreCase(state.objectType())) {
            return new Decision(Kind.SKIP, "symlink: a copy would copy the link, not its target; the target object is"
                    + " enforced by its own events");
        }
        if (spec.satisfiedBy(state.encryption())) {
            return new Decision(Kind.COMPLIANT, "encryption " + current + " satisfies " + spec.describe());
        }
        if (ObjectState.APPENDABLE.equalsIgnoreCase(state.objectType())) {
            return new Decision(Kind.SKIP, "appendable object: OSS cannot change its encryption by copy (it has "
                    + current + ", rule wants " + spec.describe() + ")");
        }
        if (isArchiveNotRestored(state)) {
            return new Decision(Kind.SKIP, "storage class " + state.storageClass() + " and not restored: restore it"
                    + " first (it has " + current + ", rule wants " + spec.describe() + ")");
        }
        return new Decision(Kind.REWRITE, "encryption " + current + " does not satisfy " + spec.describe());
    }

    /** OSS reports a finished restore as {@code ongoing-request="false", expiry-date="..."}. */
    private static boolean isArchiveNotRestored(ObjectState state) {
        if (!ARCHIVE_CLASSES.contains(state.storageClass().toLowerCase(Locale.ROOT))) {
            return false;
        }
        return state.restore().map(r -> !r.replace(" ", "").contains("ongoing-request=\"false\"")).orElse(true);
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Decision)) {
            return false;
        }
        Decision that = (Decision) o;
        return kind == that.kind && reason.equals(that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, reason);
    }

    @Override
    public String toString() {
        return "Decision{" + kind + ": " + reason + '}';
    }
}
