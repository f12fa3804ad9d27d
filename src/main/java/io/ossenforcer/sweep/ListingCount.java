package io.ossenforcer.sweep;

import io.ossenforcer.enforce.ObjectListing;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Counts the objects a slice has left, by listing alone (one request per thousand objects, against at least one
 * HEAD per object for the sweep itself): what turns a progress line's rate into an ETA.
 */
public final class ListingCount {
    private ListingCount() {
    }

    /** The count, or empty when {@code cancelled} turned true first. */
    public static OptionalLong remaining(ObjectListing listing, SliceState slice, SweepOptions options,
            BooleanSupplier cancelled) throws SweepException, InterruptedException {
        if (slice.done()) {
            return OptionalLong.of(0);
        }
        SliceCursor cursor = new SliceCursor(listing, slice, options.withPageSize(SweepOptions.PAGE_SIZE));
        long count = 0;
        while (cursor.next().isPresent()) {
            if (cancelled.getAsBoolean()) {
                return OptionalLong.empty();
            }
            count++;
        }
        return OptionalLong.of(count);
    }
}
