package io.ossenforcer.app;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import io.ossenforcer.json.Fields;
import io.ossenforcer.json.Problems;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.sweep.KeyRange;
import io.ossenforcer.sweep.SweepOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * An invocation that asks the function to sweep one slice of a bucket rather than enforce an event:
 * {@code {"sweep": {"bucket": "b", "splitPoints": ["g", "p"], "slice": 1, ...}}} (docs/SWEEP.md has every field).
 */
final class SweepRequest {
    static final String CHECKPOINT_PREFIX = ".oss-sse-enforcer/sweeps/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    final String bucket;
    final String prefix;
    final List<String> splitPoints;
    final int slice;
    final boolean dryRun;
    final String name;
    final String checkpointBucket;
    final int concurrency;
    final OptionalDouble maxRps;

    private SweepRequest(String bucket, String prefix, List<String> splitPoints, int slice, boolean dryRun,
            String name, String checkpointBucket, int concurrency, OptionalDouble maxRps) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.splitPoints = List.copyOf(splitPoints);
        this.slice = slice;
        this.dryRun = dryRun;
        this.name = name;
        this.checkpointBucket = checkpointBucket;
        this.concurrency = concurrency;
        this.maxRps = maxRps;
    }

    /** Whether the payload's tree is a sweep request (an object with a {@code sweep} field) rather than an event. */
    static boolean isSweep(JsonElement root) {
        return root.isJsonObject() && root.getAsJsonObject().has("sweep");
    }

    static SweepRequest parse(JsonElement root, RuleSet rules) throws InvocationException {
        Problems problems = new Problems();
        Optional<Fields> sweep = Fields.object(root, "$", problems).flatMap(r -> {
            r.allowOnly(List.of("sweep"));
            return r.requiredObject("sweep");
        });
        if (sweep.isEmpty()) {
            throw new InvocationException(problems.describe("bad sweep request"));
        }
        Fields f = sweep.get();
        f.allowOnly(List.of("bucket", "prefix", "splitPoints", "slice", "dryRun", "name", "checkpointBucket",
                "concurrency", "maxRps"));
        Optional<String> bucket = f.requiredString("bucket", b -> rules.namesBucket(b) ? Optional.empty()
                : Optional.of(Problems.quote(b) + " is not named in the rules (" + rules.source()
                        + "); a sweep never touches other buckets"));
        String prefix = f.optionalString("prefix").orElse("");
        List<String> splitPoints = new ArrayList<>();
        f.optionalArray("splitPoints").ifPresent(array -> readStrings(array, f.pathOf("splitPoints"), problems,
                splitPoints));
        try {
            KeyRange.slices(splitPoints);
        } catch (IllegalArgumentException e) {
            problems.add(f.pathOf("splitPoints"), e.getMessage());
        }
        int slice = f.optionalNumber("slice", n -> inRange(n, 0, splitPoints.size(), "a slice index"))
                .map(Integer::parseInt).orElse(0);
        if (!splitPoints.isEmpty() && !f.has("slice")) {
            problems.add(f.pathOf("slice"), "missing: with splitPoints, each invocation names its slice (0.."
                    + splitPoints.size() + ")");
        }
        boolean dryRun = f.optionalBoolean("dryRun").orElse(false);
        String name = f.optionalString("name", n -> NAME.matcher(n).matches() ? Optional.empty()
                : Optional.of(Problems.quote(n) + " is not 1 to 64 of A-Z a-z 0-9 . _ -")).orElse("default");
        String checkpointBucket = f.optionalString("checkpointBucket", b -> BUCKET.matcher(b).matches()
                ? Optional.empty() : Optional.of(Problems.quote(b) + " is not a bucket name")).orElse(
                bucket.orElse(""));
        int concurrency = f.optionalNumber("concurrency", n -> inRange(n, 1, SweepOptions.MAX_CONCURRENCY,
                "a worker count")).map(Integer::parseInt).orElse(SweepOptions.DEFAULT_CONCURRENCY);
        OptionalDouble maxRps = f.optionalNumber("maxRps", n -> Double.parseDouble(n) > 0 ? Optional.empty()
                : Optional.of(n + " is not a positive number of requests per second"))
                .map(n -> OptionalDouble.of(Double.parseDouble(n))).orElse(OptionalDouble.empty());
        if (!problems.isEmpty() || bucket.isEmpty()) {
            throw new InvocationException(problems.describe("bad sweep request"));
        }
        return new SweepRequest(bucket.get(), prefix, splitPoints, slice, dryRun, name, checkpointBucket,
                concurrency, maxRps);
    }

    private static void readStrings(JsonArray array, String path, Problems problems, List<String> out) {
        for (int i = 0; i < array.size(); i++) {
            Fields.string(array.get(i), Fields.element(path, i), problems).ifPresent(out::add);
        }
    }

    private static Optional<String> inRange(String number, int min, int max, String what) {
        boolean whole = number.matches("0|[1-9][0-9]{0,8}");
        return whole && Integer.parseInt(number) >= min && Integer.parseInt(number) <= max ? Optional.empty()
                : Optional.of(number + " is not " + what + " from " + min + " to " + max);
    }

    KeyRange range() {
        return KeyRange.slices(splitPoints).get(slice);
    }

    int sliceCount() {
        return splitPoints.size() + 1;
    }

    /** One checkpoint object per slice of a named sweep of a bucket: no two invocations of a sweep share one. */
    String checkpointKey() {
        return CHECKPOINT_PREFIX + bucket + "/" + name + "/slice-" + slice + "-of-" + sliceCount() + ".json";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SweepRequest)) {
            return false;
        }
        SweepRequest that = (SweepRequest) o;
        return slice == that.slice && dryRun == that.dryRun && concurrency == that.concurrency
                && bucket.equals(that.bucket) && prefix.equals(that.prefix) && splitPoints.equals(that.splitPoints)
                && name.equals(that.name) && checkpointBucket.equals(that.checkpointBucket)
                && maxRps.equals(that.maxRps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, prefix, splitPoints, slice, dryRun, name, checkpointBucket, concurrency, maxRps);
    }

    @Override
    public String toString() {
        return "SweepRequest{oss://" + bucket + "/" + prefix + " slice " + slice + " of " + sliceCount() + " "
                + range() + (dryRun ? " dry run" : "") + " name=" + name + " checkpoint=oss://" + checkpointBucket
                + "/" + checkpointKey() + " concurrency=" + concurrency + '}';
    }
}
