package io.ossenforcer.sweep;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for transient failures (throttling, 5xx, network): attempt n waits between half
 * and all of {@code base * 2^(n-1)}, capped, so that workers throttled together do not come back together.
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final int maxAttempts;
    private final DoubleSupplier random;

    Backoff(Duration base, Duration cap, int maxAttempts, DoubleSupplier random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        this.base = Objects.requireNonNull(base);
        this.cap = Objects.requireNonNull(cap);
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    public static Backoff of(Duration base, Duration cap, int maxAttempts) {
        return new Backoff(base, cap, maxAttempts, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** 200 ms doubling up to 20 s, 6 attempts in all: rides out a minute of throttling. */
    public static Backoff standard() {
        return of(Duration.ofMillis(200), Duration.ofSeconds(20), 6);
    }

    /** Attempts in all, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** How long to wait after failed attempt {@code attempt} (1-based) before the next one. */
    public Duration delay(int attempt) {
        long ceiling = Math.min(cap.toNanos(), base.toNanos() << Math.min(attempt - 1, 30));
        return Duration.ofNanos(ceiling / 2 + (long) (random.getAsDouble() * (ceiling / 2)));
    }

    @Override
    public String toString() {
        return "Backoff{base=" + base + " cap=" + cap + " attempts=" + maxAttempts + '}';
    }
}
