package io.ossenforcer.enforce;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a listing: objects in key order, and whether more follow the last of them. */
public final class ListingPage {
    private final List<ListedObject> objects;
    private final boolean truncated;

    public ListingPage(List<ListedObject> objects, boolean truncated) {
        this.objects = List.copyOf(objects);
        this.truncated = truncated;
    }

    public List<ListedObject> objects() {
        return objects;
    }

    /** True when the listing goes on after {@link #lastKey()}. */
    public boolean truncated() {
        return truncated;
    }

    /** Where the next page starts (exclusive); empty for an empty page. */
    public Optional<String> lastKey() {
        return objects.isEmpty() ? Optional.empty() : Optional.of(objects.get(objects.size() - 1).key());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ListingPage)) {
            return false;
        }
        ListingPage that = (ListingPage) o;
        return truncated == that.truncated && objects.equals(that.objects);
    }

    @Override
    public int hashCode() {
        return Objects.hash(objects, truncated);
    }

    @Override
    public String toString() {
        return "ListingPage{" + objects.size() + " objects" + (truncated ? ", truncated" : "") + '}';
    }
}
