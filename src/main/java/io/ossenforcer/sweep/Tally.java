package io.ossenforcer.sweep;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.ossenforcer.enforce.ListedObject;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.json.Fields;
import io.ossenforcer.json.Problems;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Counts of what a sweep found: objects, bytes and outcomes, overall and per bucket, rule, storage class and
 * encryption before the sweep. An accumulator (one writer at a time); {@link #copy()} hands out snapshots.
 */
public final class Tally {
    /** The breakdowns, in the order the report shows them. */
    public static final List<String> DIMENSIONS = List.of("byBucket", "byRule", "byStorageClass", "byEncryption");
    static final String NO_RULE = "(no rule)";
    static final String NOT_READ = "(not read)";

    private final Group all = new Group();
    private final Map<String, Map<String, Group>> groups = new LinkedHashMap<>();

    public Tally() {
        DIMENSIONS.forEach(d -> groups.put(d, new TreeMap<>()));
    }

    void add(ListedObject object, Outcome outcome) {
        all.add(object.size(), outcome.kind());
        group("byBucket", outcome.bucket()).add(object.size(), outcome.kind());
        group("byRule", outcome.ruleId().orElse(NO_RULE)).add(object.size(), outcome.kind());
        group("byStorageClass", object.storageClass()).add(object.size(), outcome.kind());
        group("byEncryption", outcome.before().map(e -> e.describe()).orElse(NOT_READ))
                .add(object.size(), outcome.kind());
    }

    /** Adds another tally's counts (the slices of one sweep, or the buckets of one run). */
    public void addAll(Tally other) {
        all.addAll(other.all);
        other.groups.forEach((dimension, values) -> values.forEach((value, g) -> group(dimension, value).addAll(g)));
    }

    private Group group(String dimension, String value) {
        return groups.get(dimension).computeIfAbsent(value, v -> new Group());
    }

    public long objects() {
        return all.objects;
    }

    public long bytes() {
        return all.bytes;
    }

    public long count(Outcome.Kind kind) {
        return all.outcomes.getOrDefault(kind, 0L);
    }

    public Tally copy() {
        Tally copy = new Tally();
        copy.addAll(this);
        return copy;
    }

    public JsonObject toJson() {
        JsonObject json = all.toJson();
        groups.forEach((dimension, values) -> {
            JsonObject byValue = new JsonObject();
            values.forEach((value, g) -> byValue.add(value, g.toJson()));
            json.add(dimension, byValue);
        });
        return json;
    }

    /** Reads what {@link #toJson()} wrote; problems are recorded under their JSON path. */
    static Tally fromJson(Fields json, Problems problems) {
        Tally tally = new Tally();
        tally.all.read(json, problems);
        for (String dimension : DIMENSIONS) {
            json.optionalObject(dimension).ifPresent(byValue -> byValue.entries().forEach(e ->
                    Fields.object(e.getValue(), Fields.child(byValue.path(), e.getKey()), problems)
                            .ifPresent(g -> tally.group(dimension, e.getKey()).read(g, problems))));
        }
        return tally;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Tally && toJson().equals(((Tally) o).toJson()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(toJson());
    }

    @Override
    public String toString() {
        return "Tally" + toJson();
    }

    /** Objects, bytes and outcome counts of one group of objects. */
    private static final class Group {
        long objects;
        long bytes;
        final Map<Outcome.Kind, Long> outcomes = new EnumMap<>(Outcome.Kind.class);

        void add(long size, Outcome.Kind kind) {
            objects++;
            bytes += size;
            outcomes.merge(kind, 1L, Long::sum);
        }

        void addAll(Group other) {
            objects += other.objects;
            bytes += other.bytes;
            other.outcomes.forEach((k, n) -> outcomes.merge(k, n, Long::sum));
        }

        JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.addProperty("objects", objects);
            json.addProperty("bytes", bytes);
            JsonObject kinds = new JsonObject();
            outcomes.forEach((k, n) -> kinds.addProperty(k.name(), n));
            json.add("outcomes", kinds);
            return json;
        }

        void read(Fields json, Problems problems) {
            objects += count(json, "objects");
            bytes += count(json, "bytes");
            json.optionalObject("outcomes").ifPresent(kinds -> {
                for (Map.Entry<String, JsonElement> e : kinds.entries()) {
                    Optional<Outcome.Kind> kind = kindNamed(e.getKey());
                    if (kind.isEmpty()) {
                        problems.add(Fields.child(kinds.path(), e.getKey()), "not an outcome");
                        continue;
                    }
                    outcomes.merge(kind.get(), count(kinds, e.getKey()), Long::sum);
                }
            });
        }

        private static Optional<Outcome.Kind> kindNamed(String name) {
            for (Outcome.Kind kind : Outcome.Kind.values()) {
                if (kind.name().equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }

        private static long count(Fields json, String name) {
            return json.optionalNumber(name, n -> n.matches("0|[1-9][0-9]{0,17}") ? Optional.empty()
                    : Optional.of("not a count: " + n)).map(Long::parseLong).orElse(0L);
        }
    }
}
