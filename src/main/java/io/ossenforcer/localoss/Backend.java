package io.ossenforcer.localoss;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

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

    /** Emits {@code eventName} for {@code object}; the returned action queues delivery once the reply is sent. */
    Runnable objectCreated(String eventName, String bucket, StoredObject object, long deltaSize, OssRequest request) {
        return events.emitAfterSent(OssEvent.objectCreated(settings, eventName, bucket, object, deltaSize, now(),
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

    /** Puts {@code object}, replacing any previous one; returns the event's deltaSize. */
    static long replace(Bucket bucket, StoredObject object) {
        StoredObject previous = bucket.objects().put(object.key(), object);
        return object.size() - (previous == null ? 0 : previous.size());
    }

    /** {@code x-oss-forbid-overwrite: true} makes a write onto an existing key fail with 409. */
    static void checkOverwrite(OssRequest request, Bucket bucket, String key) {
        boolean forbid = request.header("x-oss-forbid-overwrite").map(v -> v.equalsIgnoreCase("true")).orElse(false);
        if (forbid && bucket.object(key).isPresent()) {
            throw new OssError(409, "FileAlreadyExists",
                    "The object you specified already exists and can not be overwritten.").with("Key", key);
        }
    }
}
