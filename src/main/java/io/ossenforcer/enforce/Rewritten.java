package io.ossenforcer.enforce;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rewrite created: the new object's ETag, version id (versioned buckets) and Last-Modified, so the verifying
 * HEAD can tell it from a write that landed after it; and notes for the report (abandoned uploads aborted, an ACL or
 * tag change carried over).
 */
public final class Rewritten {
    private final String eTag;
    private final Optional<String> versionId;
    private final Optional<Instant> lastModified;
    private final List<String> notes;

    public Rewritten(String eTag, Optional<String> versionId, Optional<Instant> lastModified, List<String> notes) {
        this.eTag = Objects.requireNonNull(eTag);
        this.versionId = Objects.requireNonNull(versionId);
        this.lastModified = Objects.requireNonNull(lastModified);
        this.notes = List.copyOf(notes);
    }

    /** The ETag without quotes. */
    public String eTag() {
        return eTag;
    }

    public Optional<String> versionId() {
        return versionId;
    }

    public Optional<Instant> lastModified() {
        return lastModified;
    }

    public List<String> notes() {
        return notes;
    }

    /**
     * Whether {@code now} (a HEAD after the rewrite) is a later write than this one: another version, another ETag,
     * or a later Last-Modified.
     */
    public boolean isOverwrittenBy(ObjectState now) {
        if (versionId.isPresent() && now.versionId().isPresent()) {
            return !versionId.equals(now.versionId());
        }
        return !eTag.equals(now.eTag()) || lastModified.isPresent() && now.lastModified().isPresent()
                && now.lastModified().get().isAfter(lastModified.get());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Rewritten)) {
            return false;
        }
        Rewritten that = (Rewritten) o;
        return eTag.equals(that.eTag) && versionId.equals(that.versionId) && lastModified.equals(that.lastModified)
                && notes.equals(that.notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eTag, versionId, lastModified, notes);
    }

    @Override
    public String toString() {
        return "Rewritten{etag=" + eTag + versionId.map(v -> " version=" + v).orElse("")
                + lastModified.map(t -> " modified=" + t).orElse("") + " notes=" + notes + '}';
    }
}
