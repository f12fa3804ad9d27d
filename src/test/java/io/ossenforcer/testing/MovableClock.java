package io.ossenforcer.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset a test moves forward: time passes as usual, and a test that needs it to have passed
 * (a retention period, a later Last-Modified second, an expired token) says so instead of waiting. Keep the jumps
 * under the emulator's 15-minute skew limit, or real clients' signatures stop being accepted.
 */
public final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    public synchronized void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
