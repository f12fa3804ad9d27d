package io.ossenforcer.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects the outcome and invocation lines the handler logs (or what reaches another logger), each laid out exactly
 * as {@code log4j2.xml}'s outcome appender writes it, for tests that read them.
 */
public final class CapturedLog extends AbstractAppender implements AutoCloseable {
    /**
     * A test that captures holds this resource exclusively ({@code @ResourceLock(CapturedLog.LINES)}); a test class
     * that logs while others run (FaultScenariosTest runs concurrently) holds it shared, so that its lines never
     * land in another test's capture.
     */
    public static final String LINES = "io.ossenforcer.testing.CapturedLog";
    /** The logger of outcome and invocation lines, {@code io.ossenforcer.app.OutcomeLog}'s. */
    private static final String OUTCOMES = "io.ossenforcer.outcome";

    private final List<String> lines = new ArrayList<>();
    private final String logger;

    private CapturedLog(Layout<?> layout, String logger) {
        super("captured", null, layout, true, Property.EMPTY_ARRAY);
        this.logger = logger;
    }

    public static CapturedLog attach() {
        return attachTo(OUTCOMES);
    }

    /** What passes the configured level of {@code logger} (the nearest configured logger, as Log4j resolves it). */
    public static CapturedLog attachTo(String logger) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        CapturedLog log = new CapturedLog(config.getAppender("outcomes").getLayout(), logger);
        log.start();
        config.getLoggerConfig(logger).addAppender(log, null, null);
        context.updateLoggers();
        return log;
    }

    @Override
    public synchronized void append(LogEvent event) {
        lines.add(getLayout().toSerializable(event).toString().stripTrailing());
        notifyAll();
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits until more than {@code count} lines are captured or {@code timeout} passes; returns how many there are. */
    public synchronized int awaitMoreThan(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); lines.size() <= count && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return lines.size();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig config = context.getConfiguration().getLoggerConfig(logger);
        config.removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
