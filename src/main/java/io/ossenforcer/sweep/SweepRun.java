package io.ossenforcer.sweep;

import io.ossenforcer.enforce.ListedObject;
import io.ossenforcer.enforce.ObjectListing;
import io.ossenforcer.enforce.Outcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sweeps the slices of a checkpoint that are not done yet, one after the other, saving the checkpoint as each
 * advances. The command line and the Function Compute sweep both run sweeps through here.
 */
public final class SweepRun {
    private final ObjectListing listing;
    private final ObjectWork work;
    private final SweepOptions options;
    private final CheckpointStore store;
    private final Consumer<Outcome> report;
    private volatile Optional<Sweeper> current = Optional.empty();
    private volatile boolean stopped;
    private Checkpoint checkpoint;

    /** {@code report} receives the {@link #reportable} outcomes, from any worker thread. */
    public SweepRun(ObjectListing listing, ObjectWork work, SweepOptions options, CheckpointStore store,
            Consumer<Outcome> report) {
        this.listing = Objects.requireNonNull(listing);
        this.work = Objects.requireNonNull(work);
        this.options = Objects.requireNonNull(options);
        this.store = Objects.requireNonNull(store);
        this.report = Objects.requireNonNull(report);
    }

    /**
     * What a report shows: every object that did not satisfy its rule or was changed, or could not be checked.
     * Compliant objects, objects gone since the listing and keys no rule covers are only counted.
     */
    public static boolean reportable(Outcome outcome) {
        switch (outcome.kind()) {
            case COMPLIANT:
            case GONE:
                return false;
            case SKIPPED:
                return outcome.before().isPresent();
            default:
                return true;
        }
    }

    /** Runs from {@code start} and returns the checkpoint as last saved. */
    public Checkpoint run(Checkpoint start) throws SweepException {
        synchronized (this) {
            checkpoint = start;
        }
        for (SliceState slice : start.slices()) {
            if (stopped) {
                break;
            }
            Sweeper sweeper = new Sweeper(listing, work, options);
            current = Optional.of(sweeper);
            if (stopped) {
                sweeper.stop();
            }
            sweeper.run(slice, new SweepListener() {
                @Override
                public void outcome(ListedObject object, Outcome outcome) {
                    if (reportable(outcome)) {
                        report.accept(outcome);
                    }
                }

                @Override
                public void checkpoint(SliceState state) throws CheckpointException {
                    save(state);
                }
            });
        }
        synchronized (this) {
            return checkpoint;
        }
    }

    private synchronized void save(SliceState state) throws CheckpointException {
        checkpoint = checkpoint.with(state);
        store.save(checkpoint);
    }

    /** Takes no new object; {@link #run} returns once those in flight are finished and saved. */
    public void stop() {
        stopped = true;
        current.ifPresent(Sweeper::stop);
    }

    /** Totals so far over every slice, the one being swept included (committed objects only). */
    public synchronized Tally totals() {
        Tally totals = new Tally();
        Optional<SliceState> live = current.flatMap(Sweeper::current);
        for (SliceState slice : checkpoint == null ? List.<SliceState>of() : checkpoint.slices()) {
            boolean isLive = live.map(l -> l.sameSlice(slice)).orElse(false);
            totals.addAll(isLive ? live.get().tally() : slice.tally());
        }
        return totals;
    }
}
