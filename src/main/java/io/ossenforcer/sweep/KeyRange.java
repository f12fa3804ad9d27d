package io.ossenforcer.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A slice of a bucket's key space: keys after {@link #after()} (exclusive, as a listing marker is) up to
 * {@link #upTo()} (inclusive). Split points {@code s1 < s2 < ...} cut a bucket into {@code (-, s1], (s1, s2], ...,
 * (sn, -)}, so every key belongs to exactly one slice whatever it contains.
 */
public final class KeyRange {
    public static final KeyRange ALL = new KeyRange(Optional.empty(), Optional.empty());

    private final Optional<String> after;
    private final Optional<String> upTo;

    public KeyRange(Optional<String> after, Optional<String> upTo) {
        this.after = Objects.requireNonNull(after);
        this.upTo = Objects.requireNonNull(upTo);
        if (after.isPresent() && upTo.isPresent() && KeyOrder.compare(after.get(), upTo.get()) >= 0) {
            throw new IllegalArgumentException("empty key range: " + this);
        }
    }

    /**
     * The {@code splitPoints.size() + 1} ranges the split points cut the key space into.
     *
     * @throws IllegalArgumentException when the points are not strictly increasing in UTF-8 byte order, or empty
     */
    public static List<KeyRange> slices(List<String> splitPoints) {
        List<KeyRange> ranges = new ArrayList<>(splitPoints.size() + 1);
        Optional<String> previous = Optional.empty();
        for (int i = 0; i < splitPoints.size(); i++) {
            String point = splitPoints.get(i);
            if (point.isEmpty()) {
                throw new IllegalArgumentException("split point " + i + " is empty");
            }
            if (previous.isPresent() && KeyOrder.compare(previous.get(), point) >= 0) {
                throw new IllegalArgumentException("split points must be strictly increasing in UTF-8 byte order:"
                        + " \"" + previous.get() + "\" is not before \"" + point + "\"");
            }
            ranges.add(new KeyRange(previous, Optional.of(point)));
            previous = Optional.of(point);
        }
        ranges.add(new KeyRange(previous, Optional.empty()));
        return ranges;
    }

    /** The exclusive lower bound; empty from the start of the key space. */
    public Optional<String> after() {
        return after;
    }

    /** The inclusive upper bound; empty to the end of the key space. */
    public Optional<String> upTo() {
        return upTo;
    }

    /** Whether {@code key} lies after this range (listing in key order may stop there). */
    public boolean isBeyond(String key) {
        return upTo.isPresent() && KeyOrder.compare(key, upTo.get()) > 0;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KeyRange)) {
            return false;
        }
        KeyRange that = (KeyRange) o;
        return after.equals(that.after) && upTo.equals(that.upTo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(after, upTo);
    }

    @Override
    public String toString() {
        return "(" + after.map(a -> "\"" + a + "\"").orElse("-") + ", " + upTo.map(u -> "\"" + u + "\"").orElse("-")
                + "]";
    }
}
