package io.ossenforcer.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves on when it needs time to have passed: by hand, or by a fixed step at each reading. It stands
 * still in between, or, following the system clock, runs as usual plus what the test added.
 */
public final class ManualClock extends Clock {
    private final Clock base;
    private final Duration stepPerReading;
    private Duration offset = Duration.ZERO;

    /** Stands still at {@code start} until {@link #advance}d. */
    public ManualClock(Instant start) {
        this(Clock.fixed(start, ZoneOffset.UTC), Duration.ZERO);
    }

    private ManualClock(Clock base, Duration stepPerReading) {
        this.base = base;
        this.stepPerReading = stepPerReading;
    }

    /** Each reading is {@code step} later than the one before, the first being {@code start}. */
    public static ManualClock steppingAtEachReading(Instant start, Duration step) {
        return new ManualClock(Clock.fixed(start, ZoneOffset.UTC), step);
    }

    /**
     * The system clock plus what {@link #advance} adds: real clients' requests stay in time, so keep the jumps under
     * the emulator's 15-minute skew limit.
     */
    public static ManualClock followingSystemTime() {
        return new ManualClock(Clock.systemUTC(), Duration.ZERO);
    }

    public synchronized void advance(Duration d) {
        offset = offset.plus(d);
    }

    @Override
    public synchronized Instant instant() {
        Instant read = base.instant().plus(offset);
        offset = offset.plus(stepPerReading);
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
