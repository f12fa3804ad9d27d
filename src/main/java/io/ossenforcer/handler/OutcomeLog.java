package io.ossenforcer.handler;

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

    /** Nothing beyond this class's initializer, which starts Log4j: see {@link LogStart}. */
    static void start() {
    }

    static void outcome(String invocationId, Outcome o) {
        write(levelOf(o.kind()), "outcome", invocationId, json -> Report.resultFields(json, o));
    }

    /** An invocation-level problem: a bad event, bad rules, rules that could not be reloaded. */
    static void error(String invocationId, String what, String message) {
        message(Level.ERROR, "error", invocationId, what, message);
    }

    /** Something an operator should look at that failed nothing, such as new rules that stop enforcing a bucket. */
    static void warning(String invocationId, String what, String message) {
        message(Level.WARN, "warning", invocationId, what, message);
    }

    /** A noteworthy event that is not an object outcome, such as rules being (re)loaded. */
    static void note(String invocationId, String what, String message) {
        message(Level.INFO, "note", invocationId, what, message);
    }

    private static void message(Level level, String field, String invocationId, String what, String message) {
        write(level, "invocation", invocationId, json -> json.name(field).value(what).name("message").value(message));
    }

    /** Skips building the line at all when the level is off. */
    private static void write(Level level, String type, String invocationId, JsonText.Body body) {
        if (!LOG.isEnabled(level)) {
            return;
        }
        LOG.log(level, JsonText.of(json -> {
            json.beginObject().name("time").value(InstantText.of(Instant.now())).name("level").value(level.name())
                    .name("type").value(type).name("fcRequestId").value(invocationId);
            body.write(json);
            json.endObject();
        }));
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
