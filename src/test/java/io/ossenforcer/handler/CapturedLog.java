package io.ossenforcer.handler;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Collects the lines the handler logs, for tests that read them. */
final class CapturedLog extends AbstractAppender implements AutoCloseable {
    /**
     * A test that captures holds this resource exclusively ({@code @ResourceLock(CapturedLog.LINES)}); a test class
     * that logs while others run (FaultScenariosTest runs concurrently) holds it shared, so that its lines never
     * land in another test's capture.
     */
    static final String LINES = "io.ossenforcer.handler.CapturedLog";

    private final List<String> lines = new ArrayList<>();

    private CapturedLog() {
        super("captured", null, null, true, Property.EMPTY_ARRAY);
    }

    static CapturedLog attach() {
        CapturedLog log = new CapturedLog();
        log.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.getRootLogger().addAppender(log, null, null);
        context.updateLoggers();
        return log;
    }

    @Override
    public synchronized void append(LogEvent event) {
        lines.add(event.getMessage().getFormattedMessage());
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
