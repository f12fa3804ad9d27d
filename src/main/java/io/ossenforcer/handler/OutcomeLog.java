package io.ossenforcer.handler;

import com.google.gson.JsonObject;
import io.ossenforcer.enforce.Outcome;
import java.time.Instant;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** One JSON line per object outcome, and JSON lines for invocation-level errors. Never a credential. */
final class OutcomeLog {
    private static final Logger LOG = LogManager.getLogger("io.ossenforcer.outcome");

    private OutcomeLog() {
    }

    static void outcome(String invocationId, Outcome o) {
        JsonObject line = Report.result(o);
        write(levelOf(o.kind()), "outcome", invocationId, line);
    }

    static void error(String invocationId, String what, String message) {
        JsonObject line = new JsonObject();
        line.addProperty("error", what);
        line.addProperty("message", message);
        write(Level.ERROR, "invocation", invocationId, line);
    }

    private static void write(Level level, String type, String invocationId, JsonObject body) {
        JsonObject line = new JsonObject();
        line.addProperty("time", Instant.now().toString());
        line.addProperty("level", level.name());
        line.addProperty("type", type);
        line.addProperty("fcRequestId", invocationId);
        body.entrySet().forEach(e -> line.add(e.getKey(), e.getValue()));
        LOG.log(level, Report.toJson(line));
    }

    private static Level levelOf(Outcome.Kind kind) {
        switch (kind) {
            case FAILED:
                return Level.ERROR;
            case WOULD_ENCRYPT:
                return Level.WARN;
            default:
                return Level.INFO;
        }
    }
}
