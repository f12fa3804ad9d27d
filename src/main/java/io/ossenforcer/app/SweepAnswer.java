package io.ossenforcer.app;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.ossenforcer.sweep.Checkpoint;
import io.ossenforcer.sweep.SliceState;

/** What a sweep invocation answers: where the slice stands, and its totals so far. */
final class SweepAnswer {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private SweepAnswer() {
    }

    static String json(SweepRequest request, String checkpoint, Checkpoint end) {
        SliceState state = end.slices().get(0);
        JsonObject sweep = new JsonObject();
        sweep.addProperty("bucket", request.bucket);
        sweep.addProperty("prefix", request.prefix);
        sweep.addProperty("slice", request.slice);
        sweep.addProperty("slices", request.sliceCount());
        sweep.addProperty("dryRun", end.dryRun());
        sweep.addProperty("checkpoint", checkpoint);
        sweep.addProperty("done", state.done());
        state.watermark().ifPresent(w -> sweep.addProperty("watermark", w));
        sweep.add("totals", state.tally().toJson());
        JsonObject answer = new JsonObject();
        answer.add("sweep", sweep);
        return GSON.toJson(answer);
    }
}
