package io.ossenforcer.sweep;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.ossenforcer.json.Fields;
import io.ossenforcer.json.JsonLimits;
import io.ossenforcer.json.JsonReadException;
import io.ossenforcer.json.Problems;
import io.ossenforcer.json.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sweep saves so that it can be resumed: whether it changes anything, and the state of each of its slices
 * (one per bucket on the command line; one per Function Compute checkpoint object). Stored as JSON.
 */
public final class Checkpoint {
    static final String FORMAT = "oss-sse-enforcer-sweep/1";
    private static final JsonLimits LIMITS = JsonLimits.of(16 * 1024 * 1024, 16);
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

    private final boolean dryRun;
    private final List<SliceState> slices;

    public Checkpoint(boolean dryRun, List<SliceState> slices) {
        this.dryRun = dryRun;
        this.slices = List.copyOf(slices);
    }

    /** True when the sweep only reports (audit, or backfill with --dry-run). */
    public boolean dryRun() {
        return dryRun;
    }

    public List<SliceState> slices() {
        return slices;
    }

    public boolean done() {
        return slices.stream().allMatch(SliceState::done);
    }

    /** This checkpoint with the slice that {@code state} is a later state of replaced by it. */
    public Checkpoint with(SliceState state) {
        List<SliceState> updated = new ArrayList<>(slices);
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).sameSlice(state)) {
                updated.set(i, state);
                return new Checkpoint(dryRun, updated);
            }
        }
        throw new IllegalArgumentException("no slice " + state.describe() + " in this checkpoint");
    }

    /**
     * Whether {@code other} describes the same sweep (same mode and slices, whatever their progress): a checkpoint
     * may only resume the sweep it was written for.
     */
    public Optional<String> mismatch(Checkpoint other) {
        if (dryRun != other.dryRun) {
            return Optional.of("it was written by a " + mode(other.dryRun) + ", not a " + mode(dryRun));
        }
        if (slices.size() != other.slices.size()) {
            return Optional.of("it covers " + describe(other.slices) + ", not " + describe(slices));
        }
        for (int i = 0; i < slices.size(); i++) {
            if (!slices.get(i).sameSlice(other.slices.get(i))) {
                return Optional.of("it covers " + describe(other.slices) + ", not " + describe(slices));
            }
        }
        return Optional.empty();
    }

    private static String mode(boolean dryRun) {
        return dryRun ? "dry run (audit)" : "backfill";
    }

    private static String describe(List<SliceState> slices) {
        List<String> names = new ArrayList<>();
        slices.forEach(s -> names.add(s.describe()));
        return String.join(", ", names);
    }

    public String toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("dryRun", dryRun);
        JsonArray array = new JsonArray();
        slices.forEach(s -> array.add(s.toJson()));
        json.add("slices", array);
        return GSON.toJson(json) + "\n";
    }

    /** Reads a checkpoint; {@code source} names it in the problems. */
    public static Checkpoint parse(String json, String source) throws CheckpointException {
        JsonElement root;
        try {
            root = StrictJson.parse(json, LIMITS);
        } catch (JsonReadException e) {
            throw new CheckpointException(source + ": not a checkpoint: " + e.problem());
        }
        Problems problems = new Problems();
        List<SliceState> slices = new ArrayList<>();
        boolean dryRun = false;
        Optional<Fields> fields = Fields.object(root, "$", problems);
        if (fields.isPresent()) {
            Fields f = fields.get();
            f.allowOnly(List.of("format", "dryRun", "slices"));
            f.requiredString("format", v -> FORMAT.equals(v) ? Optional.empty()
                    : Optional.of(Problems.quote(v) + " is not " + FORMAT));
            dryRun = f.optionalBoolean("dryRun").orElse(false);
            f.requiredArray("slices").ifPresent(array -> {
                for (int i = 0; i < array.size(); i++) {
                    Fields.object(array.get(i), Fields.element("$.slices", i), problems)
                            .flatMap(s -> SliceState.fromJson(s, problems)).ifPresent(slices::add);
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException(problems.describe(source + ": not a usable checkpoint"));
        }
        return new Checkpoint(dryRun, slices);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Checkpoint)) {
            return false;
        }
        Checkpoint that = (Checkpoint) o;
        return dryRun == that.dryRun && slices.equals(that.slices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dryRun, slices);
    }

    @Override
    public String toString() {
        return "Checkpoint{" + mode(dryRun) + " " + slices + '}';
    }
}
