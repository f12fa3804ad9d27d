package io.ossenforcer.localoss;

import java.time.Duration;
import java.time.Instant;

/**
 * A bucket's retention policy (WORM): every object is immutable until its Last-Modified plus the period. Created
 * {@code InProgress} by InitiateBucketWorm, {@code Locked} by CompleteBucketWorm; both states protect objects (strict:
 * OSS's docs do not say an unlocked policy lets objects be changed).
 */
final class Retention {
    private final String wormId;
    private final Duration period;
    private final boolean locked;
    private final Instant created;

    Retention(String wormId, Duration period, boolean locked, Instant created) {
        this.wormId = wormId;
        this.period = period;
        this.locked = locked;
        this.created = created;
    }

    String wormId() {
        return wormId;
    }

    Duration period() {
        return period;
    }

    boolean isLocked() {
        return locked;
    }

    Instant created() {
        return created;
    }

    Retention lock() {
        return new Retention(wormId, period, true, created);
    }

    boolean protects(StoredObject object, Instant now) {
        return now.isBefore(object.lastModified().plus(period));
    }
}
