package io.ossenforcer.canary;

import java.time.Duration;

/** Time as the watch loop sees it: injected so that tests pass time without waiting for it. */
public interface Ticker {
    /** A monotonic reading, in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;

    static Ticker system() {
        return new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis());
            }
        };
    }
}
