package io.ossenforcer.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** How hard and how long a sweep works. Immutable; {@code with...} returns a changed copy. */
public final class SweepOptions {
    /**
     * Workers by default: each spends nearly all its time waiting on OSS, so two cores keep 16 of them busy (see
     * docs/SWEEP.md for the measurements).
     */
    public static final int DEFAULT_CONCURRENCY = 16;
    public static final int MAX_CONCURRENCY = 256;
    public static final int PAGE_SIZE = 1000;

    private final int concurrency;
    private final int pageSize;
    private final RateLimiter limiter;
    private final Backoff backoff;
    private final Duration checkpointEvery;
    private final Optional<Instant> stopTakingWorkAt;
    private final Clock clock;
    private final Sleeper sleeper;

    private SweepOptions(int concurrency, int pageSize, RateLimiter limiter, Backoff backoff,
            Duration checkpointEvery, Optional<Instant> stopTakingWorkAt, Clock clock, Sleeper sleeper) {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1.." + MAX_CONCURRENCY + ": " + concurrency);
        }
        if (pageSize < 1 || pageSize > PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1.." + PAGE_SIZE + ": " + pageSize);
        }
        this.concurrency = concurrency;
        this.pageSize = pageSize;
        this.limiter = Objects.requireNonNull(limiter);
        this.backoff = Objects.requireNonNull(backoff);
        this.checkpointEvery = Objects.requireNonNull(checkpointEvery);
        this.stopTakingWorkAt = Objects.requireNonNull(stopTakingWorkAt);
        this.clock = Objects.requireNonNull(clock);
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    public static SweepOptions defaults() {
        return new SweepOptions(DEFAULT_CONCURRENCY, PAGE_SIZE, RateLimiter.unlimited(), Backoff.standard(),
                Duration.ofSeconds(5), Optional.empty(), Clock.systemUTC(), Sleeper.SYSTEM);
    }

    public SweepOptions withConcurrency(int n) {
        return new SweepOptions(n, pageSize, limiter, backoff, checkpointEvery, stopTakingWorkAt, clock, sleeper);
    }

    public SweepOptions withPageSize(int n) {
        return new SweepOptions(concurrency, n, limiter, backoff, checkpointEvery, stopTakingWorkAt, clock, sleeper);
    }

    /** The limiter listing requests take their tokens from; give the store the same one. */
    public SweepOptions withLimiter(RateLimiter l) {
        return new SweepOptions(concurrency, pageSize, l, backoff, checkpointEvery, stopTakingWorkAt, clock, sleeper);
    }

    public SweepOptions withBackoff(Backoff b) {
        return new SweepOptions(concurrency, pageSize, limiter, b, checkpointEvery, stopTakingWorkAt, clock, sleeper);
    }

    public SweepOptions withCheckpointEvery(Duration d) {
        return new SweepOptions(concurrency, pageSize, limiter, backoff, d, stopTakingWorkAt, clock, sleeper);
    }

    /** After this instant no new object is started; those in flight finish, and the state is saved. */
    public SweepOptions withStopTakingWorkAt(Instant t) {
        return new SweepOptions(concurrency, pageSize, limiter, backoff, checkpointEvery, Optional.of(t), clock,
                sleeper);
    }

    /** What the deadline and the checkpoint interval are measured by. */
    public SweepOptions withClock(Clock c) {
        return new SweepOptions(concurrency, pageSize, limiter, backoff, checkpointEvery, stopTakingWorkAt, c, sleeper);
    }

    /** What waits out the backoff between attempts. */
    public SweepOptions withSleeper(Sleeper s) {
        return new SweepOptions(concurrency, pageSize, limiter, backoff, checkpointEvery, stopTakingWorkAt, clock, s);
    }

    public int concurrency() {
        return concurrency;
    }

    public int pageSize() {
        return pageSize;
    }

    public RateLimiter limiter() {
        return limiter;
    }

    public Backoff backoff() {
        return backoff;
    }

    public Duration checkpointEvery() {
        return checkpointEvery;
    }

    public Optional<Instant> stopTakingWorkAt() {
        return stopTakingWorkAt;
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SweepOptions)) {
            return false;
        }
        SweepOptions that = (SweepOptions) o;
        return concurrency == that.concurrency && pageSize == that.pageSize && limiter.equals(that.limiter)
                && backoff.equals(that.backoff) && checkpointEvery.equals(that.checkpointEvery)
                && stopTakingWorkAt.equals(that.stopTakingWorkAt) && clock.equals(that.clock)
                && sleeper.equals(that.sleeper);
    }

    @Override
    public int hashCode() {
        return Objects.hash(concurrency, pageSize, limiter, backoff, checkpointEvery, stopTakingWorkAt, clock, sleeper);
    }

    @Override
    public String toString() {
        return "SweepOptions{concurrency=" + concurrency + " pageSize=" + pageSize + " " + limiter + " " + backoff
                + " checkpointEvery=" + checkpointEvery + stopTakingWorkAt.map(t -> " stopAt=" + t).orElse("") + '}';
    }
}
