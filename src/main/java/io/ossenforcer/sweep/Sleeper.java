package io.ossenforcer.sweep;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits out a pause (a backoff, a rate limit); injected so that tests pass that time without waiting for it. */
@FunctionalInterface
public interface Sleeper {
    /** Really waits; one instance, so that options built alike stay equal. */
    Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    void sleep(Duration duration) throws InterruptedException;
}
