package io.ossenforcer.sweep;

import io.ossenforcer.enforce.ListedObject;
import io.ossenforcer.enforce.ListingPage;
import io.ossenforcer.enforce.ObjectListing;
import io.ossenforcer.enforce.ObjectStoreException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Optional;

/**
 * Walks the objects of a slice from where its state left off, one listing page in memory at a time. Each page
 * request takes a rate-limiter token; transient listing failures are retried with backoff.
 */
final class SliceCursor {
    private final ObjectListing listing;
    private final SliceState slice;
    private final SweepOptions options;
    private Optional<String> after;
    private Iterator<ListedObject> page = Collections.emptyIterator();
    private boolean lastPage;

    SliceCursor(ObjectListing listing, SliceState slice, SweepOptions options) {
        this.listing = listing;
        this.slice = slice;
        this.options = options;
        this.after = slice.resumeAfter();
    }

    /** The next object of the slice; empty once the slice is exhausted. */
    Optional<ListedObject> next() throws SweepException, InterruptedException {
        while (!page.hasNext()) {
            if (lastPage) {
                return Optional.empty();
            }
            ListingPage fetched = fetch();
            page = fetched.objects().iterator();
            lastPage = !fetched.truncated() || fetched.lastKey().isEmpty();
            after = fetched.lastKey().or(() -> after);
        }
        ListedObject object = page.next();
        if (slice.range().isBeyond(object.key())) {
            lastPage = true;
            page = Collections.emptyIterator();
            return Optional.empty();
        }
        return Optional.of(object);
    }

    private ListingPage fetch() throws SweepException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            options.limiter().acquire(1);
            try {
                return listing.page(slice.bucket(), slice.prefix(), after, options.pageSize());
            } catch (ObjectStoreException e) {
                boolean retry = e.kind() == ObjectStoreException.Kind.TRANSIENT
                        && attempt < options.backoff().maxAttempts();
                if (!retry) {
                    throw new SweepException("listing " + slice.describe() + " failed after " + attempt
                            + " attempt(s): " + e.getMessage(), e);
                }
                options.sleeper().sleep(options.backoff().delay(attempt));
            }
        }
    }
}
