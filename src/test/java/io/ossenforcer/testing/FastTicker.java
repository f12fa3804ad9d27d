package io.ossenforcer.testing;

import io.ossenforcer.canary.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Time that passes faster than the clock: each pause really waits at most {@code realPause} (zero: not at all) and
 * the rest is added to the time read, so a watch loop's minutes pass in a moment while an emulator's trigger still
 * gets real time to act. Records every pause asked for.
 */
public final class FastTicker implements Ticker {
    private final Duration realPause;
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    private volatile long skippedNanos;

    public FastTicker(Duration realPause) {
        this.realPause = realPause;
    }

    /** Never waits: time moves only when the loop pauses. */
    public static FastTicker frozen() {
        return new FastTicker(Duration.ZERO);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime() + skippedNanos;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        pauses.add(duration);
        Duration real = duration.compareTo(realPause) < 0 ? duration : realPause;
        Thread.sleep(real.toMillis());
        skippedNanos += duration.minus(real).toNanos();
    }

    public List<Duration> pauses() {
        synchronized (pauses) {
            return List.copyOf(pauses);
        }
    }
}
