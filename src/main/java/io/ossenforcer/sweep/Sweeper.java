package io.ossenforcer.sweep;

import io.ossenforcer.enforce.ListedObject;
import io.ossenforcer.enforce.ObjectListing;
import io.ossenforcer.enforce.Outcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sweeps one slice: lists it page by page from where its state left off and hands each object to
 * {@link ObjectWork} on {@code concurrency} workers, retrying transient failures with backoff. Memory is bounded by
 * one page plus the completion window, whatever the size of the bucket. Stops when the slice is done, when
 * {@link #stop()} is called, or at the options' deadline; in every case the objects in flight finish and the final
 * state is handed to the listener to save.
 */
public final class Sweeper {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ObjectListing listing;
    private final ObjectWork work;
    private final SweepOptions options;
    private final AtomicReference<Optional<CompletionWindow>> window = new AtomicReference<>(Optional.empty());
    private volatile boolean stopRequested;
    private final AtomicReference<Throwable> workerFailure = new AtomicReference<>();

    public Sweeper(ObjectListing listing, ObjectWork work, SweepOptions options) {
        this.listing = Objects.requireNonNull(listing);
        this.work = Objects.requireNonNull(work);
        this.options = Objects.requireNonNull(options);
    }

    /** Asks the sweep to take no new object; {@link #run} returns once those in flight are finished. */
    public void stop() {
        stopRequested = true;
    }

    /** The committed state of the slice being swept, for progress lines; empty before {@link #run} starts. */
    public Optional<SliceState> current() {
        return window.get().map(w -> w.state(false));
    }

    /**
     * Sweeps the slice from {@code start} and returns its final state, which the listener has been given to save.
     *
     * @throws SweepException when listing failed for good, a worker or the listener failed, or the state could
     *     not be saved; the last state saved is still a correct place to resume from
     */
    public SliceState run(SliceState start, SweepListener listener) throws SweepException {
        if (start.done()) {
            return start;
        }
        CompletionWindow committed = new CompletionWindow(start, Math.max(1000, 64 * options.concurrency()));
        window.set(Optional.of(committed));
        ExecutorService workers = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "sweep-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Semaphore slots = new Semaphore(options.concurrency());
        boolean exhausted = false;
        Optional<SweepException> failure = Optional.empty();
        try {
            exhausted = dispatch(start, committed, workers, slots, listener);
        } catch (SweepException e) {
            failure = Optional.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = Optional.of(new SweepException("interrupted while sweeping " + start.describe(), e));
        } finally {
            workers.shutdown();
            awaitQuietly(workers);
        }
        SliceState end = committed.state(exhausted);
        Optional<SweepException> saveFailure = save(listener, end);
        Throwable worker = workerFailure.get();
        if (failure.isEmpty() && worker != null) {
            failure = Optional.of(new SweepException("a worker failed while sweeping " + start.describe() + ": "
                    + worker, worker));
        }
        if (failure.or(() -> saveFailure).isPresent()) {
            throw failure.or(() -> saveFailure).get();
        }
        return end;
    }

    /** Lists and hands out objects until the slice is exhausted (true) or the sweep must stop (false). */
    private boolean dispatch(SliceState start, CompletionWindow committed, ExecutorService workers, Semaphore slots,
            SweepListener listener) throws SweepException, InterruptedException {
        SliceCursor cursor = new SliceCursor(listing, start, options);
        Instant nextSave = options.clock().instant().plus(options.checkpointEvery());
        while (!mustStop()) {
            Optional<ListedObject> next = cursor.next();
            if (next.isEmpty()) {
                return true;
            }
            ListedObject object = next.get();
            slots.acquire();
            CompletionWindow.Entry entry = committed.add(object);
            workers.execute(() -> {
                try {
                    Outcome outcome = enforceWithRetries(start.bucket(), object);
                    listener.outcome(object, outcome);
                    committed.complete(entry, outcome);
                } catch (RuntimeException | Error e) {
                    workerFailure.compareAndSet(null, e);
                    stop();
                } finally {
                    slots.release();
                }
            });
            if (!options.clock().instant().isBefore(nextSave)) {
                Optional<SweepException> saveFailure = save(listener, committed.state(false));
                if (saveFailure.isPresent()) {
                    throw saveFailure.get();
                }
                nextSave = options.clock().instant().plus(options.checkpointEvery());
            }
        }
        return false;
    }

    private boolean mustStop() {
        return stopRequested || options.stopTakingWorkAt().map(t -> !options.clock().instant().isBefore(t))
                .orElse(false);
    }

    /** Transient failures (throttling above all) are retried with backoff, a bounded number of times. */
    private Outcome enforceWithRetries(String bucket, ListedObject object) {
        Outcome outcome = work.enforce(bucket, object);
        for (int attempt = 1; outcome.retryable() && attempt < options.backoff().maxAttempts(); attempt++) {
            try {
                options.sleeper().sleep(options.backoff().delay(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcome;
            }
            outcome = work.enforce(bucket, object);
        }
        return outcome;
    }

    private static Optional<SweepException> save(SweepListener listener, SliceState state) {
        try {
            listener.checkpoint(state);
            return Optional.empty();
        } catch (CheckpointException e) {
            return Optional.of(new SweepException("cannot save the checkpoint: " + e.getMessage(), e));
        }
    }

    private static void awaitQuietly(ExecutorService workers) {
        boolean interrupted = false;
        while (true) {
            try {
                if (workers.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
