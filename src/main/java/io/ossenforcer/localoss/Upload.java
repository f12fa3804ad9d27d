package io.ossenforcer.localoss;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A multipart upload in progress. The final object's properties are fixed at initiation; parts accumulate until
 * Complete or Abort. Guarded by the {@link Store} lock.
 */
final class Upload {
    private final String uploadId;
    private final String key;
    private final Instant initiated;
    private final ObjectProperties properties;
    private final SortedMap<Integer, Part> parts = new TreeMap<>();

    Upload(String uploadId, String key, Instant initiated, ObjectProperties properties) {
        this.uploadId = uploadId;
        this.key = key;
        this.initiated = initiated;
        this.properties = properties;
    }

    String uploadId() {
        return uploadId;
    }

    String key() {
        return key;
    }

    Instant initiated() {
        return initiated;
    }

    ObjectProperties properties() {
        return properties;
    }

    void putPart(Part part) {
        parts.put(part.number(), part);
    }

    Optional<Part> part(int number) {
        return Optional.ofNullable(parts.get(number));
    }

    List<Part> parts() {
        return new ArrayList<>(parts.values());
    }
}
