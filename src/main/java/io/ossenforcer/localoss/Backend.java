package io.ossenforcer.localoss;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** What every operation shares: the store, the settings, the clock, id generation and event emission. */
final class Backend {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store = new Store();
    private final Settings settings;
    private final EventDispatcher events;
    private final Clock clock;
    private final String ruleId = randomHex(20);

    Backend(Settings settings, EventDispatcher events, Clock clock) {
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    Store store() {
        return store;
    }

    Settings settings() {
        return settings;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Emits {@code eventName} for {@code object}; the returned action queues delivery once the reply is sent. Call
     * with the store lock held (the event says whether the bucket is versioned).
     */
    Runnable objectCreated(String eventName, Bucket bucket, StoredObject object, long deltaSize, OssRequest request) {
        return events.emitAfterSent(OssEvent.objectCreated(settings, eventName, bucket.name(),
                bucket.isVersioned() ? Optional.of(object.versionId()) : Optional.empty(), object, deltaSize, now(),
                request.requestId(), request.remoteAddress(), ruleId));
    }

    /** Uppercase hex of {@code bytes} random bytes: request ids (12 bytes, as OSS's 24 chars) and upload ids. */
    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Signatures.hex(b).toUpperCase(Locale.ROOT);
    }

    static String upperHex(byte[] bytes) {
        return Signatures.hex(bytes).toUpperCase(Locale.ROOT);
    }

    /**
     * The end of every creating write: makes {@code object} the current version of its key, adds
     * {@code x-oss-version-id} to {@code response} and queues {@code eventName} for after the reply. Store lock held.
     */
    OssResponse created(String eventName, Bucket bucket, StoredObject object, OssRequest request,
            OssResponse.Builder response) {
        long delta = bucket.write(object);
        versionHeader(bucket, object, response);
        return response.afterSent(objectCreated(eventName, bucket, object, delta, request)).build();
    }

    /** {@code x-oss-version-id} on the responses of a versioned (or suspended) bucket. */
    static void versionHeader(Bucket bucket, StoredObject object, OssResponse.Builder response) {
        if (bucket.isVersioned()) {
            response.header("x-oss-version-id", object.versionId());
        }
    }

    /**
     * The encryption a new object gets: the request's SSE headers, else the bucket's default encryption. Call with
     * the store lock held.
     */
    static Optional<ServerSideEncryption> encryption(Optional<ServerSideEncryption> requested, Bucket bucket,
            Settings settings) {
        return requested.isPresent() ? requested : bucket.defaultEncryption().map(rule -> rule.appliedBy(settings));
    }

    /**
     * Under a retention policy an object is immutable until its Last-Modified plus the period: overwriting it,
     * deleting it or changing its metadata (ACL and tags included, strictly) is 409 FileImmutable.
     */
    void checkMutable(Bucket bucket, String key) {
        Optional<StoredObject> current = bucket.object(key);
        if (current.isPresent() && bucket.retention().map(r -> r.protects(current.get(), now())).orElse(false)) {
            throw new OssError(409, "FileImmutable", "Object is immutable under the bucket's retention policy and"
                    + " cannot be overwritten, deleted or changed.").with("Key", key);
        }
    }

    /** Every check a write onto {@code key} must pass: {@code x-oss-forbid-overwrite} and the retention policy. */
    void checkWritable(OssRequest request, Bucket bucket, String key) {
        checkOverwrite(request, bucket, key);
        checkMutable(bucket, key);
    }

    /**
     * {@code x-oss-forbid-overwrite: true} makes a write onto an existing key fail with 409, copy-to-self included;
     * OSS's CopyObject docs: the header is ignored when versioning is enabled or suspended.
     */
    private static void checkOverwrite(OssRequest request, Bucket bucket, String key) {
        boolean forbid = request.header("x-oss-forbid-overwrite").map(v -> v.equalsIgnoreCase("true")).orElse(false);
        if (forbid && !bucket.isVersioned() && bucket.object(key).isPresent()) {
            throw new OssError(409, "FileAlreadyExists",
                    "The object you specified already exists and can not be overwritten.").with("Key", key);
        }
    }
}
