package io.ossenforcer.canary;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.ossenforcer.rules.Encryption;
import java.util.Comparator;
import java.util.List;

/**
 * One canary's result as one line of JSON, for scripts and CI: which canary, what its rule expects, what it ended as,
 * the exposure window, and for a failure the cause and the fix. Encryption is written as the enforcer's report
 * writes it ({@code {"encryption":"KMS","kmsKeyId":...}}).
 */
public final class CanaryReport {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private CanaryReport() {
    }

    public static String line(String runId, CanaryResult r) {
        Canary c = r.canary();
        JsonObject j = new JsonObject();
        j.addProperty("type", "canary");
        j.addProperty("runId", runId);
        j.addProperty("bucket", c.bucket());
        j.addProperty("key", c.key());
        j.addProperty("ruleId", c.rule().id());
        j.addProperty("mode", c.rule().mode().configName());
        j.addProperty("canary", c.kind().label());
        j.add("uploadedWith", encryption(c.kind().uploadedWith()));
        j.addProperty("expected", c.expected());
        r.observation().last().ifPresent(s -> j.add("observed", encryption(s.object().encryption())));
        j.addProperty("verdict", r.pass() ? "PASS" : "FAIL");
        j.addProperty("finding", r.finding().name());
        r.window().ifPresent(w -> {
            j.addProperty("exposureWindowMs", w.toMillis());
            j.addProperty("exposureWindowAtLeastMs", r.observation().unchangedAfter().toMillis());
        });
        if (!r.problems().isEmpty()) {
            j.add("problems", strings(r.problems()));
        }
        r.cause().ifPresent(cause -> j.addProperty("cause", cause));
        r.fix().ifPresent(fix -> j.addProperty("fix", fix));
        c.placement().ifPresent(p -> j.addProperty("placement", p));
        return GSON.toJson(j);
    }

    /** The run as one line of JSON, after the canaries': whether it passed, and what is not any one canary's. */
    public static String summary(VerificationRun run) {
        JsonObject j = new JsonObject();
        j.addProperty("type", "run");
        j.addProperty("runId", run.plan().runId());
        j.addProperty("verdict", run.passed() ? "PASS" : "FAIL");
        j.addProperty("canaries", run.results().size());
        j.addProperty("failed", run.results().stream().filter(r -> !r.pass()).count());
        run.results().stream().flatMap(r -> r.window().stream()).max(Comparator.naturalOrder())
                .ifPresent(w -> j.addProperty("longestExposureWindowMs", w.toMillis()));
        j.add("untested", strings(run.plan().untestable()));
        j.add("notes", strings(run.notes()));
        j.addProperty("removed", run.removed().size());
        j.add("leftInPlace", strings(run.leftovers()));
        return GSON.toJson(j);
    }

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    private static JsonObject encryption(Encryption e) {
        JsonObject j = new JsonObject();
        j.addProperty("encryption", e.algorithm().orElse("none"));
        e.kmsKeyId().ifPresent(k -> j.addProperty("kmsKeyId", k));
        e.dataEncryption().ifPresent(d -> j.addProperty("dataEncryption", d));
        return j;
    }
}
