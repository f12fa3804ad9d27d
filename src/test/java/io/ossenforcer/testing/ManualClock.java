package io.ossenforcer.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock whose time passes only when a test says so: by hand, or by a fixed step at each reading. */
public final class ManualClock extends Clock {
    private final Duration stepPerReading;
    private Instant now;

    /** Stands still at {@code start} until {@link #advance}d. */
    public ManualClock(Instant start) {
        this(start, Duration.ZERO);
    }

    private ManualClock(Instant start, Duration stepPerReading) {
        this.now = start;
        this.stepPerReading = stepPerReading;
    }

    /** Each reading is {@code step} later than the one before, the first being {@code start}. */
    public static ManualClock steppingAtEachReading(Instant start, Duration step) {
        return new ManualClock(start, step);
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public synchronized Instant instant() {
        Instant read = now;
        now = now.plus(stepPerReading);
        return read;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a manual clock is in UTC");
    }
}
