package io.ossenforcer.event;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One object event as delivered by an OSS trigger, whatever the envelope (native or EventBridge CloudEvent).
 * {@link #eventName()} never carries the {@code oss:} prefix; {@link #key()} is the key exactly as the event spelled
 * it (see {@code README.md}, "Object keys in events").
 */
public final class EventRecord {
    private static final String CREATED_PREFIX = "ObjectCreated:";

    private final String eventName;
    private final String bucket;
    private final String key;
    private final Optional<String> eTag;
    private final OptionalLong size;
    private final Optional<String> region;
    private final Optional<String> requestId;
    private final Optional<String> principalId;

    public EventRecord(String eventName, String bucket, String key, Optional<String> eTag, OptionalLong size,
            Optional<String> region, Optional<String> requestId) {
        this(eventName, bucket, key, eTag, size, region, requestId, Optional.empty());
    }

    public EventRecord(String eventName, String bucket, String key, Optional<String> eTag, OptionalLong size,
            Optional<String> region, Optional<String> requestId, Optional<String> principalId) {
        this.eventName = Objects.requireNonNull(eventName, "eventName");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.eTag = Objects.requireNonNull(eTag, "eTag");
        this.size = Objects.requireNonNull(size, "size");
        this.region = Objects.requireNonNull(region, "region");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.principalId = Objects.requireNonNull(principalId, "principalId");
    }

    public String eventName() {
        return eventName;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public Optional<String> eTag() {
        return eTag;
    }

    public OptionalLong size() {
        return size;
    }

    public Optional<String> region() {
        return region;
    }

    /** The OSS request id of the operation that caused the event ({@code responseElements.requestId}). */
    public Optional<String> requestId() {
        return requestId;
    }

    /** Who made the request that caused the event ({@code userIdentity.principalId}). */
    public Optional<String> principalId() {
        return principalId;
    }

    /** Whether the event says an object was created or overwritten: the only events the enforcer acts on. */
    public boolean isObjectCreated() {
        return eventName.startsWith(CREATED_PREFIX);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EventRecord)) {
            return false;
        }
        EventRecord that = (EventRecord) o;
        return eventName.equals(that.eventName) && bucket.equals(that.bucket) && key.equals(that.key)
                && eTag.equals(that.eTag) && size.equals(that.size) && region.equals(that.region)
                && requestId.equals(that.requestId) && principalId.equals(that.principalId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventName, bucket, key, eTag, size, region, requestId, principalId);
    }

    @Override
    public String toString() {
        return "EventRecord{" + eventName + " oss://" + bucket + "/" + key + eTag.map(e -> " etag=" + e).orElse("")
                + region.map(r -> " region=" + r).orElse("") + '}';
    }
}
