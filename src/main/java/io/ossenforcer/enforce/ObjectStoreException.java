package io.ossenforcer.enforce;

import java.util.Objects;
import java.util.Optional;

/**
 * A failed OSS call, classified once (in the adapter) so the enforcer can tell an object that vanished or changed
 * from a failure worth retrying and from one no retry will fix. Carries the bucket, key, OSS error code and request id.
 */
public final class ObjectStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** 404: the object is gone. */
        NOT_FOUND,
        /** 412: the object changed since it was read; the newer upload has its own event. */
        CHANGED,
        /** Network errors, 5xx, throttling: a retry may succeed. */
        TRANSIENT,
        /** Access denied, KMS problems, immutable objects, bad requests: a retry will not help. */
        PERMANENT
    }

    private final Kind kind;
    private final String bucket;
    private final String key;
    private final Optional<String> errorCode;
    private final Optional<String> requestId;

    public ObjectStoreException(Kind kind, String bucket, String key, Optional<String> errorCode,
            Optional<String> requestId, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind);
        this.bucket = Objects.requireNonNull(bucket);
        this.key = Objects.requireNonNull(key);
        this.errorCode = Objects.requireNonNull(errorCode);
        this.requestId = Objects.requireNonNull(requestId);
    }

    public Kind kind() {
        return kind;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public Optional<String> errorCode() {
        return errorCode;
    }

    public Optional<String> requestId() {
        return requestId;
    }

    /** The same failure with {@code detail} added to its message (what else went wrong, what was left behind). */
    public ObjectStoreException withDetail(String detail) {
        ObjectStoreException more = new ObjectStoreException(kind, bucket, key, errorCode, requestId,
                super.getMessage() + detail, getCause());
        for (Throwable suppressed : getSuppressed()) {
            more.addSuppressed(suppressed);
        }
        return more;
    }

    @Override
    public String getMessage() {
        return "oss://" + bucket + "/" + key + ": " + super.getMessage() + errorCode.map(c -> " [" + c + "]").orElse("")
                + requestId.map(r -> " (request id " + r + ")").orElse("");
    }
}
