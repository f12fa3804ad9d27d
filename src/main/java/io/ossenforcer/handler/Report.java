package io.ossenforcer.handler;

import com.google.gson.stream.JsonWriter;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.rules.Encryption;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The JSON an invocation answers with: {@code {"results":[...],"summary":{...}}}. Each result is also the body of
 * that object's log line, so the report and the logs can never disagree. Written straight to text with Gson's
 * streaming writer, as Gson writes a tree (same escaping, no HTML escaping): no tree per record, and no Gson instance,
 * whose type adapters a cold start would otherwise load.
 */
public final class Report {
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

    public String toJson() {
        return JsonText.of(json -> {
            json.beginObject().name("results").beginArray();
            for (Outcome o : outcomes) {
                json.beginObject();
                resultFields(json, o);
                json.endObject();
            }
            json.endArray().name("summary").beginObject().name("total").value(outcomes.size());
            int[] counts = new int[Outcome.Kind.values().length];
            for (Outcome o : outcomes) {
                counts[o.kind().ordinal()]++;
            }
            for (Outcome.Kind kind : Outcome.Kind.values()) {
                json.name(kind.name()).value(counts[kind.ordinal()]);
            }
            json.name("retryable").value(retryableCount());
            json.endObject().endObject();
        });
    }

    /** The fields of one outcome's result, written into an open object: the body of its log line too. */
    static void resultFields(JsonWriter r, Outcome o) throws IOException {
        r.name("bucket").value(o.bucket());
        r.name("key").value(o.key());
        r.name("eventName").value(o.eventName());
        if (o.ruleId().isPresent()) {
            r.name("ruleId").value(o.ruleId().get());
        }
        r.name("outcome").value(o.kind().name());
        r.name("reason").value(o.reason());
        if (o.before().isPresent()) {
            encryption(r.name("before"), o.before().get());
        }
        if (o.after().isPresent()) {
            encryption(r.name("after"), o.after().get());
        }
        if (o.errorCode().isPresent()) {
            r.name("errorCode").value(o.errorCode().get());
        }
        if (o.requestId().isPresent()) {
            r.name("ossRequestId").value(o.requestId().get());
        }
        if (o.previousVersionId().isPresent()) {
            r.name("previousVersion").beginObject().name("versionId").value(o.previousVersionId().get())
                    .name("action").value(o.previousVersionDeleted() ? "deleted" : "kept").endObject();
        }
        if (o.kind() == Outcome.Kind.FAILED) {
            r.name("retryable").value(o.retryable());
        }
    }

    private static void encryption(JsonWriter j, Encryption e) throws IOException {
        j.beginObject().name("encryption").value(e.algorithm().orElse("none"));
        if (e.kmsKeyId().isPresent()) {
            j.name("kmsKeyId").value(e.kmsKeyId().get());
        }
        if (e.dataEncryption().isPresent()) {
            j.name("dataEncryption").value(e.dataEncryption().get());
        }
        j.endObject();
    }

    /** One outcome as one line of JSON: the form of report files and log lines. */
    public static String line(Outcome o) {
        return JsonText.of(json -> {
            json.beginObject();
            resultFields(json, o);
            json.endObject();
        });
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
