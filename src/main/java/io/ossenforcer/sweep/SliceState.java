package io.ossenforcer.sweep;

import com.google.gson.JsonObject;
import io.ossenforcer.json.Fields;
import io.ossenforcer.json.Problems;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How far the sweep of one slice (bucket, prefix, key range) has come: every object up to the {@link #watermark()}
 * is finished and counted in {@link #tally()}; nothing after it is. Resuming lists from the watermark again, so an
 * object that was being worked on when the sweep stopped is seen once more, and found compliant if it was rewritten.
 */
public final class SliceState {
    private final String bucket;
    private final String prefix;
    private final KeyRange range;
    private final Optional<String> watermark;
    private final boolean done;
    private final Tally tally;

    public SliceState(String bucket, String prefix, KeyRange range, Optional<String> watermark, boolean done,
            Tally tally) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.range = Objects.requireNonNull(range, "range");
        this.watermark = Objects.requireNonNull(watermark, "watermark");
        this.done = done;
        this.tally = tally.copy();
    }

    /** A slice nothing of which has been swept yet. */
    public static SliceState start(String bucket, String prefix, KeyRange range) {
        return new SliceState(bucket, prefix, range, Optional.empty(), false, new Tally());
    }

    public String bucket() {
        return bucket;
    }

    public String prefix() {
        return prefix;
    }

    public KeyRange range() {
        return range;
    }

    /** The last key below which every object of the slice is finished. */
    public Optional<String> watermark() {
        return watermark;
    }

    public boolean done() {
        return done;
    }

    /** A copy: the state stays as it was. */
    public Tally tally() {
        return tally.copy();
    }

    /** Where listing resumes (exclusive). */
    Optional<String> resumeAfter() {
        return watermark.or(range::after);
    }

    /** Whether {@code other} is this slice (same bucket, prefix and range), whatever its progress. */
    public boolean sameSlice(SliceState other) {
        return bucket.equals(other.bucket) && prefix.equals(other.prefix) && range.equals(other.range);
    }

    public String describe() {
        return "oss://" + bucket + "/" + prefix + (range.equals(KeyRange.ALL) ? "" : " keys " + range);
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("bucket", bucket);
        json.addProperty("prefix", prefix);
        range.after().ifPresent(a -> json.addProperty("after", a));
        range.upTo().ifPresent(u -> json.addProperty("upTo", u));
        watermark.ifPresent(w -> json.addProperty("watermark", w));
        json.addProperty("done", done);
        json.add("tally", tally.toJson());
        return json;
    }

    static Optional<SliceState> fromJson(Fields json, Problems problems) {
        int before = problems.count();
        json.allowOnly(List.of("bucket", "prefix", "after", "upTo", "watermark", "done", "tally"));
        Optional<String> bucket = json.requiredString("bucket");
        String prefix = json.optionalString("prefix").orElse("");
        Optional<String> after = json.optionalString("after");
        Optional<String> upTo = json.optionalString("upTo");
        Optional<String> watermark = json.optionalString("watermark");
        boolean done = json.optionalBoolean("done").orElse(false);
        Tally tally = json.optionalObject("tally").map(t -> Tally.fromJson(t, problems)).orElse(new Tally());
        KeyRange range;
        try {
            range = new KeyRange(after, upTo);
        } catch (IllegalArgumentException e) {
            problems.add(json.path(), e.getMessage());
            return Optional.empty();
        }
        if (bucket.isEmpty() || problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new SliceState(bucket.get(), prefix, range, watermark, done, tally));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SliceState)) {
            return false;
        }
        SliceState that = (SliceState) o;
        return done == that.done && bucket.equals(that.bucket) && prefix.equals(that.prefix)
                && range.equals(that.range) && watermark.equals(that.watermark) && tally.equals(that.tally);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, prefix, range, watermark, done, tally);
    }

    @Override
    public String toString() {
        return "SliceState{" + describe() + " watermark=" + watermark.orElse("-") + (done ? " done" : "") + " "
                + tally.objects() + " objects}";
    }
}
