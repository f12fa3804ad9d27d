package io.ossenforcer.testing;

import io.ossenforcer.canary.Ticker;
import io.ossenforcer.localoss.LocalOss;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Time that passes only when the watch loop pauses, and then at once: a loop's minutes pass in a moment. Before a pause
 * counts as passed it waits for what the pause gave time for (say, the emulator's trigger handling every event), so
 * the loop sees the world a real pause would show it without the wait. Records every pause asked for.
 */
public final class FastTicker implements Ticker {
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final Runnable settle;
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    private volatile long skippedNanos;

    private FastTicker(Runnable settle) {
        this.settle = settle;
    }

    /** Nothing to wait for: no trigger acts between the loop's reads. */
    public static FastTicker frozen() {
        return new FastTicker(() -> { });
    }

    /** Each pause first waits until {@code oss} has delivered every event, its trigger's own writes included. */
    public static FastTicker settling(LocalOss oss) {
        return new FastTicker(() -> {
            if (!oss.awaitEventsDelivered(SETTLE_TIMEOUT)) {
                throw new IllegalStateException("the emulator's events were not delivered within " + SETTLE_TIMEOUT);
            }
        });
    }

    @Override
    public long nanoTime() {
        return System.nanoTime() + skippedNanos;
    }

    @Override
    public void sleep(Duration duration) {
        pauses.add(duration);
        settle.run();
        skippedNanos += duration.toNanos();
    }

    public List<Duration> pauses() {
        synchronized (pauses) {
            return List.copyOf(pauses);
        }
    }
}
