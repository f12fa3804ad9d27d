package io.ossenforcer.sweep;

import io.ossenforcer.enforce.ListedObject;
import io.ossenforcer.enforce.Outcome;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The objects handed to workers, in listing order, until every object before them is finished too. Workers finish in
 * any order; the watermark only moves over the contiguous finished prefix, so a checkpoint never skips an object
 * that was still being worked on. Bounded: {@link #add} waits while the window is full (one slow object holds it).
 */
final class CompletionWindow {
    /** One object in the window; its outcome is set once, by the worker that finished it. */
    static final class Entry {
        final ListedObject object;
        Outcome outcome;

        Entry(ListedObject object) {
            this.object = object;
        }
    }

    private final SliceState start;
    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final Tally tally;
    private Optional<String> watermark;

    CompletionWindow(SliceState start, int capacity) {
        this.start = start;
        this.capacity = capacity;
        this.tally = start.tally();
        this.watermark = start.watermark();
    }

    synchronized Entry add(ListedObject object) throws InterruptedException {
        while (entries.size() >= capacity) {
            wait();
        }
        Entry entry = new Entry(object);
        entries.addLast(entry);
        return entry;
    }

    synchronized void complete(Entry entry, Outcome outcome) {
        entry.outcome = outcome;
        while (!entries.isEmpty() && entries.peekFirst().outcome != null) {
            Entry first = entries.removeFirst();
            tally.add(first.object, first.outcome);
            watermark = Optional.of(first.object.key());
        }
        notifyAll();
    }

    synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The committed state: {@code done} only when the listing was exhausted and nothing is left unfinished. */
    synchronized SliceState state(boolean listingExhausted) {
        return new SliceState(start.bucket(), start.prefix(), start.range(), watermark,
                listingExhausted && entries.isEmpty(), tally);
    }
}
