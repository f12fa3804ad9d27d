package io.ossenforcer.handler;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.rules.Encryption;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON an invocation answers with: {@code {"results":[...],"summary":{...}}}. Each result is also the body of
 * that object's log line, so the report and the logs can never disagree.
 */
public final class Report {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final List<Outcome> outcomes;

    public Report(List<Outcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    public List<Outcome> outcomes() {
        return outcomes;
    }

    public boolean anyFailed() {
        return outcomes.stream().anyMatch(o -> o.kind() == Outcome.Kind.FAILED);
    }

    /** Whether a retry of the whole invocation may fix a failure (FC retries a failed async invocation). */
    public boolean anyRetryable() {
        return outcomes.stream().anyMatch(Outcome::retryable);
    }

    public String toJson() {
        JsonObject root = new JsonObject();
        JsonArray results = new JsonArray();
        outcomes.forEach(o -> results.add(result(o)));
        root.add("results", results);
        root.add("summary", summary());
        return GSON.toJson(root);
    }

    private JsonObject summary() {
        Map<Outcome.Kind, Integer> counts = new EnumMap<>(Outcome.Kind.class);
        for (Outcome.Kind kind : Outcome.Kind.values()) {
            counts.put(kind, 0);
        }
        outcomes.forEach(o -> counts.merge(o.kind(), 1, Integer::sum));
        JsonObject summary = new JsonObject();
        summary.addProperty("total", outcomes.size());
        counts.forEach((kind, n) -> summary.addProperty(kind.name(), n));
        summary.addProperty("retryable", outcomes.stream().filter(Outcome::retryable).count());
        return summary;
    }

    static JsonObject result(Outcome o) {
        JsonObject r = new JsonObject();
        r.addProperty("bucket", o.bucket());
        r.addProperty("key", o.key());
        r.addProperty("eventName", o.eventName());
        o.ruleId().ifPresent(id -> r.addProperty("ruleId", id));
        r.addProperty("outcome", o.kind().name());
        r.addProperty("reason", o.reason());
        o.before().ifPresent(e -> r.add("before", encryption(e)));
        o.after().ifPresent(e -> r.add("after", encryption(e)));
        o.errorCode().ifPresent(c -> r.addProperty("errorCode", c));
        o.requestId().ifPresent(id -> r.addProperty("ossRequestId", id));
        o.previousVersionId().ifPresent(v -> {
            JsonObject previous = new JsonObject();
            previous.addProperty("versionId", v);
            previous.addProperty("action", o.previousVersionDeleted() ? "deleted" : "kept");
            r.add("previousVersion", previous);
        });
        if (o.kind() == Outcome.Kind.FAILED) {
            r.addProperty("retryable", o.retryable());
        }
        return r;
    }

    private static JsonObject encryption(Encryption e) {
        JsonObject j = new JsonObject();
        j.addProperty("encryption", e.algorithm().orElse("none"));
        e.kmsKeyId().ifPresent(k -> j.addProperty("kmsKeyId", k));
        e.dataEncryption().ifPresent(d -> j.addProperty("dataEncryption", d));
        return j;
    }

    /** One outcome as one line of JSON: the form of report files and log lines. */
    public static String line(Outcome o) {
        return GSON.toJson(result(o));
    }

    static String toJson(JsonObject o) {
        return GSON.toJson(o);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Report && outcomes.equals(((Report) o).outcomes));
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcomes);
    }

    @Override
    public String toString() {
        return "Report" + outcomes;
    }
}
