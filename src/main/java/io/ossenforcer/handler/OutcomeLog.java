package io.ossenforcer.handler;

import com.google.gson.JsonObject;
import io.ossenforcer.enforce.Outcome;
import java.time.Instant;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** One JSON line per object outcome, and JSON lines for invocation-level messages. Never a credential. */
final class OutcomeLog {
    private static final Logger LOG = LogManager.getLogger("io.ossenforcer.outcome");

    private OutcomeLog() {
    }

    static void outcome(String invocationId, Outcome o) {
        JsonObject line = Report.result(o);
        write(levelOf(o.kind()), "outcome", invocationId, line);
    }

    /** An invocation-level problem: a bad event, bad rules, rules that could not be reloaded. */
    static void error(String invocationId, String what, String message) {
        message(Level.ERROR, "error", invocationId, what, message);
    }

    /** A noteworthy event that is not an object outcome, such as rules being (re)loaded. */
    static void note(String invocationId, String what, String message) {
        message(Level.INFO, "note", invocationId, what, message);
    }

    private static void message(Level level, String field, String invocationId, String what, String message) {
        JsonObject line = new JsonObject();
        line.addProperty(field, what);
        line.addProperty("message", message);
        write(level, "invocation", invocationId, line);
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
