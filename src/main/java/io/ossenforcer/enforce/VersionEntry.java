package io.ossenforcer.enforce;

import java.util.Objects;

/** One entry of a key's version list (ListObjectVersions): a version or a delete marker. */
public final class VersionEntry {
    private final String versionId;
    private final boolean deleteMarker;

    public VersionEntry(String versionId, boolean deleteMarker) {
        this.versionId = Objects.requireNonNull(versionId);
        this.deleteMarker = deleteMarker;
    }

    public String versionId() {
        return versionId;
    }

    public boolean isDeleteMarker() {
        return deleteMarker;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionEntry && versionId.equals(((VersionEntry) o).versionId)
                && deleteMarker == ((VersionEntry) o).deleteMarker;
    }

    @Override
    public int hashCode() {
        return Objects.hash(versionId, deleteMarker);
    }

    @Override
    public String toString() {
        return (deleteMarker ? "delete marker " : "version ") + versionId;
    }
}
