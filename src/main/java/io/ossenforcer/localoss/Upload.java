package io.ossenforcer.localoss;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A multipart upload in progress. Everything the final object will carry (metadata, SSE, ACL, class, tags) is fixed
 * at initiation; parts accumulate until Complete or Abort. Guarded by the {@link Store} lock.
 */
final class Upload {
    private final String uploadId;
    private final String key;
    private final Instant initiated;
    private final ObjectMeta meta;
    private final Optional<ServerSideEncryption> encryption;
    private final ObjectAcl acl;
    private final String storageClass;
    private final Tags tags;
    private final SortedMap<Integer, Part> parts = new TreeMap<>();

    Upload(String uploadId, String key, Instant initiated, ObjectMeta meta, Optional<ServerSideEncryption> encryption,
            ObjectAcl acl, String storageClass, Tags tags) {
        this.uploadId = uploadId;
        this.key = key;
        this.initiated = initiated;
        this.meta = meta;
        this.encryption = encryption;
        this.acl = acl;
        this.storageClass = storageClass;
        this.tags = tags;
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

    ObjectMeta meta() {
        return meta;
    }

    Optional<ServerSideEncryption> encryption() {
        return encryption;
    }

    ObjectAcl acl() {
        return acl;
    }

    String storageClass() {
        return storageClass;
    }

    Tags tags() {
        return tags;
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
