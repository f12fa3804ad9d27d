package io.ossenforcer.sweep;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket over OSS requests: at most {@code perSecond} on average, with bursts of up to one second's worth.
 * A caller that finds the bucket short reserves its tokens anyway and sleeps off the debt, so callers are served in
 * arrival order and the long-run rate is exact.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long refilledAt;

    RateLimiter(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + perSecond);
        }
        this.perSecond = perSecond;
        this.capacity = Math.max(1, perSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.tokens = capacity;
        this.refilledAt = nanoTime.getAsLong();
    }

    public static RateLimiter perSecond(double perSecond) {
        return new RateLimiter(perSecond, System::nanoTime, Sleeper.SYSTEM);
    }

    /** No limit at all. */
    public static RateLimiter unlimited() {
        return new RateLimiter(Double.POSITIVE_INFINITY, System::nanoTime, duration -> { });
    }

    public double perSecond() {
        return perSecond;
    }

    /** Takes {@code permits} tokens, sleeping as long as the rate requires. */
    public void acquire(int permits) throws InterruptedException {
        if (Double.isInfinite(perSecond)) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            tokens = Math.min(capacity, tokens + (now - refilledAt) * perSecond / 1e9);
            refilledAt = now;
            tokens -= permits;
            wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perSecond * 1e9);
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    @Override
    public String toString() {
        return Double.isInfinite(perSecond) ? "RateLimiter{unlimited}" : "RateLimiter{" + perSecond + "/s}";
    }
}
