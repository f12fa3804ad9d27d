package io.ossenforcer.app;

import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.rules.RuleSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.message.MapMessage;

/**
 * One log line per object outcome, and one per invocation-level message. Each is a {@link MapMessage} of the line's
 * fields; the JSON Template Layout ({@code log4j2.xml}, {@code log/outcome.json}) adds the time and level and writes
 * it as one JSON object. Never a credential: the fields are those of the report.
 */
final class OutcomeLog {
    static final String LOGGER = "io.ossenforcer.outcome";
    private static final Logger LOG = LogManager.getLogger(LOGGER);

    private OutcomeLog() {
    }

    static void outcome(String invocationId, Outcome o) {
        Level level = levelOf(o.kind());
        if (LOG.isEnabled(level)) {
            Map<String, Object> fields = header("outcome", invocationId);
            fields.putAll(Report.resultFields(o));
            LOG.log(level, new MapMessage<>(fields));
        }
    }

    /** An invocation-level problem: a bad event, bad rules, rules that could not be reloaded. */
    static void error(String invocationId, String what, String message) {
        message(Level.ERROR, "error", invocationId, what, message);
    }

    /** Something an operator should look at that failed nothing, such as new rules that stop enforcing a bucket. */
    static void warning(String invocationId, String what, String message) {
        message(Level.WARN, "warning", invocationId, what, message);
    }

    /**
     * What rules just loaded say that is probably a mistake ({@link RuleSet#warnings()}, what {@code check-rules}
     * prints): one WARN line each, so a function running on, say, the placeholder key id says so before it fails.
     */
    static void rulesWarnings(String invocationId, RuleSet rules) {
        for (String warning : rules.warnings()) {
            warning(invocationId, "rules warning", rules.source() + ": " + warning);
        }
    }

    /** A noteworthy event that is not an object outcome, such as rules being (re)loaded. */
    static void note(String invocationId, String what, String message) {
        message(Level.INFO, "note", invocationId, what, message);
    }

    private static void message(Level level, String field, String invocationId, String what, String message) {
        Map<String, Object> fields = header("invocation", invocationId);
        fields.put(field, what);
        fields.put("message", message);
        LOG.log(level, new MapMessage<>(fields));
    }

    private static Map<String, Object> header(String type, String invocationId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", type);
        fields.put("fcRequestId", invocationId);
        return fields;
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
