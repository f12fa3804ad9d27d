package io.ossenforcer.app;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.rules.Encryption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

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
        for (Outcome o : outcomes) {
            if (o.kind() == Outcome.Kind.FAILED) {
                return true;
            }
        }
        return false;
    }

    /** Whether a retry of the whole invocation may fix a failure (FC retries a failed async invocation). */
    public boolean anyRetryable() {
        return retryableCount() > 0;
    }

    private int retryableCount() {
        int retryable = 0;
        for (Outcome o : outcomes) {
            if (o.retryable()) {
                retryable++;
            }
        }
        return retryable;
    }

    /**
     * The retryable failures, {@code oss://bucket/key: reason} each (the path once, where the reason starts with it):
     * why the invocation is failed for a retry.
     */
    public String retryableSummary() {
        StringJoiner retryable = new StringJoiner("; ");
        for (Outcome o : outcomes) {
            if (o.retryable()) {
                String path = "oss://" + o.bucket() + "/" + o.key();
                retryable.add(o.reason().startsWith(path) ? o.reason() : path + ": " + o.reason());
            }
        }
        return retryable.toString();
    }

    public String toJson() {
        List<Map<String, Object>> results = new ArrayList<>(outcomes.size());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", outcomes.size());
        for (Outcome.Kind kind : Outcome.Kind.values()) {
            summary.put(kind.name(), 0);
        }
        for (Outcome o : outcomes) {
            results.add(resultFields(o));
            summary.merge(o.kind().name(), 1, (a, b) -> (Integer) a + (Integer) b);
        }
        summary.put("retryable", retryableCount());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("results", results);
        report.put("summary", summary);
        return GSON.toJson(report);
    }

    /** The fields of one outcome's result, in order: the body of its log line too. */
    static Map<String, Object> resultFields(Outcome o) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("bucket", o.bucket());
        r.put("key", o.key());
        r.put("eventName", o.eventName());
        o.ruleId().ifPresent(id -> r.put("ruleId", id));
        r.put("outcome", o.kind().name());
        r.put("reason", o.reason());
        o.before().ifPresent(e -> r.put("before", encryption(e)));
        o.after().ifPresent(e -> r.put("after", encryption(e)));
        o.errorCode().ifPresent(code -> r.put("errorCode", code));
        o.requestId().ifPresent(id -> r.put("ossRequestId", id));
        o.previousVersionId().ifPresent(id -> {
            Map<String, Object> previous = new LinkedHashMap<>();
            previous.put("versionId", id);
            previous.put("action", o.previousVersionDeleted() ? "deleted" : "kept");
            r.put("previousVersion", previous);
        });
        if (o.kind() == Outcome.Kind.FAILED) {
            r.put("retryable", o.retryable());
        }
        return r;
    }

    private static Map<String, Object> encryption(Encryption e) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("encryption", e.algorithm().orElse("none"));
        e.kmsKeyId().ifPresent(id -> j.put("kmsKeyId", id));
        e.dataEncryption().ifPresent(d -> j.put("dataEncryption", d));
        return j;
    }

    /** One outcome as one line of JSON: the form of report files. */
    public static String line(Outcome o) {
        return GSON.toJson(resultFields(o));
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
